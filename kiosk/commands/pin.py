"""``kiosk pin reset``: choose a new staff PIN from a console on the kiosk PC itself.

The recovery for a forgotten PIN or a damaged ``staff_pin.json``. It needs the PC's own
account (the one that owns the data folder), which is what protects it; see docs/security.md.
"""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("pin", help="staff PIN recovery (run on the kiosk PC)")
    actions = parser.add_subparsers(dest="pin_command", metavar="ACTION", required=True)
    reset = actions.add_parser(
        "reset",
        help="set a new staff PIN (asked twice) and lift any lock of the PIN pad",
        description="Set a new staff PIN for the kiosk whose data folder this is. "
        "The PIN is typed twice; nothing changes unless both match.",
    )
    reset.add_argument("--demo", action="store_true", help="the demo data folder")
    reset.set_defaults(func=_reset)


def _ask(prompt: str) -> str:
    if sys.stdin.isatty():
        import getpass  # the digits are not shown on the screen

        return getpass.getpass(prompt)
    print(prompt, end="", flush=True)
    line = sys.stdin.readline()
    print()
    if not line:
        raise EOFError
    return line.strip()


def _reset(args: argparse.Namespace) -> int:
    from kiosk.core.paths import resolve_data_dir
    from kiosk.core.pin import PIN_FILE, StaffPin, is_valid_pin_format

    data_dir = resolve_data_dir(getattr(args, "data_dir", None), demo=args.demo)
    if not data_dir.is_dir():
        print(f"kiosk pin reset: no data folder at {data_dir}", file=sys.stderr)
        return 1
    pin = StaffPin(data_dir)
    state = "damaged" if pin.is_damaged() else ("set" if pin.is_set() else "not set yet")
    print(f"Staff PIN of the kiosk in {data_dir} ({PIN_FILE}: {state}).")
    try:
        first = _ask("New staff PIN (4-8 digits): ")
        if not is_valid_pin_format(first):
            print(
                "kiosk pin reset: the PIN must be 4 to 8 digits; nothing changed", file=sys.stderr
            )
            return 1
        again = _ask("The same PIN again, to confirm: ")
    except (EOFError, KeyboardInterrupt):
        print("kiosk pin reset: cancelled; nothing changed", file=sys.stderr)
        return 1
    if again != first:
        print("kiosk pin reset: the two PINs differ; nothing changed", file=sys.stderr)
        return 1
    try:
        pin.set_pin(first)
    except OSError as exc:
        print(
            f"kiosk pin reset: cannot write {data_dir / PIN_FILE}: {exc.strerror}", file=sys.stderr
        )
        return 1
    print("The new staff PIN is set and the PIN pad is unlocked.")
    return 0
