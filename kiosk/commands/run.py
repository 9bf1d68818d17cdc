"""``kiosk run``: start the kiosk."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("run", help="start the kiosk (the default command)")
    parser.add_argument(
        "--demo", action="store_true", help="demo mode: demo PIN 1234, demo data folder"
    )
    parser.add_argument(
        "--windowed", action="store_true", help="a normal window instead of full screen"
    )
    parser.add_argument(
        "--config", metavar="FILE", help="settings file (default: kiosk.toml in the data folder)"
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="exit as soon as the home screen has been painted (for start-up measurements)",
    )
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from kiosk.app import run_kiosk

    return run_kiosk(args)
