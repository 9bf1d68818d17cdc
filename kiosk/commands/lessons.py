"""``kiosk lessons check`` and ``kiosk lessons list``: tools for lesson authors and staff.

Procedure files (``lessons/procedures/``) are checked with the lessons; ``list`` shows
them with ``--procedures`` or when a PATH names them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.text_safety import printable

if TYPE_CHECKING:
    from kiosk.core.lessons import LessonLoad
    from kiosk.core.procedures import ProcedureLoad


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "lessons",
        help="check or list the lesson files",
        description="Check lesson files for problems, or list the lessons.",
    )
    actions = parser.add_subparsers(dest="lessons_action", metavar="ACTION", required=True)

    check = actions.add_parser(
        "check",
        help="report every problem in lesson files (exit 0: all good, 1: problems, 2: usage)",
        description="Print one line per problem: FILE: step N: what is wrong and what to do. "
        "Exit status 0 when every file is valid, 1 when any is not, 2 on usage errors.",
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="also report kanji without a reading in text that is read aloud",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="lesson or procedure files or folders (default: the bundled lessons folder; "
        "a folder's procedures/ folder is checked too)",
    )
    check.set_defaults(func=_check)

    listing = actions.add_parser(
        "list",
        help="list the lessons that load: id, kind, level, steps, title",
        description="List the valid lessons in order. Lessons with problems are left out; "
        "run 'kiosk lessons check' to see why.",
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array instead")
    listing.add_argument(
        "--procedures",
        action="store_true",
        help="also list the procedures (lessons/procedures/, or a folder's procedures/ folder)",
    )
    listing.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="lesson files or folders (default: the bundled lessons folder)",
    )
    listing.set_defaults(func=_list)


class _UsageError(Exception):
    """A PATH argument that cannot be used; reported with exit status 2."""


def _is_procedure_folder(path: Path) -> bool:
    from kiosk.core.procedures import PROCEDURES_FOLDER

    return path.name == PROCEDURES_FOLDER


def _lesson_paths(arguments: list[str], *, procedures: bool) -> tuple[list[Path], list[Path]]:
    """The lesson files and procedure files named by PATH arguments.

    A folder gives its lesson files and, with ``procedures``, those of its
    ``procedures/`` folder; a ``procedures`` folder or a file in one gives procedures.
    """
    from kiosk.core.lessons import lesson_files
    from kiosk.core.procedures import PROCEDURES_FOLDER, procedure_files

    files: list[Path] = []
    procedure_paths: list[Path] = []
    for argument in arguments:
        # abspath, not resolve(): keeps a symlinked lessons folder beside its assets.
        path = Path(os.path.abspath(argument))
        if path.is_dir():
            if _is_procedure_folder(path):
                procedure_paths.extend(procedure_files(path))
                continue
            files.extend(lesson_files(path))
            if procedures and (path / PROCEDURES_FOLDER).is_dir():
                procedure_paths.extend(procedure_files(path / PROCEDURES_FOLDER))
        elif path.is_file():
            if path.suffix.lower() != ".toml":
                raise _UsageError(f"not a lesson file (lesson files end in .toml): {argument}")
            (procedure_paths if _is_procedure_folder(path.parent) else files).append(path)
        else:
            raise _UsageError(f"no such file or folder: {argument}")
    # The same file named twice is checked once.
    return list(dict.fromkeys(files)), list(dict.fromkeys(procedure_paths))


def _load(
    args: argparse.Namespace, *, strict: bool, procedures: bool
) -> tuple[LessonLoad, ProcedureLoad, int, int]:
    """Load the PATHs (default: the bundled lessons, and procedures if asked).

    Also return how many lesson and procedure files were read.
    """
    from kiosk.core.lessons import lesson_files, load_lesson_files, load_lessons
    from kiosk.core.procedures import load_procedure_files, procedure_files, procedures_dir
    from kiosk.core.resources import lessons_dir

    procedure_paths: list[Path] = []
    if args.paths:
        files, procedure_paths = _lesson_paths(args.paths, procedures=procedures)
    elif lessons_dir().is_dir():
        files = lesson_files(lessons_dir())
        if procedures and procedures_dir().is_dir():
            procedure_paths = procedure_files(procedures_dir())
    else:
        # Reports the missing folder as a problem.
        return load_lessons(strict=strict), load_procedure_files([]), 0, 0
    return (
        load_lesson_files(files, strict=strict),
        load_procedure_files(procedure_paths, strict=strict),
        len(files),
        len(procedure_paths),
    )


def _usage_error(args: argparse.Namespace, message: str) -> int:
    print(printable(f"kiosk lessons {args.lessons_action}: error: {message}"), file=sys.stderr)
    return 2


def _check(args: argparse.Namespace) -> int:
    try:
        load, procedure_load, file_count, procedure_count = _load(
            args, strict=args.strict, procedures=True
        )
    except _UsageError as error:
        return _usage_error(args, str(error))
    problems = [*load.problems, *procedure_load.problems]
    for problem in problems:
        print(printable(str(problem)))
    if args.strict:
        _reading_warnings(load, procedure_load)
    files_with_problems = len({problem.file for problem in problems})
    checked = f"{file_count} lesson file(s) checked"
    if procedure_count:
        procedures = f"{procedure_count} procedure file(s)"
        checked = (
            f"{file_count} lesson file(s) and {procedures} checked"
            if file_count
            else f"{procedures} checked"
        )
    if file_count == 0 and procedure_count == 0 and not problems:
        print("no lesson files (like 07_camera.toml) were found", file=sys.stderr)
    elif problems:
        print(
            f"{checked}: {len(problems)} problem(s) in {files_with_problems} file(s)",
            file=sys.stderr,
        )
    else:
        print(f"{checked}: no problems", file=sys.stderr)
    return 1 if problems else 0


def _reading_warnings(load: LessonLoad, procedure_load: ProcedureLoad) -> None:
    """Warn about each furigana the voice reads differently (only with the [voice] extra)."""
    from kiosk.core.config import Config
    from kiosk.core.voice.catalogue import filled_lesson, lesson_texts, procedure_texts
    from kiosk.core.voice.readings import ruby_disagreements
    from kiosk.core.voice.render import RendererMissing

    config = Config()
    sources = [(x.source, lesson_texts(filled_lesson(x, config))) for x in load.lessons]
    sources += [(p.source, procedure_texts(p, config)) for p in procedure_load.procedures]
    count = 0
    try:
        for source, texts in sources:
            for text in texts:
                for found in ruby_disagreements(text) if text else ():
                    count += 1
                    print(
                        printable(
                            f"{source}: warning: '{found.written}' is read "
                            f"'{found.open_jtalk}' by the voice, but the furigana say "
                            f"'{found.author}'; check the reading"
                        )
                    )
    except RendererMissing:
        return  # without the renderer there is nothing to compare with
    if count:
        print(f"{count} furigana read otherwise by the voice (warnings)", file=sys.stderr)


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Japanese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _list(args: argparse.Namespace) -> int:
    try:
        load, procedure_load, _, _ = _load(args, strict=False, procedures=args.procedures)
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
    rows += [
        {
            "id": procedure.id,
            "title": procedure.plain_title,
            "kind": procedure.kind,
            "level": "-",
            "steps": len(procedure.steps),
        }
        for procedure in procedure_load.procedures
    ]
    if args.json:
        print(printable(json.dumps(rows, ensure_ascii=False, indent=2)))
    else:
        header = {"id": "ID", "kind": "KIND", "level": "LEVEL", "steps": "STEPS", "title": "TITLE"}
        table = [header, *({key: str(value) for key, value in row.items()} for row in rows)]
        columns = ("id", "kind", "level", "steps")
        widths = {key: max(_width(line[key]) for line in table) for key in columns}
        for line in table:
            cells = [_pad(line[key], widths[key]) for key in columns]
            print(printable("  ".join([*cells, line["title"]])))
    files_with_problems = len({problem.file for problem in load.problems})
    procedures_with_problems = len({problem.file for problem in procedure_load.problems})
    if files_with_problems:
        print(
            f"{files_with_problems} lesson file(s) have problems and are not listed; "
            "run 'kiosk lessons check' to see them",
            file=sys.stderr,
        )
    if procedures_with_problems:
        print(
            f"{procedures_with_problems} procedure file(s) have problems and are not listed; "
            "run 'kiosk lessons check' to see them",
            file=sys.stderr,
        )
    return 0
