"""Allow ``python -m kiosk`` (and the PyInstaller bundle's entry point)."""

import multiprocessing
import sys

from kiosk.cli import main

if __name__ == "__main__":
    # `kiosk report` reads many CSV files in worker processes; a frozen bundle (and
    # Windows, which spawns rather than forks) must let those workers start here.
    multiprocessing.freeze_support()
    sys.exit(main())
