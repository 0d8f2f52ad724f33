"""`chaindb seed`: the dev and scale profiles rendered from the Jinja templates under
tools/chaindb/templates/seeds/.

Proven here: both profiles load with every constraint and trigger on (and the triggers are
still enabled afterwards), the dev profile uses every enum value of the schemas it seeds and is
idempotent, two renders give the same SQL and two seeds the same row checksums, the scale
profile keeps the domain invariants (milestones within totals, votes only on active proposals
and tallies equal to the votes, progress only past completed prerequisites, grants on real
assets), --only/--dry-run/bad input behave, and legacy test/fixtures files still load.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, chaindb_cli
from chaindb import seed

CLOCK_TYPES = ("timestamp with time zone", "date")
# random surrogate keys (gen_random_uuid() defaults of seed 003's tables) differ run to run too
RANDOM_TYPES = ("uuid",)
# enum types written only by triggers (not seed data): audit.operation's TRUNCATE
TRIGGER_ONLY_ENUMS = {"audit.operation"}


def cli(*args: str, rc: int = 0):
    proc = chaindb_cli(*args)
    assert proc.returncode == rc, f"chaindb {' '.join(args)}: rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr
    return proc


def one_line_error(proc) -> str:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("chaindb: "), proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stderr


def checksums(db, **kwargs):
    with db.connect() as conn:
        return seed.table_checksums(conn, **kwargs)


def app_checksums(db):
    """Row checksums of our tables without the clock columns (two seeds run at different
    moments), the registry and audit.logs (what the triggers recorded: transaction ids and
    row images with their times)."""
    return {t: v for t, v in checksums(db, exclude_types=CLOCK_TYPES + RANDOM_TYPES).items()
            if not t.startswith("sqitch.") and t != "audit.logs"}


# ------------------------------------------------------------------ rendering (no database)

def test_templates_are_one_per_schema_in_name_order():
    names = [s.stem for s in seed.template_sources()]
    assert names == sorted(names)
    assert {"10_core", "20_blockchain", "30_trading", "40_manufacturing", "50_governance",
            "60_education", "70_auth"} <= set(names)
    assert names[0] == "10_core"


@pytest.mark.parametrize("profile,scale", [("dev", 1), ("scale", 3)])
def test_two_renders_give_the_same_sql(profile, scale):
    sources = seed.template_sources()
    first = seed.script_text(seed.render_all(sources, profile, scale, 7), profile, scale, 7)
    second = seed.script_text(seed.render_all(sources, profile, scale, 7), profile, scale, 7)
    assert first == second and first.strip()


def test_seed_changes_the_scale_sql_and_scale_the_row_counts():
    sources = seed.template_sources()
    one = seed.script_text(seed.render_all(sources, "scale", 2, 1), "scale", 2, 1)
    other = seed.script_text(seed.render_all(sources, "scale", 2, 2), "scale", 2, 2)
    assert one != other
    assert "-- chaindb:table core.users 2000" in one
    steps = [s for r in seed.render_all(sources, "scale", 2, 1) for s in seed.steps(r.sql)]
    declared = {s.table: s.table_rows for s in steps if s.table and s.sql == ""}
    assert declared["blockchain.transactions"] == 10_000
    # the last batch of each table reports its whole row count
    for table, rows in declared.items():
        assert max(s.rows_after or 0 for s in steps if s.table == table) == rows, table


def test_chunks_cover_every_row_once():
    assert seed._chunks(5, 2) == [(1, 2), (3, 4), (5, 5)]
    covered = [g for lo, hi in seed._chunks(123_457) for g in range(lo, hi + 1)]
    assert covered == list(range(1, 123_458))


def test_plain_sql_works_as_a_dev_template():
    """A fixture file renamed NN_x.sql.j2 renders to itself and is dev-only."""
    import jinja2

    text = (REPO / "tools/chaindb/templates/seeds/70_auth.sql.j2").read_text()
    plain = "INSERT INTO t VALUES ('{\"a\": [1, 2]}', E'100%%', $$x$$);\n-- a comment\n"
    env = seed._environment()
    assert env.from_string(plain).render() == plain
    assert "profile" in jinja2.meta.find_undeclared_variables(env.parse(text))
    assert "profile" not in jinja2.meta.find_undeclared_variables(env.parse(plain))


@pytest.mark.parametrize("profile,scale,seed_value,message", [
    ("prod", 1, 1, 'unknown profile "prod"'),
    ("scale", 0, 1, "invalid scale 0"),
    ("scale", 1, -1, "invalid seed -1"),
])
def test_bad_options(profile, scale, seed_value, message):
    with pytest.raises(seed.SeedError, match=message):
        seed.check_options(profile, scale, seed_value)


def test_unknown_only_lists_the_known_names():
    with pytest.raises(seed.SeedError, match="unknown seed nosuch: expected one of core, audit"):
        seed.select(seed.template_sources(), ["nosuch"])
    assert [s.name for s in seed.select(seed.template_sources(), ["core,auth"])] == ["core", "auth"]


def test_legacy_fixtures_merge_in_name_order(tmp_path):
    (tmp_path / "tools").symlink_to(REPO / "tools")          # the project's templates
    (tmp_path / "test/fixtures").mkdir(parents=True)
    (tmp_path / "test/fixtures/45_memory.sql").write_text("SELECT 1;\n")
    (tmp_path / "test/fixtures/10_core.sql").write_text("SELECT 2;\n")
    merged, notes = seed.sources(tmp_path)
    stems = [s.stem for s in merged]
    assert stems.index("40_manufacturing") < stems.index("45_memory") < stems.index("50_governance")
    assert [s.kind for s in merged if s.stem == "10_core"] == ["template"]
    assert notes == ["test/fixtures/10_core.sql superseded by templates/seeds/10_core.sql.j2"]
    assert seed.render_source(next(s for s in merged if s.stem == "45_memory"), "scale").sql == ""
    # a project without seed templates has only its fixtures
    (tmp_path / "tools").unlink()
    assert [s.stem for s in seed.sources(tmp_path)[0]] == ["10_core", "45_memory"]


# ------------------------------------------------------------------ dev profile

def test_dev_profile_every_enum_value_idempotent_triggers_on(deployed_db):
    cli("seed", deployed_db.uri, "--profile", "dev")
    first = checksums(deployed_db)
    again = cli("seed", deployed_db.uri, "--profile", "dev")
    assert "ok" in again.stdout
    assert checksums(deployed_db) == first          # a second run adds and changes nothing
    with deployed_db.connect() as conn:
        # every label of every enum of ours appears in some column of that type
        missing = conn.execute("""
            SELECT t.oid::regtype::text, e.enumlabel
              FROM pg_type AS t JOIN pg_enum AS e ON e.enumtypid = t.oid
              JOIN pg_namespace AS n ON n.oid = t.typnamespace
             WHERE n.nspname IN ('core', 'blockchain', 'trading', 'manufacturing', 'governance',
                                 'education', 'auth', 'audit')
             ORDER BY 1, e.enumsortorder""").fetchall()
        used = set()
        for (table, column, typ) in conn.execute("""
            SELECT a.attrelid::regclass::text, a.attname, a.atttypid::regtype::text
              FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid
              JOIN pg_type AS t ON t.oid = a.atttypid
             WHERE t.typtype = 'e' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
               AND a.attnum > 0 AND NOT a.attisdropped""").fetchall():
            for (value,) in conn.execute(f'SELECT DISTINCT "{column}"::text FROM {table}'):
                used.add((typ, value))
        unused = [(t, v) for t, v in missing if (t, v) not in used and t not in TRIGGER_ONLY_ENUMS]
        assert unused == []
        assert conn.execute("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal "
                            "AND tgenabled <> 'O'").fetchone()[0] == 0


def test_dev_profile_is_the_same_rows_every_time(deployed_db, make_db):
    other = make_db()
    cli("deploy", other.uri)
    for db in (deployed_db, other):
        cli("seed", db.uri, "--profile", "dev")
    a, b = app_checksums(deployed_db), app_checksums(other)
    assert {t: v for t, v in a.items() if v[0]} == {t: v for t, v in b.items() if v[0]}
    assert a["core.users"][0] >= 8          # the templates' 8, and what other dev seeds add


# ------------------------------------------------------------------ scale profile

INVARIANTS = {
    "milestones within their order's total": """
        SELECT count(*) FROM manufacturing.orders AS o
         WHERE (SELECT sum(amount) FROM manufacturing.milestones AS m WHERE m.order_id = o.id) > o.total_amount""",
    "votes only on active proposals": """
        SELECT count(*) FROM governance.votes AS v JOIN governance.proposals AS p ON p.id = v.proposal_id
         WHERE p.status <> 'active' OR v.created_at < p.voting_starts_at OR v.created_at >= p.voting_ends_at""",
    "tallies equal the votes": """
        SELECT count(*) FROM governance.proposals AS p
         CROSS JOIN LATERAL (SELECT coalesce(sum(weight) FILTER (WHERE choice = 'for'), 0) AS f,
                                    coalesce(sum(weight) FILTER (WHERE choice = 'against'), 0) AS a,
                                    coalesce(sum(weight) FILTER (WHERE choice = 'abstain'), 0) AS x
                               FROM governance.votes AS v WHERE v.proposal_id = p.id) AS t
         WHERE (p.votes_for, p.votes_against, p.votes_abstain) IS DISTINCT FROM (t.f, t.a, t.x)""",
    "progress past completed prerequisites only": """
        SELECT count(*) FROM education.progress AS p
          JOIN education.module_prerequisites AS r ON r.module_id = p.module_id
          LEFT JOIN education.progress AS q ON q.user_id = p.user_id AND q.module_id = r.prerequisite_id
          JOIN education.modules AS m ON m.id = r.prerequisite_id
         WHERE p.status IN ('in_progress', 'completed')
           AND (q.status IS DISTINCT FROM 'completed' OR q.quiz_score < m.min_quiz_score)""",
    "escrow amounts within filled orders of two parties": """
        SELECT count(*) FROM trading.escrows AS e JOIN trading.orders AS o ON o.id = e.order_id
         WHERE o.status <> 'filled' OR e.buyer_id = e.seller_id""",
    "transactions between known wallets": """
        SELECT count(*) FROM blockchain.transactions AS t
         WHERE NOT EXISTS (SELECT 1 FROM core.users AS u WHERE u.wallet_address = t.from_address)""",
}


def test_scale_profile_rows_invariants_and_determinism(deployed_db, make_db):
    proc = cli("seed", deployed_db.uri, "--profile", "scale", "--scale", "1", "--seed", "5")
    assert "blockchain.transactions" in proc.stdout and "rows/s" in proc.stdout
    counts = checksums(deployed_db)
    assert counts["core.users"][0] == 1000
    assert counts["blockchain.transactions"][0] == 5000
    assert counts["education.progress"][0] == 5000
    with deployed_db.connect() as conn:
        for name, query in INVARIANTS.items():
            assert conn.execute(query).fetchone()[0] == 0, name
        assert conn.execute("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal "
                            "AND tgenabled <> 'O'").fetchone()[0] == 0
        # a random draw per row (a LATERAL that does not refer to the row is evaluated once)
        orders = {r[0] for r in conn.execute("SELECT DISTINCT status::text FROM trading.orders")}
        assert orders == {"open", "partially_filled", "filled", "cancelled", "expired"}, orders
        states = dict(conn.execute("SELECT status::text, count(*) FROM trading.escrows GROUP BY 1").fetchall())
        assert set(states) == {"funded", "released", "refunded", "disputed", "resolved_released",
                               "resolved_refunded"}
        # identities continue after the explicit ids
        conn.execute("INSERT INTO core.users (email) VALUES ('after-scale@example.com')")

    # the same seed in another database: the same rows (clock columns aside)
    other = make_db()
    cli("deploy", other.uri)
    cli("seed", other.uri, "--profile", "scale", "--scale", "1", "--seed", "5")
    a, b = app_checksums(deployed_db), app_checksums(other)
    a.pop("core.users"), b.pop("core.users")             # one extra user in the first
    assert a == b
    # a second scale run refuses (its rows are there), in one line, nothing added
    before = checksums(other)
    err = one_line_error(chaindb_cli("seed", other.uri, "--profile", "scale"))
    assert "already there" in err and "clear --force" in err
    assert checksums(other) == before


def test_scale_seed_changes_the_rows(deployed_db, make_db):
    other = make_db()
    cli("deploy", other.uri)
    cli("seed", deployed_db.uri, "--profile", "scale", "--only", "core", "--seed", "1")
    cli("seed", other.uri, "--profile", "scale", "--only", "core", "--seed", "2")
    assert app_checksums(deployed_db)["core.users"] != app_checksums(other)["core.users"]


# ------------------------------------------------------------------ command line

def test_dry_run_prints_the_sql_and_touches_nothing(deployed_db):
    before = checksums(deployed_db)
    proc = cli("seed", deployed_db.uri, "--profile", "scale", "--scale", "2", "--dry-run")
    sources, _ = seed.sources(REPO)
    expected = seed.script_text(seed.render_all(sources, "scale", 2, 1), "scale", 2, 1)
    assert proc.stdout == expected
    assert checksums(deployed_db) == before


def test_only_loads_the_named_schemas(deployed_db):
    cli("seed", deployed_db.uri, "--only", "core", "auth")
    counts = checksums(deployed_db)
    assert counts["core.users"][0] == 8 and counts["auth.sessions"][0] == 3
    assert counts["blockchain.assets"][0] == 0 and counts["trading.orders"][0] == 0


def test_only_without_its_dependencies_fails_in_one_line(deployed_db):
    err = one_line_error(chaindb_cli("seed", deployed_db.uri, "--only", "trading"))
    assert "seed core" in err or "seed them first" in err
    assert checksums(deployed_db)["trading.orders"][0] == 0


@pytest.mark.parametrize("args,message", [
    (["--profile", "prod"], "invalid choice"),
    (["--profile", "scale", "--scale", "0"], "invalid scale 0"),
    (["--profile", "scale", "--scale", "x"], 'invalid scale "x"'),
    (["--only", "nosuch"], "unknown seed nosuch"),
    (["--seed", "-3"], "invalid seed -3"),
])
def test_bad_input_is_one_line(deployed_db, args, message):
    err = one_line_error(chaindb_cli("seed", deployed_db.uri, *args))
    assert message in err


def test_unreachable_target_is_one_line():
    err = one_line_error(chaindb_cli("seed", "db:pg://nobody@127.0.0.1:1/none"))
    assert "cannot connect" in err


def test_progress_redraws_on_a_terminal_and_appends_lines_otherwise():
    import io

    tty, plain = io.StringIO(), io.StringIO()
    for stream, is_tty in ((tty, True), (plain, False)):
        progress = seed.Progress(stream, tty=is_tty)
        progress.begin("core.users", 100)
        progress.update(50)
        progress.update(100)
        progress.end()
    assert "\r\x1b[K" in tty.getvalue() and "[##########" in tty.getvalue()
    assert tty.getvalue().endswith("elapsed\n") and tty.getvalue().count("\n") == 1
    lines = plain.getvalue().splitlines()
    assert len(lines) == 2 and "\r" not in plain.getvalue()
    assert "50/100" in lines[0] and "rows/s" in lines[0] and "ETA" in lines[0]
    assert "100/100" in lines[1] and "elapsed" in lines[1]


def test_json_output(deployed_db):
    import json

    data = json.loads(cli("seed", deployed_db.uri, "--profile", "scale", "--only", "core",
                          "--json").stdout)
    assert data["profile"] == "scale" and data["tables"]["core.users"]["rows"] == 1000
    assert data["rows"] == 1000
