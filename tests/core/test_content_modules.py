"""The content checker's modules import each other one way only."""

from __future__ import annotations

import ast
from pathlib import Path

import kiosk.core.content

FOLDER = Path(kiosk.core.content.__file__).parent
# Each module may import only the ones before it.
LAYERS = (
    "problems",
    "placeholders",
    "images",
    "toml_file",
    "section",
    "loader",
    "levels",
    "schema",
)


def content_imports(path: Path) -> set[str]:
    """The kiosk.core.content modules ``path`` imports, by their short name."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "kiosk.core.content."
        ):
            found.add((node.module or "").rpartition(".")[2])
    return found


def test_every_module_is_a_layer() -> None:
    # The length of every module in the package is checked by tests/test_package_rules.py.
    modules = {path.stem for path in FOLDER.glob("*.py")} - {"__init__"}
    assert modules == set(LAYERS)


def test_modules_import_only_earlier_layers() -> None:
    for position, name in enumerate(LAYERS):
        imported = content_imports(FOLDER / f"{name}.py")
        later = imported - set(LAYERS[:position])
        assert not later, f"{name} imports {sorted(later)}"
