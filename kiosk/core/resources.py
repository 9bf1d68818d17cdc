"""Find bundled read-only files (fonts, images, lessons) from source or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath


def bundle_root() -> Path:
    """Return the folder that holds ``assets/`` and ``lessons/``.

    From source this is the repository root; in a PyInstaller bundle it is
    ``sys._MEIPASS``. Writable data never lives here.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[2]


def resource_path(relative: str) -> Path:
    """Return the absolute path of a bundled resource such as ``assets/fonts/x.ttf``.

    Refuses absolute paths and any ``..`` component so that content files
    cannot point outside the bundle.
    """
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or (pure.parts and ":" in pure.parts[0]):
        raise ValueError(f"resource path must stay inside the bundle: {relative!r}")
    return bundle_root().joinpath(*pure.parts)


def assets_dir() -> Path:
    return resource_path("assets")


def lessons_dir() -> Path:
    return resource_path("lessons")
