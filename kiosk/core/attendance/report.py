"""``kiosk report``: merge the attendance CSVs of many kiosks into the usage-rate KPI.

The usage rate is the share of participants whose latest answer in the period
to 「市の サービスを つかいましたか？」 is はい, among those whose latest answer is
はい or いいえ (わからない and no answer are left out), against the city's 80% target.
A participant is a card code, counted once however many kiosks and centres
the card was used at; anonymous visits count as visits but not as participants
(their answers are reported separately).
"""

from __future__ import annotations

import multiprocessing
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.attendance import csv_format, report_arrow
from kiosk.core.attendance.choices import AGE_BANDS
from kiosk.core.attendance.report_files import (
    FileInfo,
    Group,
    SkippedFile,
    inspect_file,
    merge_everything,
    merge_group,
)
from kiosk.core.attendance.report_merge import (
    CLASS_MODE,
    NO,
    YES,
    MixedInstancesError,
    ReportError,
)
from kiosk.core.attendance.report_partial import Partial
from kiosk.core.excel_safe import unneutralise

__all__ = [
    "USAGE_TARGET",
    "GroupRow",
    "Report",
    "ReportError",
    "build_report",
    "parse_month",
    "report_from_counts",
]

USAGE_TARGET = 0.80
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_MAX_JOBS = 4


def parse_month(text: str) -> str:
    """Validate ``YYYY-MM`` (the ``--from`` / ``--to`` options)."""
    if not _MONTH.fullmatch(text):
        raise ValueError(f"{text!r} is not a month like 2026-04")
    return text


@dataclass(frozen=True)
class GroupRow:
    """One line of a breakdown: visits, distinct participants and the usage rate."""

    key: str
    visits: int
    participants: int
    first_time: int
    answered: int
    used_yes: int

    @property
    def usage_rate(self) -> float | None:
        return self.used_yes / self.answered if self.answered else None


@dataclass
class Report:
    """Everything ``kiosk report`` prints."""

    month_from: str | None
    month_to: str | None
    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    duplicates: int = 0
    out_of_period: int = 0
    malformed: int = 0
    problems: list[str] = field(default_factory=list)
    visits: int = 0
    anonymous_visits: int = 0
    class_visits: int = 0
    participants: int = 0
    first_time: int = 0
    answered: int = 0
    used_yes: int = 0
    anonymous_answered: int = 0
    anonymous_yes: int = 0
    target: float = USAGE_TARGET
    by_month: list[GroupRow] = field(default_factory=list)
    by_centre: list[GroupRow] = field(default_factory=list)
    by_age_band: list[GroupRow] = field(default_factory=list)
    by_area: list[GroupRow] = field(default_factory=list)
    lessons: list[tuple[str, int]] = field(default_factory=list)
    procedures: list[tuple[str, int]] = field(default_factory=list)
    practice: list[tuple[str, int]] = field(default_factory=list)
    understood: list[tuple[str, int]] = field(default_factory=list)

    @property
    def usage_rate(self) -> float | None:
        """Share of participants whose latest answer in the period is はい (of はい + いいえ)."""
        return self.used_yes / self.answered if self.answered else None


def find_csv_files(paths: list[Path]) -> list[Path]:
    """Expand folders to the ``attendance_*.csv`` files under them; files are taken as given."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for item in sorted(path.rglob("attendance_*.csv")):
                if item.is_file():
                    found.setdefault(item.resolve(), None)
        elif path.is_file():
            found.setdefault(path.resolve(), None)
        else:
            raise ReportError(f"{path}: ファイルもフォルダも見つかりません。")
    return list(found)


def default_jobs() -> int:
    """Worker processes to use: one per CPU (at most four) where processes are forked.

    Elsewhere (Windows, a frozen bundle) a worker re-imports the program's main
    module, which is only safe once the entry point is guarded and calls
    ``multiprocessing.freeze_support()``; until then the merge runs in-line.
    """
    if getattr(sys, "frozen", False) or multiprocessing.get_start_method() != "fork":
        return 1
    return max(1, min(os.cpu_count() or 1, _MAX_JOBS))


def build_report(
    paths: list[Path],
    month_from: str | None = None,
    month_to: str | None = None,
    *,
    jobs: int | None = None,
) -> Report:
    """Merge the CSV files (or folders of them) into one ``Report``.

    Rows are deduplicated by record id (a finished copy of a visit wins over
    an unfinished one); malformed rows are listed as FILE:LINE and skipped; a
    file in an unknown schema stops the report with ``ReportError`` before
    anything is counted.
    """
    files = find_csv_files(paths)
    if not files:
        raise ReportError("出席 CSV（attendance_*.csv）が見つかりません。")
    skipped = Partial()
    infos = []
    for path in files:
        try:
            infos.append(inspect_file(path))
        except SkippedFile as exc:
            skipped.problem(exc.where, exc.reason)
    plan = plan_groups(infos)
    workers = min(jobs if jobs is not None else default_jobs(), len(plan))
    try:
        partial = _merge_plan(plan, month_from, month_to, workers)
    except MixedInstancesError:
        # Some file holds rows of several kiosks (copied together by hand):
        # merge everything in one pass, which makes no such assumption.
        partial = merge_everything(
            [info for _, members in plan for info in members], month_from, month_to
        )
    skipped.add(partial)
    report = report_from_counts(skipped, month_from, month_to)
    report.files = [str(path) for path in files]
    return report


def plan_groups(infos: list[FileInfo]) -> list[Group]:
    """Files that share a kiosk database (an instance id in their first or last row) go together.

    Within a group the oldest export comes first: a visit's later copy (with
    its end time and answers) then replaces the unfinished one.
    """
    owner: dict[bytes, int] = {}
    groups: list[tuple[set[bytes], list[FileInfo]]] = []
    for info in infos:
        joined = sorted({owner[i] for i in info.instances if i in owner})
        if joined:
            target = joined[0]
            for other in joined[1:]:
                groups[target][0].update(groups[other][0])
                groups[target][1].extend(groups[other][1])
                groups[other] = (set(), [])
        else:
            target = len(groups)
            groups.append((set(), []))
        groups[target][0].update(info.instances)
        groups[target][1].append(info)
        for instance in groups[target][0]:
            owner[instance] = target
    return [
        (frozenset(instances), sorted(members, key=lambda i: (i.newest_start, str(i.path))))
        for instances, members in sorted(groups, key=lambda g: sorted(g[0]))
        if members
    ]


def _merge_plan(
    plan: list[Group],
    month_from: str | None,
    month_to: str | None,
    workers: int,
) -> Partial:
    counted = report_arrow.count_groups(plan, month_from, month_to, max(workers, 1))
    if counted is not None:
        return _with_engine(plan, counted, month_from, month_to)
    total = Partial()
    if workers <= 1:
        total.add(merge_group((plan, month_from, month_to)))
        return total
    # Biggest kiosks first so that no worker is left with a large one at the end.
    jobs = [([group], month_from, month_to) for group in plan]
    jobs.sort(key=lambda job: -sum(i.path.stat().st_size for i in job[0][0][1]))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for partial in pool.map(merge_group, jobs):
            total.add(partial)
    return total


def _with_engine(
    plan: list[Group],
    counted: Iterator[Partial | None],
    month_from: str | None,
    month_to: str | None,
) -> Partial:
    """The fast path's counts, with the groups it left to the row-by-row engine, in plan order.

    Those groups are merged in this process, one at a time: pyarrow's threads
    are running, so no worker process is forked.
    """
    total = Partial()
    for group, partial in zip(plan, counted, strict=True):
        total.add(partial if partial is not None else merge_group(([group], month_from, month_to)))
    return total


def _text(value: bytes) -> str:
    return unneutralise(value.decode("utf-8", "replace").replace('""', '"'))


def _split_items(counter: Counter[bytes]) -> list[tuple[str, int]]:
    totals: Counter[str] = Counter()
    for cell, count in counter.items():
        if cell:
            for item in _text(cell).split(csv_format.ITEM_SEPARATOR):
                if item:
                    totals[item] += count
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))


def report_from_counts(partial: Partial, month_from: str | None, month_to: str | None) -> Report:
    """Turn the summed counts into the report's totals and breakdowns (the KPI's rules).

    ``kiosk report`` fills ``partial`` from CSVs, the staff console from its database
    (``kpi.kiosk_report``).
    """
    report = Report(
        month_from,
        month_to,
        rows_read=partial.rows_read,
        duplicates=partial.duplicates,
        out_of_period=partial.out_of_period,
        malformed=partial.malformed,
        problems=list(partial.problems),
    )
    visits: dict[str, Counter[str]] = {d: Counter() for d in ("month", "centre", "age", "area")}
    for month, count in partial.visits_by_month.items():
        visits["month"][month.decode()] += count
        report.visits += count
    for centre, count in partial.visits_by_centre.items():
        visits["centre"][_text(centre)] += count
    for (anonymous, mode, used), count in partial.visit_kinds.items():
        if mode == CLASS_MODE:
            report.class_visits += count
        if anonymous:
            report.anonymous_visits += count
            if used in (YES, NO):
                report.anonymous_answered += count
                if used == YES:
                    report.anonymous_yes += count
    for (age, area), count in partial.visits_by_person.items():
        visits["age"][_text(age)] += count
        visits["area"][_text(area)] += count
    if report.anonymous_visits:
        # Anonymous visitors give no age band or area: they are counted under "".
        visits["age"][""] += report.anonymous_visits
        visits["area"][""] += report.anonymous_visits

    counted: Counter[tuple[str, str, bytes]] = Counter()
    partial.cards.count_into(counted)
    people: dict[tuple[str, str], Counter[str]] = {}
    for (name, dimension, value), count in counted.items():
        label = value.decode() if dimension == "month" else _text(value)
        people.setdefault((name, dimension), Counter())[label] += count

    def measure(name: str, dimension: str) -> Counter[str]:
        return people.get((name, dimension), Counter())

    report.participants = measure("participants", "all")[""]
    report.first_time = measure("first_time", "all")[""]
    report.answered = measure("answered", "all")[""]
    report.used_yes = measure("used_yes", "all")[""]

    def rows(dimension: str) -> list[GroupRow]:
        keys = set(visits[dimension]) | set(measure("participants", dimension))
        return [
            GroupRow(
                key,
                visits[dimension][key],
                measure("participants", dimension)[key],
                measure("first_time", dimension)[key],
                measure("answered", dimension)[key],
                measure("used_yes", dimension)[key],
            )
            for key in keys
        ]

    order = {band: i for i, band in enumerate((*AGE_BANDS, ""))}
    report.by_month = sorted(rows("month"), key=lambda r: r.key)
    report.by_centre = sorted(rows("centre"), key=lambda r: r.key)
    report.by_age_band = sorted(rows("age"), key=lambda r: (order.get(r.key, len(order)), r.key))
    report.by_area = sorted(rows("area"), key=lambda r: (r.key == "", r.key))
    report.lessons = _split_items(partial.lessons)
    report.procedures = _split_items(partial.procedures)
    report.practice = _split_items(partial.practice)
    understood: Counter[str] = Counter()
    for cell, count in partial.understood.items():
        understood[cell.rstrip(b'"\r\n').decode()] += count
    report.understood = [(a, understood[a]) for a in ("はい", "すこし", "いいえ") if understood[a]]
    return report
