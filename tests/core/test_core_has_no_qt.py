"""kiosk.core must work without Qt: import every module with PySide6 blocked."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import kiosk.core

BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "PySide6" or name.startswith("PySide6.") or name.startswith("shiboken6"):
            raise ImportError("Qt is not allowed in kiosk.core: " + name)
        return None
sys.meta_path.insert(0, Block())
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
print("imported", len(sys.argv) - 1)
"""


def core_modules() -> list[str]:
    return [info.name for info in pkgutil.walk_packages(kiosk.core.__path__, prefix="kiosk.core.")]


def test_every_core_module_imports_without_qt() -> None:
    modules = ["kiosk.core", *core_modules()]
    assert len(modules) >= 8
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER, *modules], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert f"imported {len(modules)}" in result.stdout
