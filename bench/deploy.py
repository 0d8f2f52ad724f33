"""Deploy speed (issue targets): the same deploy scripts run by (a) Sqitch, (b) chaindb and
(c) ONE psql session that ``\\i``-includes them all (no registry at all), each into a fresh
database of a private temporary cluster.  Whole commands are timed, process start-up
included; median of the rounds.  Targets: chaindb >= 15x faster than Sqitch, and within
1.5x of the single psql session (registry writes included).

Two plans: this project's own (as last committed, ``git archive HEAD``, so work in progress
in the tree cannot break it) and a generated one of 200 changes (each a small table, a
function and an index in BEGIN/COMMIT).  Also counts the statements the server ran for each
tool (pg_stat_statements), a proxy for round trips, and the start-up floor: what starting
Python and importing psycopg and chaindb costs before anything is sent (psql starts in a few
ms), the part of chaindb's time no deploy strategy can remove.

Prints the numbers and rewrites the "Deploy speed" section of bench/RESULTS.md.

    python bench/deploy.py [--rounds 3] [--changes 200]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from audit_overhead import REPO, machine, temporary_cluster, write_section

IDENTITY = {"SQITCH_FULLNAME": "Bench", "SQITCH_EMAIL": "bench@example.com",
            "SQITCH_USER_CONFIG": "/nonexistent/sqitch.conf"}
# Sqitch's own psql options for scripts (reference/sqitch.md §4.1).
PSQL_OPTIONS = ["--quiet", "--no-psqlrc", "--no-align", "--tuples-only",
                "--set", "ON_ERROR_STOP=1", "--set", "registry=sqitch"]
GENERATED_DEPLOY = """\
-- Deploy bench:{name} to pg

BEGIN;

{schema}CREATE TABLE bench.{name} (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id   integer NOT NULL,
    amount     numeric(20, 8) NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX {name}_owner ON bench.{name} (owner_id);
CREATE FUNCTION bench.{name}_total(p_owner integer) RETURNS numeric
    LANGUAGE sql STABLE
    AS $$ SELECT coalesce(sum(amount), 0) FROM bench.{name} WHERE owner_id = p_owner $$;
COMMENT ON TABLE bench.{name} IS 'Generated benchmark change {name}.';

COMMIT;
"""


def own_project(dest: Path) -> Path:
    """This repository's plan and scripts at HEAD."""
    dest.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "HEAD"], capture_output=True,
                             check=True)
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest


def generated_project(dest: Path, count: int) -> Path:
    """A plan of ``count`` independent changes (the first creates schema bench)."""
    dest.mkdir()
    (dest / "sqitch.conf").write_text("[core]\n\tengine = pg\n")
    names = [f"c{i:03d}" for i in range(1, count + 1)]
    lines = ["%syntax-version=1.0.0", "%project=bench", ""]
    for i, name in enumerate(names):
        requires = f"[{names[0]}] " if i else ""
        lines.append(f"{name} {requires}2026-01-01T{i // 3600:02d}:{i // 60 % 60:02d}:"
                     f"{i % 60:02d}Z Bench <bench@example.com> # Table, index, function {name}.")
    (dest / "sqitch.plan").write_text("\n".join(lines) + "\n")
    for kind in ("deploy", "revert", "verify"):
        (dest / kind).mkdir()
    for i, name in enumerate(names):
        schema = "CREATE SCHEMA bench;\n" if i == 0 else ""
        (dest / "deploy" / f"{name}.sql").write_text(
            GENERATED_DEPLOY.format(name=name, schema=schema))
        (dest / "revert" / f"{name}.sql").write_text(
            f"BEGIN;\nDROP {'SCHEMA bench CASCADE' if i == 0 else f'TABLE bench.{name}'};\n"
            "COMMIT;\n")
        (dest / "verify" / f"{name}.sql").write_text(
            f"BEGIN;\nSELECT 1 FROM bench.{name} WHERE false;\nROLLBACK;\n")
    return dest


def include_all(project: Path) -> Path:
    """One psql script that \\i-includes every deploy script in plan order."""
    from chaindb.plan import Plan

    plan = Plan.load(project / "sqitch.plan")
    script = project / "all-deploy.psql"
    script.write_text("".join(
        f"\\i {change.script_path('deploy', project).relative_to(project)}\n"
        for change in plan.changes))
    return script


def psql_argv(cluster, dbname: str, script: Path) -> list[str]:
    return ["psql", "--dbname", f"host=127.0.0.1 port={cluster.port} user=postgres "
            f"dbname={dbname}", *PSQL_OPTIONS, "--file", script.name]


def commands(cluster, project: Path, script: Path, dbname: str) -> dict[str, list[str]]:
    uri = cluster.url(dbname)
    return {"psql": psql_argv(cluster, dbname, script),
            "chaindb": [sys.executable, "-m", "chaindb", "deploy", uri],
            "sqitch": ["sqitch", "deploy", uri]}


# Installed Python code has bytecode: a PYTHONDONTWRITEBYTECODE shell would make every
# timed chaindb run recompile its modules (~0.1 s), so the timed commands run without it
# (the untimed warm-up run writes the bytecode).
TOOL_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
USER_CPU: dict[str, list[float]] = {}  # user CPU seconds of each timed command, per argv[0]


def timed(argv: list[str], cwd: Path, cpu_label: str | None = None) -> float:
    """Seconds the whole command took; exits on failure.  With ``cpu_label``, also records
    the user CPU time of the command and its children (steadier than wall time on a busy
    machine) in USER_CPU."""
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    started = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True,
                          env={**TOOL_ENV, **IDENTITY})
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{proc.stdout}\n{proc.stderr}")
    if cpu_label:
        USER_CPU.setdefault(cpu_label, []).append(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - cpu_before)
    return elapsed


def statements(cluster, dbname: str) -> int:
    """Statements the server executed in ``dbname`` (pg_stat_statements)."""
    with psycopg.connect(host="127.0.0.1", port=cluster.port, user="postgres",
                         dbname="postgres", autocommit=True) as conn:
        return conn.execute("SELECT coalesce(sum(s.calls), 0) FROM pg_stat_statements s"
                            " JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = %s",
                            (dbname,)).fetchone()[0]


# What every chaindb command pays before it can send anything: the interpreter (with this
# machine's site-packages) and the imports of a deploy.  psql starts in a few ms.
STARTUP_FLOOR = [sys.executable, "-c", "import psycopg, chaindb.cli, chaindb.engine"]


def startup_floor(rounds: int) -> float:
    """Median seconds of STARTUP_FLOOR."""
    return statistics.median(timed(STARTUP_FLOOR, REPO, cpu_label="start-up floor")
                             for _ in range(max(rounds, 5)))


def bench_project(cluster, label: str, project: Path, rounds: int) -> dict:
    """Median seconds per tool (fresh database each run) and statements per tool."""
    script = include_all(project)
    warm = f"{label}_warm"
    cluster.create_database(warm)     # cluster roles, OS caches: not timed
    timed(commands(cluster, project, script, warm)["chaindb"], project)
    times: dict[str, list[float]] = {"psql": [], "chaindb": [], "sqitch": []}
    counts: dict[str, int] = {}
    for round_no in range(rounds):
        for tool in times:
            dbname = f"{label}_{tool}_{round_no}"
            cluster.create_database(dbname)
            times[tool].append(timed(commands(cluster, project, script, dbname)[tool],
                                     project, cpu_label=f"{label} {tool}"))
            counts.setdefault(tool, statements(cluster, dbname))
    return {"times": times, "median": {t: statistics.median(v) for t, v in times.items()},
            "statements": counts}


def facts() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    sqitch = subprocess.run(["sqitch", "--version"], capture_output=True, text=True).stdout
    return (f"{machine()}; {cpu}; load average at start "
            f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}; Python "
            f"{platform.python_version()}; {sqitch.strip()}; temp cluster with fsync=off")


def report(results: dict[str, dict], rounds: int, changes: dict[str, int],
           floor: float) -> str:
    rows = []
    for label, r in results.items():
        m = r["median"]
        rows.append(f"| {label} ({changes[label]} changes) | {m['psql'] * 1000:,.0f} | "
                    f"{m['chaindb'] * 1000:,.0f} | {m['sqitch'] * 1000:,.0f} | "
                    f"{m['chaindb'] / m['psql']:.2f}x | {m['sqitch'] / m['chaindb']:.1f}x | "
                    f"{'yes' if m['chaindb'] / m['psql'] <= 1.5 else 'NO'} / "
                    f"{'yes' if m['sqitch'] / m['chaindb'] >= 15 else 'NO'} |")
    best = "; ".join(
        f"{label} psql {min(r['times']['psql']) * 1000:,.0f}, chaindb "
        f"{min(r['times']['chaindb']) * 1000:,.0f}, sqitch {min(r['times']['sqitch']) * 1000:,.0f} "
        f"ms (chaindb/psql {min(r['times']['chaindb']) / min(r['times']['psql']):.2f}x, "
        f"sqitch/chaindb {min(r['times']['sqitch']) / min(r['times']['chaindb']):.1f}x)"
        for label, r in results.items())
    raw = []
    for label, r in results.items():
        raw.append(f"{label}: " + "; ".join(
            f"{tool} {', '.join(f'{t * 1000:,.0f}' for t in times)} ms"
            for tool, times in r["times"].items()) + "; server statements " + ", ".join(
            f"{tool} {n:,}" for tool, n in r["statements"].items()))
    return "\n".join([
        facts() + f"; median of {rounds} runs, each into a fresh database, whole command "
        "timed (process start-up included) (`python bench/deploy.py`).",
        "",
        "| plan | one psql session, ms | chaindb, ms | sqitch, ms | chaindb/psql | "
        "sqitch/chaindb | targets <= 1.5x / >= 15x |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        "Raw: " + "  \n".join(raw),
        "",
        f"Best of {rounds} (each tool's least disturbed run; the targets are judged on the "
        f"medians above): {best}.",
        "",
        f"Start-up floor (`{' '.join(STARTUP_FLOOR[1:])}`, the interpreter with this "
        f"machine's site-packages and the imports of a deploy, nothing sent): median "
        f"{floor * 1000:,.0f} ms.  Without it, chaindb/psql would be "
        + "; ".join(f"{label} {(r['median']['chaindb'] - floor) / r['median']['psql']:.2f}x"
                    for label, r in results.items())
        + ".",
        "",
        "Median user CPU of the client process tree (the server's time not included): "
        + "; ".join(f"{key} {statistics.median(v):.2f} s" for key, v in USER_CPU.items())
        + ".",
        "",
        "Timed commands run with PYTHONDONTWRITEBYTECODE removed from their environment "
        "(installed code has bytecode), after one untimed chaindb warm-up run per plan.",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--changes", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="chaindb-bench-deploy-") as tmp:
        projects = {"own": own_project(Path(tmp) / "own"),
                    "generated": generated_project(Path(tmp) / "generated", args.changes)}
        from chaindb.plan import Plan

        changes = {label: len(Plan.load(p / "sqitch.plan").changes)
                   for label, p in projects.items()}
        with temporary_cluster() as cluster:
            with psycopg.connect(host="127.0.0.1", port=cluster.port, user="postgres",
                                 dbname="postgres", autocommit=True) as conn:
                conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            results = {label: bench_project(cluster, label, path, args.rounds)
                       for label, path in projects.items()}
        floor = startup_floor(args.rounds)
    body = report(results, args.rounds, changes, floor)
    print(body)
    write_section("Deploy speed", body)


if __name__ == "__main__":
    main()
