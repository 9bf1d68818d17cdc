"""PostgreSQL for the city's data team: the table, an idempotent load script and the KPI query.

``kiosk warehouse-sql`` prints these; docs/warehouse.md explains how to run
them. The load script is run by ``psql`` once per CSV file, with the file on
standard input::

    psql -v ON_ERROR_STOP=1 -f load.sql < attendance_KOKURA01_K1.csv

* The header line (with the BOM Excel needs) is skipped by ``HEADER true``;
  the layout is checked on every row's 様式版 instead, so a file in another
  layout stops the load and changes nothing.
* Empty cells become NULL and the one leading apostrophe the kiosk adds for
  Excel is removed (``kiosk_cell``), so values are exactly what was entered.
* Rows are keyed on 記録ID: loading the same file twice changes nothing, a
  newer copy (a visit that has ended since) updates the row in place, and an
  older, unfinished copy never replaces a finished one.

The KPI query returns the headline figures of ``kiosk report --format json``
for the same files and period.
"""

from __future__ import annotations

from kiosk.core.attendance.report import USAGE_TARGET

TABLE = "kiosk_visits"

TABLES_SQL = f"""\
-- Attendance of every kiosk, one row per visit (記録ID). See docs/warehouse.md.
CREATE TABLE IF NOT EXISTS {TABLE} (
    record_id       text PRIMARY KEY,          -- 記録ID: <centre>-<kiosk>-<instance>-<visit>
    centre          text NOT NULL,             -- センター
    kiosk           text NOT NULL,             -- 端末
    visit_date      date NOT NULL,             -- 日付
    started_at      timestamptz NOT NULL,      -- 開始
    ended_at        timestamptz,               -- 終了 (NULL while the visit went on)
    participant     text,                      -- 利用者コード (NULL: anonymous visit)
    first_visit     boolean,                   -- 初回 (NULL: anonymous visit)
    age_band        text,                      -- 年代
    area            text,                      -- 地域
    mode            text NOT NULL CHECK (mode IN ('自習', '教室')),  -- 区分
    class_id        integer,                   -- 教室ID
    class_title     text,                      -- 教室名
    lessons         text,                      -- 完了したレッスン (';'-separated)
    procedures      text,                      -- 完了した手続き
    practice        text,                      -- ゆびの練習
    used_services   text CHECK (used_services IN ('はい', 'いいえ', 'わからない')),
    understood      text CHECK (understood IN ('はい', 'すこし', 'いいえ'))
);
CREATE INDEX IF NOT EXISTS {TABLE}_by_date ON {TABLE} (visit_date);

-- A CSV cell as entered: NULL when empty, without the apostrophe added for Excel.
CREATE OR REPLACE FUNCTION kiosk_cell(cell text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN cell = '' THEN NULL
                WHEN left(cell, 1) = '''' THEN substr(cell, 2)
                ELSE cell END
$$;
"""

_STAGING_COLUMNS = (
    "schema_version",
    "record_id",
    "centre",
    "kiosk",
    "visit_date",
    "started_at",
    "ended_at",
    "participant",
    "first_visit",
    "age_band",
    "area",
    "mode",
    "class_id",
    "class_title",
    "lessons",
    "procedures",
    "practice",
    "used_services",
    "understood",
)
# (table column, SQL from the staging row s)
_VALUES = (
    ("record_id", "kiosk_cell(s.record_id)"),
    ("centre", "kiosk_cell(s.centre)"),
    ("kiosk", "kiosk_cell(s.kiosk)"),
    ("visit_date", "kiosk_cell(s.visit_date)::date"),
    ("started_at", "kiosk_cell(s.started_at)::timestamptz"),
    ("ended_at", "kiosk_cell(s.ended_at)::timestamptz"),
    ("participant", "kiosk_cell(s.participant)"),
    (
        "first_visit",
        "CASE kiosk_cell(s.first_visit) WHEN 'はい' THEN true WHEN 'いいえ' THEN false END",
    ),
    ("age_band", "kiosk_cell(s.age_band)"),
    ("area", "kiosk_cell(s.area)"),
    ("mode", "kiosk_cell(s.mode)"),
    ("class_id", "kiosk_cell(s.class_id)::integer"),
    ("class_title", "kiosk_cell(s.class_title)"),
    ("lessons", "kiosk_cell(s.lessons)"),
    ("procedures", "kiosk_cell(s.procedures)"),
    ("practice", "kiosk_cell(s.practice)"),
    ("used_services", "kiosk_cell(s.used_services)"),
    ("understood", "kiosk_cell(s.understood)"),
)


def load_sql() -> str:
    """The psql script that loads one CSV file from standard input (see the module docstring)."""
    staging = ",\n    ".join(f"{name} text" for name in _STAGING_COLUMNS)
    columns = ", ".join(name for name, _ in _VALUES)
    values = ",\n           ".join(f"{sql} AS {name}" for name, sql in _VALUES)
    data_columns = [name for name, _ in _VALUES if name != "record_id"]
    updates = ",\n    ".join(f"{name} = excluded.{name}" for name in data_columns)
    old = ", ".join(f"t.{name}" for name in data_columns)
    new = ", ".join(f"excluded.{name}" for name in data_columns)
    return f"""\
-- Load one attendance CSV from standard input:
--   psql -v ON_ERROR_STOP=1 -f load.sql < attendance_<centre>_<kiosk>.csv
-- Idempotent and keyed on 記録ID. See docs/warehouse.md.
SET client_encoding = 'UTF8';
BEGIN;
CREATE TEMP TABLE kiosk_staging (
    {staging}
) ON COMMIT DROP;
-- HEADER true skips the header line, and with it the BOM Excel needs.
\\copy kiosk_staging FROM pstdin WITH (FORMAT csv, HEADER true)
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM kiosk_staging WHERE schema_version IS DISTINCT FROM '1') THEN
        RAISE EXCEPTION 'this file is not in layout (様式版) 1: nothing was loaded';
    END IF;
END
$$;
INSERT INTO {TABLE} AS t ({columns})
SELECT DISTINCT ON (record_id) * FROM (
    SELECT {values}
    FROM kiosk_staging s
) AS rows
-- Within one file, a finished copy of a visit wins.
ORDER BY record_id, ended_at IS NULL
ON CONFLICT (record_id) DO UPDATE SET
    {updates}
-- Never replace a finished visit by an unfinished copy; skip identical rows.
WHERE (t.ended_at IS NULL OR excluded.ended_at IS NOT NULL)
  AND ({old}) IS DISTINCT FROM ({new});
COMMIT;
"""


def _month_condition(month_from: str | None, month_to: str | None) -> str:
    """SQL for the period (months already checked as ``YYYY-MM`` by ``parse_month``)."""
    conditions = ["true"]
    if month_from:
        conditions.append(f"to_char(visit_date, 'YYYY-MM') >= '{month_from}'")
    if month_to:
        conditions.append(f"to_char(visit_date, 'YYYY-MM') <= '{month_to}'")
    return " AND ".join(conditions)


def kpi_sql(month_from: str | None = None, month_to: str | None = None) -> str:
    """One query: the headline figures of ``kiosk report --format json`` for the period.

    A participant is a card code, counted once however many kiosks and centres
    it was used at; their latest answer in the period to the services question counts.
    """
    period = _month_condition(month_from, month_to)
    return f"""\
-- The usage-rate KPI, as `kiosk report --format json` prints it. See docs/warehouse.md.
WITH visits AS (
    SELECT * FROM {TABLE} WHERE {period}
),
latest AS (
    -- Each participant's latest はい or いいえ in the period.
    SELECT DISTINCT ON (participant) used_services
    FROM visits
    WHERE participant IS NOT NULL AND used_services IN ('はい', 'いいえ')
    ORDER BY participant, started_at DESC,
             substring(record_id FROM '[0-9]+$')::bigint DESC
)
SELECT
    (SELECT count(*) FROM visits) AS visits,
    (SELECT count(*) FROM visits WHERE first_visit IS NULL) AS anonymous_visits,
    (SELECT count(*) FROM visits WHERE mode = '教室') AS class_visits,
    (SELECT count(DISTINCT participant) FROM visits) AS participants,
    (SELECT count(DISTINCT participant) FROM visits WHERE first_visit) AS first_time,
    (SELECT count(*) FROM latest) AS answered,
    (SELECT count(*) FROM latest WHERE used_services = 'はい') AS used_yes,
    (SELECT count(*) FILTER (WHERE used_services = 'はい')::float8
        / nullif(count(*), 0) FROM latest) AS rate,
    {USAGE_TARGET}::float8 AS target,
    (SELECT count(*) FROM visits
        WHERE first_visit IS NULL AND used_services IN ('はい', 'いいえ')) AS anonymous_answered,
    (SELECT count(*) FROM visits
        WHERE first_visit IS NULL AND used_services = 'はい') AS anonymous_yes;
"""
