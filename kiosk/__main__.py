"""Allow ``python -m kiosk`` (and the PyInstaller bundle's entry point)."""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # `kiosk report` reads many CSV files in worker processes; in the frozen bundle
        # those workers start through this entry point. (Not imported otherwise: start-up.)
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
