"""The bad input corpus: every broken data set in tests/bad_inputs/ is refused the way a person needs.

Each case is a directory holding only what differs from the valid minimal data set of
``factory.minimal_data()``:

- data files (same layout as ``data/``) that replace or add to the minimal set, byte for byte;
- ``delete.txt`` (optional): data files to remove, one per line;
- ``generate.txt`` (optional): files the test makes rather than commits, one per line:
  ``large <file> <bytes>`` (a file of YAML comments that size) or
  ``symlink <file> <target>`` (a symlink; ``../x`` leads out of the data directory, where the
  test writes a small valid YAML file);
  ``without <catalogue> <key>`` (the minimal set's message catalogue, ``messages/en.yml``, without that key);
- ``variant/`` (optional): an overlay variant; ``handbook validate`` then runs with
  ``--variant variant`` (files under it, and ``generate.txt`` paths starting ``variant/``);
- ``expected.txt``: ``at: data/<file>:<line>`` (or ``variant/<file>:<line>``) and ``message: <text>``;
  some line of the report must start with that location and contain that text.

``handbook validate`` must exit 1 with that line, no traceback, the closing summary, and within
TIME_LIMIT seconds. It runs in this process (conftest's ``handbook``: the same ``main()``), so
60 cases cost no Python start-ups; the installed command in a real process is checked on the
minimal data set and, through ``mkdocs build --strict``, on a sample of cases, where a
previously built site must also stay byte-identical.

To add a case: make a directory, put the changed file(s) in it and write expected.txt.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import handbook, handbook_process, mkdocs_build
from factory import edited, make_site_project, minimal_data, write_data

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
CONTROL_FILES = {"expected.txt", "delete.txt", "generate.txt"}
TIME_LIMIT = 10.0  # seconds for one `handbook validate`; a valid data set takes well under 1 s
# Cases also run through the build's set-up (the hook, in process), one per kind of failure: YAML
# parser, file model, cross-file reference, file layout, hostile input; two through a real build.
BUILD_SAMPLE = ["syntax-error", "wrong-type-text", "dangling-owner-role", "missing-dimension-at-a-level",
                "alias-bomb", "symlink-outside-data", "non-utf8-bytes"]


@dataclass(frozen=True)
class Expected:
    at: str
    message: str


def expected(case: str) -> Expected:
    fields = {}
    for line in (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition(":")
            fields[key.strip()] = value.strip()
    return Expected(fields["at"], fields["message"])


def overlay(case: str, data: Path) -> None:
    """Write the minimal data set to ``data`` and apply the case to it (a variant goes beside ``data``)."""
    write_data(data, minimal_data())
    source = CORPUS / case
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_file() and str(rel) not in CONTROL_FILES:
            target = (data.parent if rel.parts[0] == "variant" else data) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    deletions = source / "delete.txt"
    if deletions.exists():
        for rel in deletions.read_text(encoding="utf-8").split():
            (data / rel).unlink()
    generate = source / "generate.txt"
    if generate.exists():
        for line in generate.read_text(encoding="utf-8").splitlines():
            kind, rel, arg = line.split()
            target = (data.parent if rel.startswith("variant/") else data) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if kind == "large":
                chunk = "# padding to make the file large\n"
                target.write_text(chunk * (int(arg) // len(chunk) + 1), encoding="utf-8")
            elif kind == "symlink":
                outside = (target.parent / arg).resolve()
                if not outside.exists():
                    outside.write_text("id: cks\n", encoding="utf-8")
                target.symlink_to(outside)
            elif kind == "without":
                catalogue = yaml.safe_load(target.read_text(encoding="utf-8"))
                del catalogue["messages"][arg]
                target.write_text(yaml.safe_dump(catalogue, sort_keys=False, allow_unicode=True), encoding="utf-8")
            else:
                raise ValueError(f"{case}/generate.txt: unknown directive {kind!r}")


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    seconds: float


def _validate(case: str, root: Path) -> Outcome:
    folder = root / case
    folder.mkdir()
    overlay(case, folder / "data")
    variant = ["--variant", "variant"] if (CORPUS / case / "variant").is_dir() else []
    start = time.monotonic()
    result = handbook("validate", *variant, cwd=folder)
    return Outcome(result.returncode, result.stdout, result.stderr, time.monotonic() - start)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, Outcome]:
    """Every case validated once, in this process (a few milliseconds each)."""
    root = tmp_path_factory.mktemp("bad-inputs")
    return {case: _validate(case, root) for case in CASES}


def test_the_corpus_covers_the_required_kinds_of_mistake():
    required = {
        "syntax-error", "tab-indentation", "duplicate-mapping-key", "duplicate-id", "id-with-capitals",
        "id-with-spaces", "dangling-owner-role", "dangling-contributor-role", "dangling-checklist-role",
        "dangling-tool", "dangling-certification", "dangling-area", "dangling-move-practice",
        "dangling-move-lead", "dangling-staffing-role", "dangling-staffing-certification",
        "dangling-certification-role", "dangling-certification-level", "dangling-role-focus-level",
        "wrong-type-text", "wrong-type-list", "wrong-type-number", "wrong-type-mapping",
        "wrong-type-true-false", "wrong-type-enum", "missing-required-field", "unknown-level-folder",
        "unknown-dimension-file", "missing-dimension-at-a-level", "certification-weights-not-100",
        "empty-file", "only-comments", "non-utf8-bytes", "very-large-file", "alias-bomb",
        "python-object-tag", "html-in-a-name", "jinja-in-a-name", "javascript-in-a-url-field",
        "symlink-outside-data", "requires-unknown-practice", "requires-higher-level", "requires-cycle",
        "effort-not-in-scale", "variant-removes-required-practice",
    }
    assert required <= set(CASES), sorted(required - set(CASES))
    for case in CASES:
        folder = CORPUS / case
        assert (folder / "expected.txt").is_file(), case
        found = expected(case)
        assert found.at.startswith(("data/", "variant/")) and found.at.rsplit(":", 1)[1].isdigit(), (case, found.at)
        data_files = [p for p in folder.rglob("*") if p.is_file() and p.name not in CONTROL_FILES]
        assert data_files or (folder / "delete.txt").exists() or (folder / "generate.txt").exists(), case
        assert all(p.stat().st_size < 64 * 1024 for p in data_files), f"{case}: generate large files in the test"


def test_the_minimal_data_set_itself_is_valid(tmp_path):
    write_data(tmp_path / "data", minimal_data())
    result = handbook_process("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 2 levels, 2 dimensions, 4 cells")


def test_the_installed_command_exits_1_without_a_traceback(tmp_path):
    overlay("dangling-owner-role", tmp_path / "data")
    result = handbook_process("validate", cwd=tmp_path)
    want = expected("dangling-owner-role")
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert any(line.startswith(want.at + ":") and want.message in line for line in result.stderr.splitlines()), result.stderr


def test_every_problem_is_reported_at_once(tmp_path):
    cell = "levels/1-build/business-outcomes.yml"
    files = edited(minimal_data(), cell, ["practices", 0, "owners"], ["nobody"])
    files = edited(files, "levels/2-operate/people.yml", ["practices", 0, "tools"], ["nothing"])
    write_data(tmp_path / "data", files)
    result = handbook("validate", cwd=tmp_path)
    assert result.returncode == 1
    assert "unknown role 'nobody'" in result.stderr and "unknown project 'nothing'" in result.stderr
    assert "2 problems found" in result.stderr


def test_missing_data_directory(tmp_path):
    result = handbook("validate", "--data", "nowhere", cwd=tmp_path)
    assert result.returncode == 1 and "nowhere:1: data directory not found" in result.stderr


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_refused_with_file_line_and_message(case, outcomes):
    want = expected(case)
    got = outcomes[case]
    report = got.stdout + got.stderr
    assert got.returncode == 1, report
    assert "Traceback" not in report, report
    lines = got.stderr.splitlines()
    assert any(line.startswith(want.at + ":") and want.message in line for line in lines), (
        f"expected a line starting {want.at}: containing {want.message!r}; got:\n{got.stderr}")
    assert lines and lines[-1].endswith("found in the handbook data."), got.stderr
    assert got.seconds < TIME_LIMIT, f"{case}: validate took {got.seconds:.1f} s"


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", BUILD_SAMPLE)
def test_the_build_stops_on_broken_data_with_the_same_message(case, tmp_path):
    """mkdocs' set-up (the hook's on_config), run in process: it raises the error that stops the build."""
    from inprocess import Site
    from mkdocs.exceptions import PluginError

    project = make_site_project(tmp_path / "project", {})
    shutil.rmtree(project / "data", ignore_errors=True)
    overlay(case, project / "data")
    want = expected(case)
    with pytest.raises(PluginError) as raised:
        Site(project).close()
    assert want.at in str(raised.value) and want.message in str(raised.value)


@pytest.mark.slow
def test_broken_data_never_touches_a_built_site(tmp_path):
    """A real `mkdocs build --strict` on broken data fails before writing anything (a YAML and a reference error)."""
    site = tmp_path / "site"
    (site / "levels").mkdir(parents=True)
    (site / "index.html").write_text("<p>the previous build</p>")
    (site / "levels" / "index.html").write_text("<p>a page</p>")
    before = _digest(site)

    def attempt(case: str):
        project = make_site_project(tmp_path / case, {})
        shutil.rmtree(project / "data", ignore_errors=True)
        overlay(case, project / "data")
        return case, mkdocs_build(project, site)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(attempt, ["syntax-error", "dangling-owner-role"]))
    for case, result in results:
        want = expected(case)
        assert result.returncode == 1, f"{case}: the build passed on broken data"
        assert "Traceback" not in result.stdout + result.stderr, f"{case}:\n{result.stderr}"
        assert want.at in result.stderr and want.message in result.stderr, f"{case}:\n{result.stderr}"
    assert _digest(site) == before
