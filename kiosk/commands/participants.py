"""Staff commands on the participant register: ``participants show CODE`` and ``participants list``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from kiosk.commands.attendance import _guarded, _kiosk_options, _open

if TYPE_CHECKING:
    from kiosk.core.attendance.register import Entry
    from kiosk.core.attendance.store import AttendanceStore

_KINDS = (
    ("lesson", "完了したレッスン"),
    ("procedure", "完了した手続き"),
    ("practice", "ゆびの練習"),
)
_JSON_KEYS = {"lesson": "lessons", "procedure": "procedures", "practice": "practice"}


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    participants = subparsers.add_parser(
        "participants",
        help="what the city-wide participant register knows about cards",
        description="Reads the other kiosks' register files in the CSV folder first "
        "(when the folder is out of reach, what was read last is shown).",
    )
    actions = participants.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="one card: age band, area, visits, completions")
    show.add_argument("code", metavar="CODE", help="the card code, with or without the hyphen")
    show.add_argument("--json", action="store_true", help="print JSON")
    _kiosk_options(show, "use the demo data folder")
    show.set_defaults(func=_guarded(_show))
    listing = actions.add_parser("list", help="every card known here or in the register")
    listing.add_argument("--json", action="store_true", help="print JSON")
    _kiosk_options(listing, "use the demo data folder")
    listing.set_defaults(func=_guarded(_list))


def _refreshed(args: argparse.Namespace) -> AttendanceStore:
    """The store, with the register read from the CSV folder if it can be reached."""
    from kiosk.core.attendance.register_sync import RegisterSync

    store, config, data_dir = _open(args, demo=args.demo)
    folder = config.csv_folder_path(data_dir)
    try:
        if folder.is_dir():
            RegisterSync(store, folder).read()
        else:
            raise FileNotFoundError(2, "folder not found", str(folder))
    except OSError as exc:
        print(
            f"kiosk participants: 共有フォルダを読めませんでした（{exc.strerror or exc}）。"
            "前回 読んだ内容を表示します。",
            file=sys.stderr,
        )
    return store


def _as_json(entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": entry.code,
        "age_band": entry.age_band,
        "area": entry.area,
        "consent_version": entry.consent_version,
        "first_centre": entry.first_centre,
        "first_visit": entry.first_visit,
        "last_visit": entry.last_visit,
        "visits": entry.visits,
    }
    for kind, _ in _KINDS:
        data[_JSON_KEYS[kind]] = list(entry.completed(kind))
    return data


def _show(args: argparse.Namespace) -> int:
    from kiosk.core.attendance.codes import format_code, is_valid_code
    from kiosk.core.attendance.register_sync import learner_entry

    if not is_valid_code(args.code):
        print(f"kiosk participants: {args.code} はカードの番号ではありません。", file=sys.stderr)
        return 1
    with _refreshed(args) as store:
        entry = learner_entry(store, args.code)
    if entry is None:
        print(
            f"kiosk participants: {format_code(args.code)} はどのキオスクにも登録されていません。",
            file=sys.stderr,
        )
        return 1
    if args.json:
        print(json.dumps(_as_json(entry), ensure_ascii=False, indent=2))
        return 0
    unknown = "（まだ届いていません）"
    lines = [
        f"カード: {format_code(entry.code)}",
        f"年代: {entry.age_band or unknown}",
        f"地域: {entry.area or unknown}",
        f"はじめて来た日: {entry.first_visit[:10]}（{entry.first_centre or unknown}）",
        f"来館: {entry.visits} 回",
    ]
    for kind, label in _KINDS:
        items = entry.completed(kind)
        lines.append(f"{label}: {'、'.join(items) if items else 'なし'}")
    print("\n".join(lines))
    return 0


def _list(args: argparse.Namespace) -> int:
    from kiosk.core.attendance.codes import format_code
    from kiosk.core.attendance.register_sync import all_entries

    with _refreshed(args) as store:
        entries = all_entries(store)
    if args.json:
        print(json.dumps([_as_json(e) for e in entries], ensure_ascii=False, indent=2))
        return 0
    print("カード\t年代\t地域\tはじめて来た日\t来館\tレッスン\t手続き\tゆびの練習")
    for e in entries:
        counts = "\t".join(str(len(e.completed(kind))) for kind, _ in _KINDS)
        print(
            f"{format_code(e.code)}\t{e.age_band or '-'}\t{e.area or '-'}\t"
            f"{e.first_visit[:10]}\t{e.visits}\t{counts}"
        )
    print(f"{len(entries):,} 人", file=sys.stderr)
    return 0
