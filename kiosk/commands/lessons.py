"""``kiosk lessons check`` and ``kiosk lessons list``: tools for lesson authors and staff."""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli import add_data_dir_option

if TYPE_CHECKING:
    from kiosk.core.lessons import LessonLoad


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "lessons",
        help="check or list the lesson files",
        description="Check lesson files for problems, or list the lessons.",
    )
    add_data_dir_option(parser)
    actions = parser.add_subparsers(dest="lessons_action", metavar="ACTION", required=True)

    check = actions.add_parser(
        "check",
        help="report every problem in lesson files (exit 0: all good, 1: problems, 2: usage)",
        description="Print one line per problem: FILE: step N: what is wrong and what to do. "
        "Exit status 0 when every file is valid, 1 when any is not, 2 on usage errors.",
    )
    add_data_dir_option(check)
    check.add_argument(
        "--strict",
        action="store_true",
        help="also report kanji without a reading in text that is read aloud",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="lesson files or folders (default: the bundled lessons folder)",
    )
    check.set_defaults(func=_check)

    listing = actions.add_parser(
        "list",
        help="list the lessons that load: id, kind, level, steps, title",
        description="List the valid lessons in order. Lessons with problems are left out; "
        "run 'kiosk lessons check' to see why.",
    )
    add_data_dir_option(listing)
    listing.add_argument("--json", action="store_true", help="print a JSON array instead")
    listing.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="lesson files or folders (default: the bundled lessons folder)",
    )
    listing.set_defaults(func=_list)


class _UsageError(Exception):
    """A PATH argument that cannot be used; reported with exit status 2."""


def _lesson_paths(arguments: list[str]) -> list[Path]:
    """The lesson files named by PATH arguments (folders give their lesson files)."""
    from kiosk.core.lessons import lesson_files

    files: list[Path] = []
    for argument in arguments:
        # abspath, not resolve(): keeps a symlinked lessons folder beside its assets.
        path = Path(os.path.abspath(argument))
        if path.is_dir():
            files.extend(lesson_files(path))
        elif path.is_file():
            if path.suffix.lower() != ".toml":
                raise _UsageError(f"not a lesson file (lesson files end in .toml): {argument}")
            files.append(path)
        else:
            raise _UsageError(f"no such file or folder: {argument}")
    return list(dict.fromkeys(files))  # the same file named twice is checked once


def _load(args: argparse.Namespace, *, strict: bool) -> tuple[LessonLoad, int]:
    """Load the PATHs (default: the bundled lessons); also return how many files were read."""
    from kiosk.core.lessons import lesson_files, load_lesson_files, load_lessons
    from kiosk.core.resources import lessons_dir

    if args.paths:
        files = _lesson_paths(args.paths)
    elif lessons_dir().is_dir():
        files = lesson_files(lessons_dir())
    else:
        return load_lessons(strict=strict), 0  # reports the missing folder as a problem
    return load_lesson_files(files, strict=strict), len(files)


def _usage_error(args: argparse.Namespace, message: str) -> int:
    print(f"kiosk lessons {args.lessons_action}: error: {message}", file=sys.stderr)
    return 2


def _check(args: argparse.Namespace) -> int:
    try:
        load, file_count = _load(args, strict=args.strict)
    except _UsageError as error:
        return _usage_error(args, str(error))
    for problem in load.problems:
        print(problem)
    files_with_problems = len({problem.file for problem in load.problems})
    checked = f"{file_count} lesson file(s) checked"
    if file_count == 0 and not load.problems:
        print("no lesson files (like 07_camera.toml) were found", file=sys.stderr)
    elif load.problems:
        print(
            f"{checked}: {len(load.problems)} problem(s) in {files_with_problems} file(s)",
            file=sys.stderr,
        )
    else:
        print(f"{checked}: no problems", file=sys.stderr)
    return 1 if load.problems else 0


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Japanese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _list(args: argparse.Namespace) -> int:
    try:
        load, _ = _load(args, strict=False)
    except _UsageError as error:
        return _usage_error(args, str(error))
    rows = [
        {
            "id": lesson.id,
            "title": lesson.plain_title,
            "kind": lesson.kind,
            "level": lesson.level,
            "steps": len(lesson.steps),
        }
        for lesson in load.lessons
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        header = {"id": "ID", "kind": "KIND", "level": "LEVEL", "steps": "STEPS", "title": "TITLE"}
        table = [header, *({key: str(value) for key, value in row.items()} for row in rows)]
        columns = ("id", "kind", "level", "steps")
        widths = {key: max(_width(line[key]) for line in table) for key in columns}
        for line in table:
            cells = [_pad(line[key], widths[key]) for key in columns]
            print("  ".join([*cells, line["title"]]))
    files_with_problems = len({problem.file for problem in load.problems})
    if files_with_problems:
        print(
            f"{files_with_problems} lesson file(s) have problems and are not listed; "
            "run 'kiosk lessons check' to see them",
            file=sys.stderr,
        )
    return 0
