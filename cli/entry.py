"""The `rota` command's entry point: Ctrl+C while the program is still loading (OR-Tools and
pandas take a second) ends it in words too, not with a traceback."""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

INTERRUPTED = 130  # the shell's code for a run ended by Ctrl+C (128 + SIGINT)


def run() -> None:
    signal.signal(signal.SIGINT, _while_loading)
    from cli.main import main

    # From here the commands turn Ctrl+C into their own message (cli.main.friendly_errors).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    main()


def _while_loading(signum: int, frame: FrameType | None) -> None:
    del signum, frame
    english = os.environ.get("ROTA_LANG") == "en" or "en" in sys.argv[1:3]
    sys.stderr.write(
        "Interrupted with Ctrl+C: nothing was written.\n"
        if english
        else "Avbrutt med Ctrl+C: ingenting er skrevet.\n"
    )
    sys.exit(INTERRUPTED)
