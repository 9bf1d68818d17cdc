"""Subcommands of the ``kiosk`` command line; each module exposes ``register(subparsers)``."""
