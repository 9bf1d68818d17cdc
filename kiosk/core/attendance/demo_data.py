"""``kiosk demo-data``: believable visits, classes, lessons and answers for demos and benchmarks."""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kiosk.core.attendance import choices
from kiosk.core.attendance.codes import make_code
from kiosk.core.attendance.consent import CONSENT_VERSION
from kiosk.core.attendance.store import AttendanceStore
from kiosk.core.attendance.timeutil import as_local

# The ids of the bundled lessons, procedures and drills (tests/core check they exist), so
# demo reports and the staff console's charts show real titles.
DEMO_LESSONS = (
    "power-buttons",
    "touch-basics",
    "flick-input",
    "phone-calls",
    "camera-photos",
    "internet-search",
    "maps",
    "messaging",
    "install-apps",
    "safety-scams",
    "mynumber-card",
    "mynaportal-insurance",
    "disaster-info",
    "see-and-hear",
    "mail-photos",
    "cashless-payment",
    "online-clinic",
    "wifi-and-data",
    "etax-smartphone",
)
DEMO_PROCEDURES = (
    "mynumber-card-apply",
    "mynaportal-insurance-registration",
    "convenience-store-certificate",
    "ward-office-booking",
    "city-online-application",
    "disaster-information",
    "hospital-reception-card-reader",
    "smartphone-certificate",
    "public-facility-booking",
)
DEMO_PRACTICE = ("tap", "long_press", "swipe", "scroll", "pinch", "flick")
_CLASS_TITLES = (
    ("はじめてのスマホ", ("power_buttons", "touch", "text_input")),
    ("LINE を使ってみよう", ("messaging", "text_input")),
    ("マイナポータル体験", ("my_number_card", "mynaportal")),
    ("地図と防災情報", ("maps", "disaster_info")),
    ("サギにあわないために", ("safety", "messaging")),
)
_INSTRUCTORS = ("講師A", "講師B", "講師C", "デジタル推進委員D")
# Older people are the kiosk's users; the shares follow the centres' own class rolls.
_AGE_WEIGHTS = (5, 10, 25, 35, 20, 5)
VISITS_PER_DAY = 20
MAX_OPEN_DAYS = 900
_CHUNK = 20_000


@dataclass(frozen=True)
class DemoSummary:
    """How much ``generate_demo_data`` added."""

    participants: int
    visits: int
    classes: int
    events: int


def generate_demo_data(
    store: AttendanceStore, visits: int, seed: int | None = None, *, end: datetime | None = None
) -> DemoSummary:
    """Add ``visits`` visits spread over past opening days (Mon-Sat, 9:00-16:30) up to ``end``.

    A quarter are anonymous; registered people come back about eight times;
    Tuesday and Thursday mornings are classes; answers drift towards はい over
    time, as the city hopes. Written in bulk, one transaction per chunk.
    """
    if visits < 0:
        raise ValueError("visits must not be negative")
    rng = random.Random(seed)
    finish = as_local(end)
    tz = finish.tzinfo
    areas = store.config.areas
    area_weights = [6] + [1] * (len(areas) - 1)
    conn = store.db.conn
    days = _open_days(finish, min(max(visits // VISITS_PER_DAY, 1), MAX_OPEN_DAYS))
    next_visit = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM visits").fetchone()[0]
    next_class = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM classes").fetchone()[0]
    known_codes = {row[0] for row in conn.execute("SELECT code FROM participants")}
    first_serial = conn.execute("SELECT value FROM meta WHERE key = 'next_serial'").fetchone()
    serials = itertools.count(int(first_serial[0]) if first_serial else 0)

    def issue() -> str:
        return make_code(store.issuer, next(serials))

    people: list[str] = []
    made = {"participants": 0, "visits": 0, "classes": 0, "events": 0}
    rows: dict[str, list[tuple[object, ...]]] = {
        "participants": [],
        "visits": [],
        "classes": [],
        "events": [],
    }

    def flush() -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(
                "INSERT INTO participants (code, age_band, area, consent_version, consented_at,"
                " registered_at, name) VALUES (?, ?, ?, ?, ?, ?, NULL)",
                rows["participants"],
            )
            store.note_codes_seen(str(row[0]) for row in rows["participants"])
            conn.executemany(
                "INSERT INTO classes (id, title, instructor, lessons, centre_code, kiosk_id,"
                " started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows["classes"],
            )
            conn.executemany(
                "INSERT INTO visits (id, participant_code, centre_code, kiosk_id, started_at,"
                " ended_at, first_visit, class_id, used_services, understood, answered_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows["visits"],
            )
            conn.executemany(
                "INSERT INTO events (visit_id, kind, item_id, completed, detail, recorded_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                rows["events"],
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        for name, batch in rows.items():
            made[name] += len(batch)
            batch.clear()

    centre, kiosk = store.config.centre_code, store.config.kiosk_id
    per_day = _spread(visits, len(days), rng)
    for day_index, (day, count) in enumerate(zip(days, per_day, strict=True)):
        progress = day_index / max(len(days) - 1, 1)
        class_id = None
        class_start = datetime.combine(day, time(10, 0), tz)
        class_end = class_start + timedelta(hours=2)
        if day.weekday() in (1, 3) and count:
            title, planned = rng.choice(_CLASS_TITLES)
            class_id = next_class
            next_class += 1
            rows["classes"].append(
                (
                    class_id,
                    title,
                    rng.choice(_INSTRUCTORS),
                    json.dumps(list(planned), ensure_ascii=False),
                    centre,
                    kiosk,
                    _iso(class_start),
                    _iso(class_end),
                )
            )
        opening = datetime.combine(day, time(9, 0), tz)
        offsets = sorted(rng.randrange(0, 7 * 3600) for _ in range(count))
        today: set[str] = set()
        for offset in offsets:
            start = opening + timedelta(seconds=offset)
            in_class = (
                class_id if class_id is not None and class_start <= start < class_end else None
            )
            code, first = _who(
                rng,
                people,
                today,
                known_codes,
                issue,
                rows["participants"],
                start,
                areas,
                area_weights,
            )
            visit_id = next_visit
            next_visit += 1
            ended = start + timedelta(minutes=rng.randint(10, 80))
            used, understood = _answers(rng, progress)
            answered = _iso(ended - timedelta(minutes=1)) if used or understood else None
            rows["visits"].append(
                (
                    visit_id,
                    code,
                    centre,
                    kiosk,
                    _iso(start),
                    _iso(ended),
                    first,
                    in_class,
                    used,
                    understood,
                    answered,
                )
            )
            _events(rng, visit_id, start, rows["events"])
            if len(rows["visits"]) >= _CHUNK:
                flush()
    flush()
    return DemoSummary(made["participants"], made["visits"], made["classes"], made["events"])


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _open_days(finish: datetime, count: int) -> list[date]:
    """The last ``count`` opening days (Monday to Saturday) before ``finish``, oldest first."""
    days: list[date] = []
    day = finish.date() - timedelta(days=1)
    while len(days) < count:
        if day.weekday() < 6:
            days.append(day)
        day -= timedelta(days=1)
    days.reverse()
    return days


def _spread(total: int, buckets: int, rng: random.Random) -> list[int]:
    """Split ``total`` over the days: busier and quieter days, the exact total in the end."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(buckets)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in rng.sample(range(buckets), total - sum(counts)):
        counts[i] += 1
    return counts


def _who(
    rng: random.Random,
    people: list[str],
    today: set[str],
    known: set[str],
    issue: Callable[[], str],
    new_people: list[tuple[object, ...]],
    start: datetime,
    areas: tuple[str, ...],
    area_weights: list[int],
) -> tuple[str | None, int | None]:
    """Anonymous (a quarter), a new registration (one in eight), or someone coming back."""
    roll = rng.random()
    if roll < 0.25:
        return None, None
    if roll >= 0.25 + 0.75 / 8 and people:
        # Recent newcomers come back more often than people who registered long ago;
        # nobody checks in twice on the same day.
        for _ in range(3):
            pool = people[-200:] if rng.random() < 0.7 else people
            code = rng.choice(pool)
            if code not in today:
                today.add(code)
                return code, 0
    code = issue()
    while code in known:
        code = issue()
    known.add(code)
    today.add(code)
    people.append(code)
    stamp = _iso(start)
    age = rng.choices(choices.AGE_BANDS, _AGE_WEIGHTS)[0]
    area = rng.choices(areas, area_weights)[0]
    new_people.append((code, age, area, CONSENT_VERSION, stamp, stamp))
    return code, 1


def _answers(rng: random.Random, progress: float) -> tuple[str | None, str | None]:
    used: str | None = None
    if rng.random() < 0.7:
        yes_share = 0.55 + 0.17 * progress
        roll = rng.random()
        used = "はい" if roll < yes_share else ("わからない" if roll > 0.93 else "いいえ")
    understood = None
    if rng.random() < 0.8:
        understood = rng.choices(choices.UNDERSTOOD_ANSWERS, (6, 3, 1))[0]
    return used, understood


def _events(
    rng: random.Random, visit_id: int, start: datetime, out: list[tuple[object, ...]]
) -> None:
    """One to three lessons, sometimes a procedure rehearsal, often a little finger practice."""
    minute = 3
    picks: list[tuple[str, str]] = [
        ("lesson", item) for item in rng.sample(DEMO_LESSONS, rng.randint(1, 3))
    ]
    if rng.random() < 0.2:
        picks.append(("procedure", rng.choice(DEMO_PROCEDURES)))
    if rng.random() < 0.4:
        picks.extend(("practice", item) for item in rng.sample(DEMO_PRACTICE, rng.randint(1, 2)))
    for kind, item in picks:
        completed = 0 if rng.random() < 0.1 else 1
        detail = None if completed else '{"completed": false}'
        out.append(
            (visit_id, kind, item, completed, detail, _iso(start + timedelta(minutes=minute)))
        )
        minute += rng.randint(3, 15)
