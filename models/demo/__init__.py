"""Demo units shipped with the package: a sykehjem ward, a bofellesskap in Karasjok and a
home-care zone whose demand comes from its vedtak."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from models.unit import Unit
from models.yaml_io import unit_from_yaml

DEMO_UNITS = {
    "sykehjem": "sykehjem.yaml",
    "bofellesskap": "bofellesskap.yaml",
    "hjemmesone": "hjemmesone.yaml",
}
# The units `rota demo` writes and solves: the vedtak zone is shown by `rota vedtak` and the
# demo portfolio instead.
DEMO_RUN = ("sykehjem", "bofellesskap")
# Files a demo unit's YAML names, to be written beside it.
DEMO_FILES_BESIDE = {"hjemmesone": ("hjemmesone-vedtak.yaml",)}
# The bofellesskap's residents' vedtak, to make its demand from (models.vedtak_demand).
BOFELLESSKAP_VEDTAK = "bofellesskap-vedtak.yaml"


def demo_path(file: str) -> Path:
    """A file shipped with the demo units."""
    return Path(str(resources.files(__package__).joinpath(file)))


def demo_text(name: str) -> str:
    """The YAML text of a demo unit."""
    return resources.files(__package__).joinpath(DEMO_UNITS[name]).read_text(encoding="utf-8")


def demo_unit(name: str = "sykehjem") -> Unit:
    """A demo unit by name: 'sykehjem' (the ward), 'bofellesskap' (Karasjok) or 'hjemmesone'
    (home care, demand from vedtak)."""
    return unit_from_yaml(demo_text(name), DEMO_UNITS[name], demo_path("."))
