"""Demo scenarios for the demo ward, shipped as package data."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def demo_scenario_files() -> list[Path]:
    """The demo scenario files, in their numbered order."""
    folder = Path(str(resources.files(__package__)))
    return sorted(folder.glob("[0-9]*.yaml"))
