"""The attendance CSV written the plain way: ``csv.writer`` over the export's own query.

It writes the same bytes as ``kiosk.core.attendance.csv_export.export_csv_bytes`` (a test
checks this), and ``bench_attendance.py`` times it against that fast path and the
``sqlite3`` tool, to show whether the fast path still earns its keep:

    .venv/bin/python benchmarks/plain_csv_export.py DATABASE OUT.csv
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.core.attendance import csv_format
from kiosk.core.attendance.clones import earlier_instances, instance_sql
from kiosk.core.attendance.schema import connect
from kiosk.core.excel_safe import neutralise


def plain_csv_bytes(db_path: Path) -> bytes:
    """The whole CSV of the database at ``db_path``, every cell through ``neutralise``."""
    db = connect(db_path, query_only=True)
    out = io.StringIO(newline="")
    out.write(csv_format.BOM)
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator=csv_format.NEWLINE)
    writer.writerow(csv_format.HEADER)
    try:
        conn = db.conn
        conn.execute("BEGIN")
        instance = conn.execute("SELECT value FROM meta WHERE key = 'instance_id'").fetchone()[0]
        query = csv_format.raw_rows_query(instance_sql(earlier_instances(conn)))
        cursor = conn.execute(query, {"instance": instance})
        while rows := cursor.fetchmany(4096):
            writer.writerows(
                ["" if value is None else neutralise(str(value)) for value in row] for row in rows
            )
        conn.execute("COMMIT")
    finally:
        db.close()
    return out.getvalue().encode("utf-8")


if __name__ == "__main__":
    Path(sys.argv[2]).write_bytes(plain_csv_bytes(Path(sys.argv[1])))
