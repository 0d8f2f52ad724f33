"""Monthly partitions two ways, for every table of ours RANGE-partitioned on a time column:
``maint.ensure_partitions(t, N)`` at run time in one clone, and ``chaindb render partitions``
(the Jinja template) run through the script runner in another clone, must leave identical
partitions (names and bounds).  ensure_partitions covers the current UTC month and N months
ahead, and a second run creates nothing.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

import harness
from conftest import chaindb_cli

MONTHS_AHEAD = 3
_MONTH_SUFFIX = re.compile(r"_p(\d{4})_(\d{2})$")


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def months_of(partitions: list[tuple[str, str]]) -> list[int]:
    """Month indexes of the ``_pYYYY_MM`` partitions (the default partition has none)."""
    found = [_MONTH_SUFFIX.search(name) for name, _bound in partitions]
    return sorted(month_index(int(m.group(1)), int(m.group(2))) for m in found if m)


def test_ensure_partitions_matches_rendered_partitions(deployed_db, pg_server, tmp_path):
    with deployed_db.connect() as conn:
        tables = harness.time_partitioned_tables(conn)
    assert tables, "no time-partitioned table of ours found (audit.logs should be one)"
    now = datetime.now(timezone.utc)
    expected = set(range(month_index(now.year, now.month),
                         month_index(now.year, now.month) + MONTHS_AHEAD + 1))
    from chaindb.script import run_file

    with harness.template_clone(pg_server) as rendered_db, \
            deployed_db.connect() as run_time, rendered_db.connect() as rendered:
        for table in tables:
            run_time.execute("SELECT * FROM maint.ensure_partitions(%s, %s)",
                             (table, MONTHS_AHEAD)).fetchall()
            again = run_time.execute("SELECT * FROM maint.ensure_partitions(%s, %s)",
                                     (table, MONTHS_AHEAD)).fetchall()
            assert again == [], f"{table}: a second ensure_partitions created {again}"
            made = harness.partitions_of(run_time, table)
            months = months_of(made)
            assert expected <= set(months), (
                f"{table}: months missing after ensure_partitions: {sorted(expected - set(months))}")
            assert months == list(range(months[0], months[-1] + 1)), f"{table}: gap in {made}"

            first = f"{months[0] // 12:04d}-{months[0] % 12 + 1:02d}"
            out = tmp_path / f"{table}.sql"
            proc = chaindb_cli("render", "partitions", "--table", table, "--from", first,
                               "--months", str(len(months)), "--out", str(out))
            assert proc.returncode == 0, proc.stderr
            run_file(rendered, out)
            assert harness.partitions_of(rendered, table) == made, (
                f"{table}: rendered partitions differ from ensure_partitions'")
