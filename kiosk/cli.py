"""The ``kiosk`` command line: ``kiosk run`` by default, plus staff and developer tools."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kiosk import __version__
from kiosk.commands import (
    attendance,
    lessons,
    participants,
    pin,
    run,
    selftest,
    voice,
    warehouse,
)

# Each module registers its own subcommands; heavy imports happen inside the handlers.
# Plain imports, so tools and tests see that the commands never import this module back.
COMMAND_MODULES = (run, attendance, selftest, lessons, participants, pin, warehouse, voice)


class KioskArgumentParser(argparse.ArgumentParser):
    """Usage errors print the usage and a plain message, and exit with status 2.

    Every parser, the top level and each subcommand at any depth, takes ``--data-dir``,
    so ``kiosk --data-dir X report`` and ``kiosk report --data-dir X`` mean the same.
    """

    def __init__(self, *args: object, top_level: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _add_data_dir_option(self, top_level)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(
            2, f"{self.prog}: error: {message}\nTry 'kiosk --help' for the list of commands.\n"
        )


def _add_data_dir_option(parser: argparse.ArgumentParser, top_level: bool) -> None:
    # A subcommand's option only overrides the top level's when it is given.
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None if top_level else argparse.SUPPRESS,
        help="folder for the database, CSV export, logs and settings "
        "(default: $KIOSK_DATA_DIR or the per-user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = KioskArgumentParser(
        prog="kiosk",
        description="Digital-divide support kiosk. With no command, 'kiosk run' starts the kiosk.",
        top_level=True,
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=KioskArgumentParser
    )
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def _with_default_command(argv: list[str], commands: Sequence[str]) -> list[str]:
    """Insert ``run`` when no subcommand is named (``kiosk --demo`` == ``kiosk run --demo``)."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-h", "--help", "--version"):
            return argv
        if arg == "--data-dir":
            i += 2
            continue
        if arg.startswith("--data-dir="):
            i += 1
            continue
        if arg in commands:
            return argv
        break
    return [*argv[:i], "run", *argv[i:]]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    subparsers_action = next(
        a for a in parser._actions if isinstance(a, argparse._SubParsersAction)
    )
    args_list = _with_default_command(
        list(sys.argv[1:] if argv is None else argv), list(subparsers_action.choices)
    )
    args = parser.parse_args(args_list)
    try:
        result: int = args.func(args)
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as other tools do.
        sys.stderr.close()
        return 0
    return result


if __name__ == "__main__":
    sys.exit(main())
