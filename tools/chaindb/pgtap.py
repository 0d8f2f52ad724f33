"""`chaindb test`: run pgTAP files, parse their TAP, report like pg_prove (text, JUnit XML).

Each file runs through chaindb.script.run_file (psql semantics: meta-commands, :vars) on
its own connection; what psql would print is the file's TAP.  A file fails on any
``not ok`` that is not TODO, a missing plan, a plan that does not match the tests run, a
``Bail out!`` or a script error (as pg_prove and TAP::Harness judge a test file; see the
TAP specification, testanything.org, and pg_prove(1)).
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from chaindb.errors import ChaindbError

# ------------------------------------------------------------------ TAP parsing

_PLAN = re.compile(r"1\.\.(\d+)\s*(?:#\s*(.*))?")
_RESULT = re.compile(r"(not )?ok\b\s*(\d+)?\s*(.*)")
_DIRECTIVE = re.compile(r"(?<!\\)#\s*(todo|skip)\S*\s*(.*)$", re.I)
_BAIL = re.compile(r"Bail out!\s*(.*)")


@dataclass
class Assertion:
    """One ``ok``/``not ok`` line and the ``#`` diagnostics that follow it."""

    number: int
    ok: bool
    description: str
    directive: str | None = None        # 'TODO' or 'SKIP'
    reason: str = ""
    diagnostics: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """A ``not ok`` counts unless it is TODO (an expected failure)."""
        return not self.ok and self.directive != "TODO"


@dataclass
class Tap:
    """A parsed TAP stream."""

    planned: int | None = None
    skip_all: str | None = None          # reason of '1..0 # SKIP reason'
    assertions: list[Assertion] = field(default_factory=list)
    diagnostics: list[str] = field(default_factory=list)   # '#' lines before any test
    bail_out: str | None = None
    parse_errors: list[str] = field(default_factory=list)


def parse_tap(text: str) -> Tap:
    """Parse TAP as pgTAP prints it.  Indented lines (runtests subtests) are ignored; the
    top-level ``ok N - schema.fn`` line of each subtest counts.  Structural problems
    (missing or repeated plan, plan mismatch, numbers out of sequence) become
    ``parse_errors`` worded like TAP::Harness."""
    tap = Tap()
    for line in text.splitlines():
        if not line.strip() or line[0] in " \t":
            continue
        if m := _PLAN.fullmatch(line.rstrip()):
            if tap.planned is not None:
                tap.parse_errors.append("More than one plan found in TAP output")
            tap.planned = int(m.group(1))
            if tap.planned == 0 and m.group(2):
                tap.skip_all = re.sub(r"(?i)^skip\S*\s*", "", m.group(2))
        elif m := _RESULT.match(line):
            tap.assertions.append(_assertion(m, len(tap.assertions) + 1, tap.parse_errors))
        elif line.startswith("#"):
            target = tap.assertions[-1].diagnostics if tap.assertions else tap.diagnostics
            target.append(line)
        elif m := _BAIL.match(line):
            tap.bail_out = m.group(1).strip()
            break
    run = len(tap.assertions)
    if tap.bail_out is None:
        if tap.planned is None:
            tap.parse_errors.append("No plan found in TAP output")
        elif tap.planned != run:
            tap.parse_errors.append(
                f"Bad plan.  You planned {tap.planned} tests but ran {run}.")
    return tap


def _assertion(m: re.Match, expected_number: int, errors: list[str]) -> Assertion:
    number = int(m.group(2)) if m.group(2) else expected_number
    if number != expected_number:
        errors.append(f"Tests out of sequence.  Found ({number}) but expected "
                      f"({expected_number})")
    rest, directive, reason = m.group(3), None, ""
    if d := _DIRECTIVE.search(rest):
        directive, reason = d.group(1).upper(), d.group(2).strip()
        rest = rest[:d.start()]
    description = re.sub(r"^-\s*", "", rest.strip()).replace("\\#", "#")
    return Assertion(number, m.group(1) is None, description, directive, reason)


# ------------------------------------------------------------------ per-file results

@dataclass
class FileResult:
    """What one pgTAP file did."""

    path: Path
    tap: Tap
    output: str = ""                    # the raw TAP text
    errors: list[str] = field(default_factory=list)   # script/connection errors
    seconds: float = 0.0

    @property
    def planned(self) -> int | None:
        return self.tap.planned

    @property
    def run(self) -> int:
        return len(self.tap.assertions)

    @property
    def failed(self) -> list[Assertion]:
        return [a for a in self.tap.assertions if a.failed]

    @property
    def passed(self) -> int:
        return self.run - len(self.failed)

    @property
    def problems(self) -> list[str]:
        """Everything other than failed assertions that makes the file fail."""
        bail = [f"Bail out!  {self.tap.bail_out}"] if self.tap.bail_out is not None else []
        return self.errors + bail + self.tap.parse_errors

    @property
    def ok(self) -> bool:
        return not self.failed and not self.problems


def result_from_output(path: Path | str, output: str, errors: list[str] | None = None,
                       seconds: float = 0.0) -> FileResult:
    """A FileResult from a file's TAP text (and any script error it ended with)."""
    return FileResult(Path(path), parse_tap(output), output, list(errors or []), seconds)


def run_file(connect: Callable[[], object], path: Path | str,
             variables: dict[str, str] | None = None) -> FileResult:
    """Run one pgTAP file on a new connection from ``connect()``; never raises for what
    the file or the database does -- that is recorded in the result."""
    from chaindb import script     # imported late: the runner is another engineer's module

    started = time.monotonic()
    chunks: list[str] = []
    errors: list[str] = []

    def collect(text: str) -> None:
        chunks.append(text if text.endswith("\n") else text + "\n")

    conn = None
    try:
        conn = connect()
        script.run_file(conn, path, variables, output=collect)
    except ChaindbError as exc:                    # ScriptError: first SQL error
        errors.append(str(exc))
    except Exception as exc:                       # e.g. psycopg.OperationalError
        first_line = (str(exc).strip().splitlines() or [""])[0]
        errors.append(f"{type(exc).__name__}: {first_line}")
    finally:
        if conn is not None:
            try:
                conn.close()
            except Exception:
                pass
    return result_from_output(path, "".join(chunks), errors, time.monotonic() - started)


def run_files(connect: Callable[[], object], files: list[Path | str], jobs: int = 1,
              variables: dict[str, str] | None = None,
              on_result: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Run pgTAP files, ``jobs`` at a time, each on its own connection; results come back
    in the order of ``files``.  ``on_result`` is called as each file finishes (e.g. to
    print its status line)."""
    if jobs < 1:
        raise ChaindbError(f"invalid number of jobs {jobs}: expected 1 or more")

    def one(path: Path | str) -> FileResult:
        result = run_file(connect, path, variables)
        if on_result is not None:
            on_result(result)
        return result

    if jobs == 1:
        return [one(path) for path in files]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, files))


# ------------------------------------------------------------------ reports

def status_line(result: FileResult) -> str:
    """pg_prove's per-file line: 'test/pgtap/x.sql .. ok' or '.. Failed 2/9 subtests'."""
    if result.tap.skip_all is not None and result.ok:
        return f"{result.path} .. skipped: {result.tap.skip_all}"
    if result.ok:
        return f"{result.path} .. ok"
    if result.errors or result.tap.bail_out is not None:
        total = result.planned if result.planned is not None else result.run
        return f"{result.path} .. Dubious, {len(result.failed)}/{total} subtests failed"
    total = result.planned if result.planned is not None else result.run
    return f"{result.path} .. Failed {len(result.failed)}/{total} subtests"


def format_summary(results: list[FileResult], seconds: float | None = None) -> str:
    """The whole report: a status line per file (failing files followed by their
    diagnostics and errors), then 'All tests successful.' or a 'Test Summary Report',
    then 'Files=N, Tests=M, S wallclock secs' and 'Result: PASS|FAIL'."""
    if seconds is None:
        seconds = sum(r.seconds for r in results)
    lines: list[str] = []
    for result in results:
        lines.append(status_line(result))
        if not result.ok:
            for assertion in result.failed:
                lines.extend(assertion.diagnostics or
                             [f'# Failed test {assertion.number}: "{assertion.description}"'])
            lines.extend(f"# {problem}" for problem in result.errors)
    failing = [r for r in results if not r.ok]
    if not failing:
        lines.append("All tests successful.")
    else:
        lines += ["", "Test Summary Report", "-------------------"]
        for result in failing:
            lines.append(f"{result.path} (Tests: {result.run} Failed: {len(result.failed)})")
            if result.failed:
                numbers = ", ".join(str(a.number) for a in result.failed)
                lines.append(f"  Failed test{'s' if len(result.failed) > 1 else ''}:  {numbers}")
            for error in result.errors:
                lines.append(f"  Script error: {error}")
            if result.tap.bail_out is not None:
                lines.append(f"  Bail out!  {result.tap.bail_out}")
            for error in result.tap.parse_errors:
                lines.append(f"  Parse errors: {error}")
    tests = sum(r.run for r in results)
    lines.append(f"Files={len(results)}, Tests={tests}, {seconds:.2f} wallclock secs")
    lines.append(f"Result: {'PASS' if not failing else 'FAIL'}")
    return "\n".join(lines) + "\n"


def all_passed(results: list[FileResult]) -> bool:
    """True when every file passed (the CLI's exit status 0)."""
    return all(r.ok for r in results)


def write_junit(results: list[FileResult], path: Path | str) -> None:
    """JUnit XML: a <testsuite> per file, a <testcase> per assertion (failures carry the
    diagnostics; SKIP and failing TODO are <skipped>), and an <error> testcase for a
    script error, bail-out or bad plan."""
    root = ET.Element("testsuites", name="pgtap")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in results:
        suite = ET.SubElement(root, "testsuite", name=str(result.path))
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for assertion in result.tap.assertions:
            case = ET.SubElement(suite, "testcase", classname=str(result.path),
                                 name=f"{assertion.number} - {assertion.description}".rstrip(" -"),
                                 time="0")
            counts["tests"] += 1
            if assertion.failed:
                counts["failures"] += 1
                failure = ET.SubElement(case, "failure",
                                        message=f"Failed test {assertion.number}: "
                                                f"{assertion.description}")
                failure.text = "\n".join(assertion.diagnostics)
            elif assertion.directive == "SKIP" or (assertion.directive == "TODO"
                                                   and not assertion.ok):
                counts["skipped"] += 1
                ET.SubElement(case, "skipped",
                              message=f"{assertion.directive} {assertion.reason}".strip())
        if result.problems:
            case = ET.SubElement(suite, "testcase", classname=str(result.path),
                                 name="(file)", time=f"{result.seconds:.3f}")
            counts["tests"] += 1
            counts["errors"] += 1
            error = ET.SubElement(case, "error", message=result.problems[0])
            error.text = "\n".join(result.problems + result.tap.diagnostics)
        if result.output:
            ET.SubElement(suite, "system-out").text = result.output
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("time", f"{result.seconds:.3f}")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", f"{sum(r.seconds for r in results):.3f}")
    ET.indent(root)
    Path(path).write_bytes(ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n")
