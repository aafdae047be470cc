"""Print settings: every sheet landscape with a title, page numbers and named fonts; the Turnus
of a 30-person, 6-week unit on one A3 page at 8 pt or more; every workbook renders through
LibreOffice with no empty page and, in bokmål, no English."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from models.demo import demo_unit
from models.print_setup import print_ready
from models.unit_workbook import write_template
from rota.check import check
from scenarios.rota_workbook import turnus_scale, write_rota_workbook
from tests.scenarios.test_rota_workbook import made_result, round_robin_rota

SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (libreoffice-calc-nogui) and poppler-utils are not installed",
)
DEFAULT_FONT_PT = 11


def test_every_sheet_gets_title_page_numbers_and_a_named_font() -> None:
    """Landscape, the title left and the sheet's name right in the header, 'Side 1 av 2' in
    the footer, the first row repeated, and a bold cell without a font name given Calibri;
    an '&' in the title is doubled (a code in headers)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "Overskrift"
    sheet["A1"].font = Font(bold=True)
    sheet["A2"] = 1
    print_ready(workbook, "Sol & Måne: turnus 6 uker")
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.oddHeader.left.text == "Sol && Måne: turnus 6 uker"
    assert sheet.oddHeader.right.text == "&A"
    assert sheet.oddFooter.center.text == "Side &P av &N"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet["A1"].font.name == "Calibri"
    assert sheet["A1"].font.bold


def test_the_turnus_of_the_demo_ward_prints_at_8_pt_or_more() -> None:
    """Six weeks of a 29-person ward across one A3 page: the scale keeps 11 pt text at 8 pt."""
    unit = demo_unit("sykehjem")
    assert unit.weeks == 6
    assert len(unit.employees) >= 29
    assert turnus_scale(unit) * DEFAULT_FONT_PT / 100 >= 8


def _pdf(book: Path, tmp_path: Path) -> Path:
    subprocess.run(
        [str(SOFFICE), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return tmp_path / f"{book.stem}.pdf"


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def _page_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)
    assert found is not None
    return float(found[1]), float(found[2])


@needs_libreoffice
def test_the_turnus_of_a_30_person_6_week_unit_is_one_a3_page(tmp_path: Path) -> None:
    """The demo ward's Turnus sheet alone renders as one A3 landscape page with every
    person's name on it."""
    unit = demo_unit("sykehjem")
    rota = round_robin_rota(unit)
    book = write_rota_workbook(unit, made_result(rota), check(unit, rota), tmp_path / "t.xlsx")
    workbook = load_workbook(book)
    for name in workbook.sheetnames[1:]:
        del workbook[name]
    workbook.save(tmp_path / "turnus.xlsx")
    pdf = _pdf(tmp_path / "turnus.xlsx", tmp_path)
    pages = _pages(pdf)
    assert len(pages) == 1
    width, height = _page_size(pdf)
    assert (round(width), round(height)) == (1191, 842)  # A3 landscape
    assert all(e.name in pages[0] for e in unit.employees if e.name)


@needs_libreoffice
def test_every_page_of_the_rota_workbook_and_template_has_content(tmp_path: Path) -> None:
    """The rota workbook and the filled template render with no empty page; the bokmål
    template holds no English sentence."""
    unit = demo_unit("sykehjem")
    rota = round_robin_rota(unit)
    book = write_rota_workbook(unit, made_result(rota), check(unit, rota), tmp_path / "r.xlsx")
    for pdf in (_pdf(book, tmp_path), _template_pdf(tmp_path)):
        pages = _pages(pdf)
        assert pages
        assert all(page.strip() for page in pages), pdf.name
    text = " ".join(_pages(_template_pdf(tmp_path)))
    english = [w for w in (" the ", " of ", " per year", "allowance", "Annual pay") if w in text]
    assert english == []


def _template_pdf(tmp_path: Path) -> Path:
    book = tmp_path / "mal.xlsx"
    if not book.exists():
        write_template(book, example=True)
    pdf = tmp_path / "mal.pdf"
    return pdf if pdf.exists() else _pdf(book, tmp_path)
