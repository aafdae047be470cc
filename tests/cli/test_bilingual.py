"""`--help` in bokmål by default and in English on request, every text translated."""

from __future__ import annotations

import inspect

import click
import pytest
from click.testing import CliRunner

from cli.bilingual import HELP_NB
from cli.main import main


def _texts(command: click.Command) -> list[str]:
    texts = [inspect.cleandoc(command.help)] if command.help else []
    texts += [
        inspect.cleandoc(p.help)
        for p in command.params
        if isinstance(p, click.Option) and p.help and not p.hidden
    ]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            texts += _texts(sub)
    return texts


def test_every_help_text_has_its_bokmal() -> None:
    """Each command's and option's help has a bokmål text: none is shown in English in bokmål."""
    missing = [text for text in _texts(main) if text not in HELP_NB]
    assert missing == []


@pytest.mark.parametrize("args", [["--help"], ["solve", "--help"], ["scenarios", "run", "-h"]])
def test_help_is_in_bokmal_by_default(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Usage, headings and texts in bokmål without --lang."""
    monkeypatch.delenv("ROTA_LANG", raising=False)
    monkeypatch.setattr("sys.argv", ["rota", *args])
    shown = CliRunner().invoke(main, args, prog_name="rota").output
    assert shown.startswith("Bruk: rota")
    assert "Valg:" in shown
    assert "Vis denne hjelpeteksten og avslutt." in shown
    assert "Options:" not in shown
    assert "Show this message" not in shown


@pytest.mark.parametrize("args", [["--lang", "en", "--help"], ["--help", "--lang", "en"]])
def test_help_is_in_english_on_request(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`--lang en`, before or after --help, gives the English help."""
    monkeypatch.setattr("sys.argv", ["rota", *args])
    shown = CliRunner().invoke(main, args, prog_name="rota").output
    assert shown.startswith("Usage: rota")
    assert "Commands:" in shown
    assert "Make a rota for UNIT" in shown
