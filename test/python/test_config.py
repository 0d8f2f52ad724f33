"""sqitch.conf parsing, file precedence, targets and db:pg: URIs (sqitch.md §4.2-4.3)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from chaindb.config import (Config, ConfigError, connect_kwargs, display_uri,
                            parse_config)
from chaindb.errors import ChaindbError
from conftest import GOLDEN as SQITCH_GOLDEN

GOLDEN = SQITCH_GOLDEN / "projects" / "golden"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch):
    """No SQITCH_* or PG* variable from the machine leaks in; user and system files are
    empty paths under tmp_path unless a test writes them."""
    for name in list(os.environ):
        if name.startswith(("SQITCH_", "PG")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SQITCH_USER_CONFIG", str(tmp_path / "user.conf"))
    monkeypatch.setenv("SQITCH_SYSTEM_CONFIG", str(tmp_path / "system.conf"))
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ syntax

def test_sections_subsections_and_key_case():
    entries = parse_config('[CORE]\n\tEngine = pg\n[Target "Golden_DB"]\n\tURI = db:pg:x\n'
                           '[a.B]\nk = v\n')
    assert entries == [("core", "Engine", "pg"), ("target.Golden_DB", "URI", "db:pg:x"),
                       ("a.b", "k", "v")]


def test_quoted_values_escapes_and_comments():
    text = ('[s]\n'
            'a = "x \\"y\\" \\\\ \\n\\t\\b" tail  # trailing comment\n'
            'b = plain ; semicolon comment\n'
            'c = "keeps # and ;" \n'
            'd = two    words   \n'
            "e = it\\'s\n")
    values = {k: v for _, k, v in parse_config(text)}
    assert values == {"a": 'x "y" \\ \n\t\b tail', "b": "plain", "c": "keeps # and ;",
                      "d": "two words", "e": "it's"}


def test_valueless_key_continuation_and_multi_values():
    text = "[s]\n  flag\n  flag2 # comment\n  long = a\\\n   b\n  m = 1\n  m = 2\n"
    assert parse_config(text) == [("s", "flag", None), ("s", "flag2", None),
                                  ("s", "long", "a b"), ("s", "m", "1"), ("s", "m", "2")]


def test_quoted_subsection_escapes():
    assert parse_config('[t "a\\"b\\\\c"]\nk=v\n') == [('t.a"b\\c', "k", "v")]


@pytest.mark.parametrize("text, line", [
    ("key = outside\n", 1),
    ("[core]\nengine = pg\n[broken\n", 3),
    ("[core]\n\nx = \"unterminated\n", 3),
    ("[core]\nx = bad\\q\n", 2),
    ('[t "a"b"]\nk=v\n', 1),
])
def test_malformed_file_is_one_line_error_with_line(text, line):
    with pytest.raises(ConfigError) as err:
        parse_config(text, "sqitch.conf")
    message = str(err.value)
    assert message.startswith(f"sqitch.conf:{line}: ")
    assert "\n" not in message
    assert isinstance(err.value, ChaindbError)


def test_load_reports_the_file_and_line(tmp_path):
    write(tmp_path / "proj" / "sqitch.conf", "[core]\n  engine = pg\n  x = \"oops\n")
    with pytest.raises(ConfigError, match=r"sqitch\.conf:3: "):
        Config.load(tmp_path / "proj")


@pytest.mark.skipif(shutil.which("sqitch") is None, reason="needs the real sqitch")
def test_parser_agrees_with_real_sqitch(tmp_path):
    """`sqitch config --list` (Config::GitLike) on an edge-case file gives our values.
    (Not compared: `\\"` inside a quoted value, which GitLike leaves as two characters while
    git -- and we -- read a quote; and trailing blanks, which git and we drop.)"""
    conf = write(tmp_path / "sqitch.conf",
                 '[core]\n\tengine = pg\n[Target "Golden"]\n  URI = "db:pg:x"  ; c\n'
                 '  flag\n  multi = 1\n  multi = two  words\n'
                 '[deploy "variables"]\n  Foo = "a\\tb\\\\" \\"q\\"  # c\n'
                 '[x]\n y = a\\\n  b\\n\n')
    env = dict(os.environ, SQITCH_USER_CONFIG="/dev/null", SQITCH_SYSTEM_CONFIG="/dev/null")
    proc = subprocess.run(["sqitch", "config", "--list"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=True)
    theirs: dict[str, str] = {}
    for line in proc.stdout.split("\n"):
        if line:
            key, _, value = line.partition("=")
            theirs[key] = value
    config = Config.load(tmp_path)
    ours = {}
    for key, values in config.values.items():
        shown = ["" if v is None else v for v in values]
        ours[key] = shown[0] if len(shown) == 1 else "[" + ", ".join(shown) + "]"
    assert theirs["target.Golden.flag"] == "" and ours["target.Golden.flag"] == ""
    # sqitch prints an embedded newline raw; compare the line-split form
    assert ours.pop("x.y") == "a b\n"
    assert theirs.pop("x.y") == "a b"
    assert ours == theirs
    assert conf.exists()


# ------------------------------------------------------------------ files, precedence

def test_precedence_local_over_user_over_system(isolated_env, monkeypatch):
    tmp = isolated_env
    write(tmp / "system.conf", "[core]\n engine = pg\n registry = sysreg\n[user]\n name = Sys\n"
                               "[m]\n v = s1\n v = s2\n")
    write(tmp / "user.conf", "[core]\n registry = userreg\n[user]\n name = Zoë\n")
    write(tmp / "proj" / "sqitch.conf", "[core]\n registry = localreg\n[m]\n v = l1\n")
    config = Config.load(tmp / "proj")
    assert config.get("core.registry") == "localreg"
    assert config.get("user.name") == "Zoë"
    assert config.get("CORE.Engine") == "pg"
    # a key set in a later file replaces all earlier values (no merging of multi-values)
    assert config.get_all("m.v") == ["l1"]
    assert config.local_file == tmp / "proj" / "sqitch.conf"


def test_env_var_files(isolated_env, monkeypatch):
    tmp = isolated_env
    write(tmp / "elsewhere.conf", "[core]\n registry = fromenv\n")
    write(tmp / "proj" / "sqitch.conf", "[core]\n registry = local\n")
    monkeypatch.setenv("SQITCH_CONFIG", str(tmp / "elsewhere.conf"))
    assert Config.load(tmp / "proj").get("core.registry") == "fromenv"


def test_get_default_bool_and_section(isolated_env):
    write(isolated_env / "p" / "sqitch.conf",
          "[deploy]\n verify\n lazy = off\n[deploy \"variables\"]\n Schema = app\n"
          " n = 1\n[deploy \"variables.deeper\"]\n z = 2\n[x]\n bad = maybe\n")
    config = Config.load(isolated_env / "p")
    assert config.get("deploy.verify") is None           # valueless: no string value
    assert config.get("deploy.missing", "d") == "d"
    assert config.get_bool("deploy.verify") is True
    assert config.get_bool("deploy.lazy", True) is False
    assert config.get_bool("deploy.missing", True) is True
    assert config.section("deploy.variables") == {"Schema": "app", "n": "1"}
    with pytest.raises(ConfigError, match="invalid boolean"):
        config.get_bool("x.bad")


# ------------------------------------------------------------------ targets

def test_golden_project_target():
    config = Config.load(GOLDEN)
    assert config.get("core.engine") == "pg"
    assert config.get("engine.pg.target") == "golden_db"
    target = config.target()
    assert target.name == "golden_db"
    assert target.uri == "db:pg://postgres@127.0.0.1:55432/golden"
    assert target.client == "psql"
    assert target.registry == "sqitch"
    assert target.plan_file == GOLDEN / "sqitch.plan"
    assert target.deploy_dir == GOLDEN / "deploy"
    assert target.plan_file.is_file() and target.verify_dir.is_dir()


def project(tmp: Path, text: str) -> Config:
    write(tmp / "proj" / "sqitch.conf", text)
    return Config.load(tmp / "proj")


CONF = """[core]
    engine = pg
    registry = core_reg
    plan_file = plans/core.plan
[engine "pg"]
    target = eng
    client = /opt/psql
[target "eng"]
    uri = db:pg://eng@h/engdb
[target "other"]
    uri = db:pg:otherdb
    registry = other_reg
    top_dir = sub
[core "variables"]
    a = core
    b = core
[deploy "variables"]
    b = deploy
    c = deploy
[engine "pg.variables"]
[engine "pg"]
[target "other.variables"]
"""


def test_target_selection_order(isolated_env, monkeypatch):
    config = project(isolated_env, CONF)
    assert config.target().name == "eng"                          # engine.pg.target
    config.values["core.target"] = ["other"]
    assert config.target().name == "other"                        # core.target wins
    monkeypatch.setenv("SQITCH_TARGET", "eng")
    assert config.target().name == "eng"                          # env wins
    assert config.target("other").name == "other"                 # argument wins


def test_target_per_key_fallback_and_overrides(isolated_env):
    config = project(isolated_env, CONF)
    proj = isolated_env / "proj"
    eng = config.target("eng")
    assert (eng.registry, eng.client) == ("core_reg", "/opt/psql")
    assert eng.plan_file == proj / "plans" / "core.plan"
    assert eng.top_dir == proj and eng.deploy_dir == proj / "deploy"
    other = config.target("other")
    assert other.uri == "db:pg:otherdb" and other.registry == "other_reg"
    assert other.top_dir == proj / "sub" and other.revert_dir == proj / "sub" / "revert"
    over = config.target("other", registry="cli_reg", plan_file="x.plan", top_dir="t")
    assert over.registry == "cli_reg"
    assert over.plan_file == proj / "x.plan"
    assert over.top_dir == proj / "t" and over.verify_dir == proj / "t" / "verify"


def test_target_variables_merge_in_sqitch_order(isolated_env):
    config = project(isolated_env, CONF.replace(
        '[engine "pg.variables"]', '[engine "pg.variables"]\n    c = engine\n    d = engine')
        .replace('[target "other.variables"]', '[target "other.variables"]\n    d = target'))
    assert config.target("other").variables == {"a": "core", "b": "deploy", "c": "engine",
                                                "d": "target"}
    assert config.target("eng").variables["d"] == "engine"


def test_target_given_as_uri_and_nothing_configured(isolated_env):
    config = project(isolated_env, "[core]\n engine = pg\n")
    nothing = config.target()
    assert nothing.uri is None and nothing.registry == "sqitch"
    given = config.target("db:pg://u:secret@h/db")
    assert given.uri == "db:pg://u:secret@h/db"
    assert given.name == "db:pg://u:@h/db"                         # never shows the password


def test_target_errors(isolated_env):
    config = project(isolated_env, '[core]\n engine = pg\n[target "nouri"]\n registry = r\n')
    with pytest.raises(ConfigError, match='Cannot find target "ghost"'):
        config.target("ghost")
    with pytest.raises(ConfigError, match='No URI associated with target "nouri"'):
        config.target("nouri")
    with pytest.raises(ConfigError, match="unsupported engine"):
        config.target("db:mysql://h/db")
    with pytest.raises(ConfigError, match="chaindb only deploys to pg"):
        project(isolated_env, "[core]\n engine = sqlite\n").target()


def test_identity_precedence(isolated_env, monkeypatch):
    config = project(isolated_env, "[user]\n name = Conf Name\n email = conf@example.com\n")
    monkeypatch.setenv("SQITCH_ORIG_FULLNAME", "Orig")
    monkeypatch.setenv("SQITCH_ORIG_EMAIL", "orig@example.com")
    assert (config.user_name(), config.user_email()) == ("Conf Name", "conf@example.com")
    monkeypatch.setenv("SQITCH_FULLNAME", "Env Name")
    monkeypatch.setenv("SQITCH_EMAIL", "env@example.com")
    assert (config.user_name(), config.user_email()) == ("Env Name", "env@example.com")
    bare = project(isolated_env, "[core]\n engine = pg\n")
    monkeypatch.delenv("SQITCH_FULLNAME")
    monkeypatch.delenv("SQITCH_EMAIL")
    assert (bare.user_name(), bare.user_email()) == ("Orig", "orig@example.com")
    monkeypatch.delenv("SQITCH_ORIG_FULLNAME")
    monkeypatch.delenv("SQITCH_ORIG_EMAIL")
    monkeypatch.setenv("SQITCH_ORIG_SYSUSER", "postgres")
    assert bare.user_name() == "PostgreSQL administrator,,,"        # raw gecos, like Sqitch
    assert bare.user_email().startswith("postgres@")


# ------------------------------------------------------------------ URIs

@pytest.mark.parametrize("uri, expected", [
    ("db:pg:", {}),
    ("db:pg:flipr", {"dbname": "flipr"}),
    ("db:pg://dba@example.net/blanket", {"host": "example.net", "user": "dba",
                                         "dbname": "blanket"}),
    ("db:pg://u:p@127.0.0.1:5432/db?sslmode=require",
     {"host": "127.0.0.1", "port": "5432", "user": "u", "password": "p", "dbname": "db",
      "sslmode": "require"}),
    ("db:postgres://h/d", {"host": "h", "dbname": "d"}),
    ("db:postgresql:d", {"dbname": "d"}),
    ("db:pgsql:///d", {"dbname": "d"}),
    ("db:pg://%75ser:p%40ss%3A@[::1]:6543/my%20db?application_name=a+b&connect_timeout=3",
     {"host": "::1", "port": "6543", "user": "user", "password": "p@ss:",
      "dbname": "my db", "application_name": "a b", "connect_timeout": "3"}),
    ("db:pg://h:/d#frag", {"host": "h", "dbname": "d"}),
    ("db:pg://postgres@127.0.0.1:55432/golden",
     {"host": "127.0.0.1", "port": "55432", "user": "postgres", "dbname": "golden"}),
])
def test_connect_kwargs(uri, expected):
    assert connect_kwargs(uri) == expected


def test_connect_kwargs_sqitch_env(monkeypatch):
    monkeypatch.setenv("SQITCH_USERNAME", "envuser")
    assert connect_kwargs("db:pg://u@h/d")["user"] == "envuser"
    assert "password" not in connect_kwargs("db:pg://u@h/d")
    monkeypatch.setenv("SQITCH_PASSWORD", "envpw")
    assert connect_kwargs("db:pg://h/d")["password"] == "envpw"
    # sqitch-environment(3): SQITCH_PASSWORD overrides the URI's password
    assert connect_kwargs("db:pg://u:uri@h/d")["password"] == "envpw"


@pytest.mark.parametrize("uri", ["pg://h/d", "postgres:h", "mysql://h/d", "db:mysql://h/d",
                                 "db:pg://h:port/d", "db:pg://[::1/d", "db:"])
def test_bad_uris(uri):
    with pytest.raises(ConfigError) as err:
        connect_kwargs(uri)
    assert "\n" not in str(err.value)


def test_libpq_uris_are_the_same_db_pg_uris():
    """postgresql:// (what `chaindb cluster url` prints) and postgres:// mean the db:pg:
    URI with the same parts."""
    for scheme in ("postgresql", "postgres", "POSTGRESQL"):
        assert connect_kwargs(f"{scheme}://u:p%40@h:5433/d?sslmode=disable") == connect_kwargs(
            "db:pg://u:p%40@h:5433/d?sslmode=disable")


@pytest.mark.parametrize("uri, shown", [
    ("db:pg://postgres:secret@127.0.0.1:55432/golden", "db:pg://postgres:@127.0.0.1:55432/golden"),
    ("db:pg://u:p@h:5/d?sslmode=require", "db:pg://u:@h:5/d?sslmode=require"),
    ("db:pg://postgres@127.0.0.1/x", "db:pg://postgres@127.0.0.1/x"),
    ("db:pg:flipr", "db:pg:flipr"),
])
def test_display_uri(uri, shown):
    assert display_uri(uri) == shown
