"""The cost of a change (issue 10's targets), reported in one run.

Into fresh databases of a private temporary cluster, whole commands timed (process start-up
included), the tools interleaved round by round:

1. **Plain plan** -- 300 changes (and 50, for the slope), each ``BEGIN; CREATE TABLE;
   CREATE INDEX; COMMIT;``: ``chaindb deploy`` against ONE psql session that
   ``\\i``-includes the same scripts (no registry at all).  Target: the whole deploy
   chaindb / psql <= 1.25; per change (slope between 50 and 300) <= 1.0x psql's.
2. **status** -- ``chaindb status`` on the up-to-date 300-change database, whole process.
   Target <= 0.18 s.  The floor: ``python -c "import psycopg"`` (the interpreter and the
   driver, before chaindb does anything).
3. **deploy --verify** -- a plan whose changes require earlier ones and have verify
   scripts: ``sqitch deploy --verify`` against ``chaindb deploy --verify``.  Target >= 15x;
   and --verify must cost chaindb (deploy --verify minus deploy) no more than running the
   verify scripts costs psql (one session running deploy and verify scripts, minus one
   running the deploy scripts).

Medians of the rounds (Sqitch: fewer rounds, it takes ~100x longer).  The machine's CPUs
are shared with other work: the load average is printed, and best-of-N figures beside the
medians.  Prints the numbers and rewrites the "Deploy speed" section of bench/RESULTS.md.

    python bench/deploy.py [--rounds 3] [--sqitch-rounds 1]
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

from audit_overhead import machine, temporary_cluster, write_section

IDENTITY = {"SQITCH_FULLNAME": "Bench", "SQITCH_EMAIL": "bench@example.com",
            "SQITCH_USER_CONFIG": "/nonexistent/sqitch.conf"}
# Sqitch's own psql options for scripts.
PSQL_OPTIONS = ["--quiet", "--no-psqlrc", "--no-align", "--tuples-only",
                "--set", "ON_ERROR_STOP=1", "--set", "registry=sqitch"]
PLAIN_DEPLOY = """\
-- Deploy bench:{name} to pg

BEGIN;

{schema}CREATE TABLE bench.{name} (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id   integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX {name}_owner ON bench.{name} (owner_id);

COMMIT;
"""
DEPS_DEPLOY = """\
-- Deploy bench:{name} to pg
-- requires: {requires}

BEGIN;

{schema}CREATE TABLE bench.{name} (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id   integer NOT NULL,
    amount     numeric(20, 8) NOT NULL DEFAULT 0
);
CREATE INDEX {name}_owner ON bench.{name} (owner_id);
CREATE FUNCTION bench.{name}_total(p_owner integer) RETURNS numeric
    LANGUAGE sql STABLE
    AS $$ SELECT coalesce(sum(amount), 0) FROM bench.{name} WHERE owner_id = p_owner $$;

COMMIT;
"""
DEPS_VERIFY = """\
-- Verify bench:{name} on pg

BEGIN;
SELECT id, owner_id, amount FROM bench.{name} WHERE false;
SELECT 1 / count(*) FROM pg_catalog.pg_indexes
 WHERE schemaname = 'bench' AND indexname = '{name}_owner';
SELECT has_function_privilege('bench.{name}_total(integer)', 'execute');
ROLLBACK;
"""
# Installed Python code has bytecode: a PYTHONDONTWRITEBYTECODE shell would make every
# timed chaindb run recompile its modules, so the timed commands run without it (the
# untimed warm-up run writes the bytecode).
TOOL_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
CHAINDB = [sys.executable, "-m", "chaindb"]
FLOOR = [sys.executable, "-c", "import psycopg"]


def _plan(dest: Path, names: list[str], requires: dict[str, list[str]]) -> None:
    dest.mkdir()
    (dest / "sqitch.conf").write_text("[core]\n\tengine = pg\n")
    lines = ["%syntax-version=1.0.0", "%project=bench", ""]
    for i, name in enumerate(names):
        deps = f"[{' '.join(requires[name])}] " if requires[name] else ""
        lines.append(f"{name} {deps}2026-01-01T{i // 3600:02d}:{i // 60 % 60:02d}:"
                     f"{i % 60:02d}Z Bench <bench@example.com> # {name}.")
    (dest / "sqitch.plan").write_text("\n".join(lines) + "\n")
    for kind in ("deploy", "revert", "verify"):
        (dest / kind).mkdir()


def plain_project(dest: Path, count: int) -> Path:
    """``count`` changes of a table and an index each (the first creates schema bench)."""
    names = [f"c{i:03d}" for i in range(1, count + 1)]
    _plan(dest, names, {n: [] for n in names})
    for i, name in enumerate(names):
        schema = "CREATE SCHEMA bench;\n" if i == 0 else ""
        (dest / "deploy" / f"{name}.sql").write_text(PLAIN_DEPLOY.format(name=name,
                                                                         schema=schema))
        (dest / "revert" / f"{name}.sql").write_text(f"DROP TABLE bench.{name};\n")
    return dest


def deps_project(dest: Path, count: int) -> Path:
    """``count`` changes that each require the change before and the first one, with
    verify scripts (a table, an index and a function each)."""
    names = [f"d{i:03d}" for i in range(1, count + 1)]
    requires = {n: sorted({names[0], names[i - 1]}) if i else [] for i, n in enumerate(names)}
    _plan(dest, names, requires)
    for i, name in enumerate(names):
        schema = "CREATE SCHEMA bench;\n" if i == 0 else ""
        (dest / "deploy" / f"{name}.sql").write_text(DEPS_DEPLOY.format(
            name=name, schema=schema, requires=", ".join(requires[name]) or "-"))
        (dest / "verify" / f"{name}.sql").write_text(DEPS_VERIFY.format(name=name))
        (dest / "revert" / f"{name}.sql").write_text(
            f"BEGIN;\nDROP FUNCTION bench.{name}_total(integer);\nDROP TABLE bench.{name};\n"
            "COMMIT;\n")
    return dest


def include_all(project: Path, kinds: tuple[str, ...], label: str) -> Path:
    """One psql script that \\i-includes the changes' scripts of ``kinds``, in plan order
    (deploy then verify of each change, as deploy --verify runs them)."""
    plan = (project / "sqitch.plan").read_text().splitlines()
    names = [line.split()[0] for line in plan[3:] if line.strip()]
    script = project / f"{label}.psql"
    script.write_text("".join(f"\\i {kind}/{name}.sql\n" for name in names for kind in kinds))
    return script


CPU: dict[str, list[float]] = {}      # client CPU seconds (user+sys) of each timed command
SERVER: dict[str, list[float]] = {}   # server execution seconds of its statements


def run(argv: list[str], cwd: Path, label: str | None = None) -> float:
    """Seconds the whole command took; exits on failure.  With ``label``, the CPU time of
    the command's process tree is kept in CPU[label] (steadier than wall time on a shared
    machine; the server's work is not in it)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True,
                          env={**TOOL_ENV, **IDENTITY})
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{proc.stdout}\n{proc.stderr}")
    if label:
        CPU.setdefault(label, []).append(after.ru_utime - before.ru_utime
                                         + after.ru_stime - before.ru_stime)
    return elapsed


class Bench:
    def __init__(self, cluster):
        self.cluster = cluster
        self.serial = 0

    def fresh(self) -> tuple[str, str]:
        """(dbname, target URI) of a new empty database."""
        self.serial += 1
        name = f"b{self.serial}"
        self.cluster.create_database(name)
        return name, self.cluster.url(name)

    def psql(self, project: Path, script: Path, label: str) -> float:
        name, _ = self.fresh()
        elapsed = run(["psql", "--dbname", f"host=127.0.0.1 port={self.cluster.port} "
                       f"user=postgres dbname={name}", *PSQL_OPTIONS, "--file", script.name],
                      project, label)
        self.server(name, label)
        return elapsed

    def tool(self, argv: list[str], project: Path, label: str, *extra: str) -> float:
        name, uri = self.fresh()
        elapsed = run([*argv, "deploy", *extra, uri], project, label)
        self.server(name, label)
        return elapsed

    def server(self, dbname: str, label: str) -> None:
        """The server's execution time for the statements run in ``dbname``."""
        import psycopg

        try:
            with psycopg.connect(host="127.0.0.1", port=self.cluster.port, user="postgres",
                                 dbname="postgres", autocommit=True) as conn:
                conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
                ms_total = conn.execute(
                    "SELECT coalesce(sum(s.total_exec_time), 0) FROM pg_stat_statements s"
                    " JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = %s",
                    (dbname,)).fetchone()[0]
        except psycopg.Error:
            return
        SERVER.setdefault(label, []).append(float(ms_total) / 1000)


def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sqitch-rounds", type=int, default=1)
    parser.add_argument("--changes", type=int, default=300)
    parser.add_argument("--small", type=int, default=50)
    parser.add_argument("--verify-changes", type=int, default=100)
    args = parser.parse_args()
    load_before = os.getloadavg()
    t: dict[str, list[float]] = {}

    def add(key: str, value: float) -> None:
        t.setdefault(key, []).append(value)

    with tempfile.TemporaryDirectory(prefix="chaindb-bench-deploy-") as tmp:
        big = plain_project(Path(tmp) / "plain", args.changes)
        small = plain_project(Path(tmp) / "small", args.small)
        deps = deps_project(Path(tmp) / "deps", args.verify_changes)
        big_all, small_all = (include_all(p, ("deploy",), "all") for p in (big, small))
        deps_deploy = include_all(deps, ("deploy",), "deploy")
        deps_both = include_all(deps, ("deploy", "verify"), "both")
        with temporary_cluster() as cluster:
            bench = Bench(cluster)
            bench.tool(CHAINDB, small, "warm-up")       # bytecode, caches
            for _ in range(args.rounds):
                for key, go in (
                        ("psql big", lambda k: bench.psql(big, big_all, k)),
                        ("chaindb big", lambda k: bench.tool(CHAINDB, big, k)),
                        ("psql small", lambda k: bench.psql(small, small_all, k)),
                        ("chaindb small", lambda k: bench.tool(CHAINDB, small, k)),
                        ("psql deps", lambda k: bench.psql(deps, deps_deploy, k)),
                        ("psql deps+verify", lambda k: bench.psql(deps, deps_both, k)),
                        ("chaindb deps", lambda k: bench.tool(CHAINDB, deps, k)),
                        ("chaindb deps --verify",
                         lambda k: bench.tool(CHAINDB, deps, k, "--verify"))):
                    add(key, go(key))
            for _ in range(args.sqitch_rounds):
                key = "sqitch deps --verify"
                add(key, bench.tool(["sqitch"], deps, key, "--verify"))
            _, uri = bench.fresh()
            run([*CHAINDB, "deploy", uri], big)
            for _ in range(max(args.rounds, 5)):
                add("status", run([*CHAINDB, "status", uri], big, "status"))
                add("floor", run(FLOOR, big, "floor"))
    body = report(t, args, load_before)
    print(body)
    write_section("Deploy speed", body)


def report(t: dict[str, list[float]], args, load_before) -> str:
    m = {key: median(values) for key, values in t.items()}
    b = {key: min(values) for key, values in t.items()}
    n, s = args.changes, args.small
    whole = m["chaindb big"] / m["psql big"]
    slope = ((m["chaindb big"] - m["chaindb small"]) / (m["psql big"] - m["psql small"])
             if m["psql big"] > m["psql small"] else float("nan"))
    per_change_ms = (m["chaindb big"] - m["chaindb small"]) / (n - s) * 1000
    per_change_psql_ms = (m["psql big"] - m["psql small"]) / (n - s) * 1000
    fixed = m["chaindb big"] - per_change_ms / 1000 * n
    verify_speedup = m["sqitch deps --verify"] / m["chaindb deps --verify"]
    verify_speedup_best = b["sqitch deps --verify"] / b["chaindb deps --verify"]
    slope_best = ((b["chaindb big"] - b["chaindb small"]) / (b["psql big"] - b["psql small"])
                  if b["psql big"] > b["psql small"] else float("nan"))
    verify_cost = m["chaindb deps --verify"] - m["chaindb deps"]
    verify_cost_psql = m["psql deps+verify"] - m["psql deps"]
    sqitch = subprocess.run(["sqitch", "--version"], capture_output=True, text=True).stdout
    load_after = os.getloadavg()

    def yes(ok: bool) -> str:
        return "yes" if ok else "NO"

    rows = [
        f"| whole {n}-change deploy, chaindb / psql | {ms(m['psql big'])} / "
        f"{ms(m['chaindb big'])} ms | {whole:.2f}x (best {b['chaindb big'] / b['psql big']:.2f}x)"
        f" | <= 1.25 | {yes(whole <= 1.25)} |",
        f"| per change, slope {s}..{n}, chaindb / psql | {per_change_psql_ms:.2f} / "
        f"{per_change_ms:.2f} ms | {slope:.2f}x (best {slope_best:.2f}x) | <= 1.0 | "
        f"{yes(slope <= 1.0)} |",
        f"| `chaindb status`, up to date, whole process | floor {ms(m['floor'])} ms | "
        f"{ms(m['status'])} ms (best {ms(b['status'])}) | <= 180 ms | "
        f"{yes(m['status'] <= 0.18)} |",
        f"| deploy --verify ({args.verify_changes} changes with dependencies), sqitch / "
        f"chaindb | {ms(m['sqitch deps --verify'])} / {ms(m['chaindb deps --verify'])} ms | "
        f"{verify_speedup:.1f}x (best {verify_speedup_best:.1f}x) | >= 15 | "
        f"{yes(verify_speedup >= 15)} |",
        f"| cost of --verify, chaindb vs psql running the verify scripts | "
        f"{ms(verify_cost_psql)} / {ms(verify_cost)} ms | "
        f"{verify_cost / verify_cost_psql if verify_cost_psql > 0 else float('nan'):.2f}x | "
        f"<= 1.0 | {yes(verify_cost <= verify_cost_psql)} |",
    ]
    raw = "; ".join(f"{key} {', '.join(ms(v) for v in values)}" for key, values in t.items())
    cpu = {key: median(values) for key, values in CPU.items()}
    server = {key: median(values) for key, values in SERVER.items()}

    def cpu_row(key: str) -> str:
        return (f"| {key} | {ms(m[key])} | {ms(cpu[key])} | "
                f"{ms(server[key]) if key in server else '-'} |")
    return "\n".join([
        f"{machine()}; Python {platform.python_version()}; {sqitch.strip()}; temporary "
        f"cluster with fsync=off; load average {', '.join(f'{x:.1f}' for x in load_before)} "
        f"at start, {', '.join(f'{x:.1f}' for x in load_after)} at the end (the 2 CPUs are "
        f"shared by 8 engineers' builds and tests: figures move by 2x between runs); median "
        f"of {args.rounds} rounds (Sqitch {args.sqitch_rounds}), each into a fresh database, "
        "whole commands timed, process start-up included (`python bench/deploy.py`).",
        "",
        "| measure | baseline / chaindb | ratio | target | met |",
        "|---|---|---|---|---|",
        *rows,
        "",
        f"Fixed cost of a chaindb deploy (the {n}-change median minus {n} x the per-change "
        f"slope): {ms(fixed)} ms, of which the interpreter and psycopg's import (the floor) "
        f"{ms(m['floor'])} ms; psql's whole {n}-change run is {ms(m['psql big'])} ms.",
        "",
        f"Raw seconds x 1000: {raw}.",
        "",
        "Where the time goes (medians, ms): wall; CPU of the client process tree (user+sys, "
        "what start-up and client work cost whatever the load); the server's execution "
        "time of the statements (pg_stat_statements, planning and network not included):",
        "",
        "| command | wall | client CPU | server execution |",
        "|---|---|---|---|",
        *(cpu_row(key) for key in ("psql big", "chaindb big", "psql small", "chaindb small",
                                   "psql deps", "psql deps+verify", "chaindb deps",
                                   "chaindb deps --verify", "sqitch deps --verify", "status",
                                   "floor") if key in cpu),
    ])


if __name__ == "__main__":
    main()
