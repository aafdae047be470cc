"""Demo units shipped with the package: a sykehjem ward and a bofellesskap in Karasjok."""

from __future__ import annotations

from importlib import resources

from models.unit import Unit
from models.yaml_io import unit_from_yaml

DEMO_UNITS = {
    "sykehjem": "sykehjem.yaml",
    "bofellesskap": "bofellesskap.yaml",
}


def demo_text(name: str) -> str:
    """The YAML text of a demo unit."""
    return resources.files(__package__).joinpath(DEMO_UNITS[name]).read_text(encoding="utf-8")


def demo_unit(name: str = "sykehjem") -> Unit:
    """A demo unit by name: 'sykehjem' (the ward) or 'bofellesskap' (Karasjok)."""
    return unit_from_yaml(demo_text(name), DEMO_UNITS[name])
