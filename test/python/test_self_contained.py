"""The repository is self-contained: a clone with nothing beside it runs the whole suite.

The Sqitch golden vectors live in test/golden/ (its README names every file; its
`regenerate` script rebuilds them with the real sqitch), and no test, tool, Makefile line
or comment reads or cites a directory outside the repository.
"""

from __future__ import annotations

import subprocess

from conftest import GOLDEN, REPO

# The forbidden words, assembled from parts so that this file itself names no outside path.
_SIBLING = "shar" + "ed"
OUTSIDE = ("../" + _SIBLING, "CHAINDB_" + _SIBLING.upper(), _SIBLING + "/compat",
           _SIBLING + "/reference", "EXAMPLES" + ".md", "DESIGN" + ".md", "remote" + ".origin")


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "-C", str(REPO), "ls-files"], capture_output=True, text=True)
    if out.returncode != 0:                       # an export without .git: walk the tree
        return [str(p.relative_to(REPO)) for p in REPO.rglob("*")
                if p.is_file() and ".git" not in p.parts and ".venv" not in p.parts]
    return out.stdout.splitlines()


def test_nothing_reads_or_cites_outside_the_repository():
    found = []
    for name in tracked_files():
        path = REPO / name
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        found += [f"{name}: {word}" for word in OUTSIDE if word in text]
    assert not found, "\n".join(found)


def test_every_golden_vector_is_described_and_regenerable():
    readme = (GOLDEN / "README.md").read_text(encoding="utf-8")
    regenerate = (GOLDEN / "regenerate").read_text(encoding="utf-8")
    for kind in ("ids", "outputs"):
        for path in sorted((GOLDEN / kind).iterdir()):
            assert f"`{path.name}`" in readme, f"test/golden/README.md does not describe {path}"
            assert path.name in regenerate or path.stem.split("-")[0] in regenerate, path
    for state in sorted((GOLDEN / "registry").iterdir()):
        assert f"`{state.name}`" in readme, f"README.md does not describe registry/{state.name}"
        assert state.name in regenerate or state.name.startswith("golden_"), state
    for project in sorted((GOLDEN / "projects").iterdir()):
        assert f"`projects/{project.name}/`" in readme, project
    script = GOLDEN / "regenerate"
    assert script.stat().st_mode & 0o111, "test/golden/regenerate is not executable"
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
    assert subprocess.run(["perl", "-c", str(GOLDEN / "tools" / "dump-ids.pl")],
                          capture_output=True).returncode == 0
