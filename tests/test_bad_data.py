"""Every kind of mistake in the data gives file:line, the field, a clear message, exit 1, no traceback."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import pytest
from conftest import handbook, mkdocs_build
from factory import edited, make_site_project, minimal_data, write_data

CELL = "levels/1-build/business-outcomes.yml"
P0 = ["practices", 0]


def _drop(files, rel, path):
    files = copy.deepcopy(files)
    node = files[rel]
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return files


def _with(files, rel, content):
    files = copy.deepcopy(files)
    files[rel] = content
    return files


def _without(files, rel):
    files = copy.deepcopy(files)
    del files[rel]
    return files


GOOD = minimal_data()
BAD_CASES = {
    # name: (files, file with the problem, text on the offending line (None: line 1), message part)
    "yaml syntax error": (_with(GOOD, "roles.yml", "roles:\n  - id: a\n    name: [unclosed\n"), "roles.yml", None, "YAML syntax error"),
    "tab indentation": (_with(GOOD, "roles.yml", "roles:\n\t- id: a\n"), "roles.yml", "\t- id: a", "tab character"),
    "duplicate mapping key": (_with(GOOD, "projects.yml", "as_of: '2026'\nas_of: '2027'\nprojects: []\n"), "projects.yml", "as_of: '2027'", "duplicate key 'as_of'"),
    "missing required field": (_drop(GOOD, CELL, P0 + ["why"]), CELL, "- id: l1-bo-practice-1", "why: required field is missing"),
    "wrong type: list expected": (edited(GOOD, CELL, P0 + ["steps"], "just one string"), CELL, "steps: just one string", "expected a list"),
    "wrong type: text expected": (edited(GOOD, CELL, P0 + ["title"], 42), CELL, "title: 42", "expected text"),
    "wrong type: number expected": (edited(GOOD, "levels/1-build/level.yml", ["number"], "one"), "levels/1-build/level.yml", "number: one", "expected a whole number"),
    "wrong type: mapping expected": (edited(GOOD, CELL, P0 + ["checklist", 0], "an item"), CELL, "- an item", "expected a mapping"),
    "unknown field": (edited(GOOD, CELL, P0 + ["owner"], ["x"]), CELL, "owner:", "unknown field 'owner'"),
    "bad priority": (edited(GOOD, CELL, P0 + ["checklist", 0, "priority"], "urgent"), CELL, "priority: urgent", "expected one of"),
    "duplicate id": (edited(GOOD, CELL, ["practices", 1, "id"], "l1-bo-practice-1"), CELL, None, "duplicate practice or checklist item id 'l1-bo-practice-1'"),
    "id with capitals": (edited(GOOD, CELL, P0 + ["id"], "L1-Bo"), CELL, "id: L1-Bo", "expected an id"),
    "id with spaces": (edited(GOOD, CELL, P0 + ["id"], "l1 bo"), CELL, "id: l1 bo", "expected an id"),
    "dangling role": (edited(GOOD, CELL, P0 + ["owners"], ["nobody"]), CELL, "- nobody", "unknown role 'nobody'"),
    "dangling checklist role": (edited(GOOD, CELL, P0 + ["checklist", 0, "roles"], ["ghost"]), CELL, "- ghost", "unknown role 'ghost'"),
    "dangling project": (edited(GOOD, CELL, P0 + ["tools"], ["nonexistent"]), CELL, "- nonexistent", "unknown project 'nonexistent'"),
    "dangling certification": (edited(GOOD, CELL, P0 + ["certifications"], ["xyz"]), CELL, "- xyz", "unknown certification 'xyz'"),
    "dangling area": (edited(GOOD, CELL, P0 + ["area"], "nowhere"), CELL, "area: nowhere", "unknown area 'nowhere'"),
    "dangling role in role focus": (edited(GOOD, "roles.yml", ["roles", 0, "focus", "9-later"], "x"), "roles.yml", "9-later:", "unknown level '9-later'"),
    "dangling certification role": (edited(GOOD, "certifications/cka.yml", ["recommended_roles"], ["nobody"]), "certifications/cka.yml", "- nobody", "unknown role 'nobody'"),
    "unknown level folder": (_with(GOOD, "levels/9-extra/level.yml", {**GOOD["levels/1-build/level.yml"], "id": "9-extra"}), "levels/9-extra/level.yml", None, "unknown level folder '9-extra'"),
    "unknown dimension file": (_with(GOOD, "levels/1-build/peple.yml", GOOD["levels/1-build/people.yml"]), "levels/1-build/peple.yml", None, "unknown dimension 'peple'"),
    "missing dimension at a level": (_without(GOOD, "levels/2-operate/people.yml"), "levels/2-operate/level.yml", None, "no cell for dimension 'people'"),
    "cell names the wrong level": (edited(GOOD, CELL, ["level"], "2-operate"), CELL, "level: 2-operate", "expected '1-build'"),
    "level number out of order": (edited(GOOD, "levels/2-operate/level.yml", ["number"], 5), "levels/2-operate/level.yml", "number: 5", "expected 2"),
    "certification weights not 100": (edited(GOOD, "certifications/cka.yml", ["domains", 0, "weight"], 50), "certifications/cka.yml", "domains:", "add up to 100, found 50 + 60 = 110"),
    "sandbox project below level 4": (edited(GOOD, CELL, P0 + ["tools"], ["k8sgpt"]), CELL, "- k8sgpt", "sandbox project"),
    "empty file": (_with(GOOD, "roles.yml", ""), "roles.yml", None, "file is empty"),
    "file of only comments": (_with(GOOD, "roles.yml", "# nothing here\n# at all\n"), "roles.yml", None, "file is empty"),
    "top level is a list": (_with(GOOD, "roles.yml", "- a\n- b\n"), "roles.yml", None, "expected a mapping of fields at the top"),
    "python object tag": (_with(GOOD, "roles.yml", "roles: !!python/object/apply:os.system ['echo pwned']\n"), "roles.yml", "roles: !!python", "unsupported YAML tag"),
    "yaml merge key": (_with(GOOD, "roles.yml", "base: &b {id: a}\nroles:\n  - <<: *b\n"), "roles.yml", "<<: *b", "merge keys"),
    "html in a name": (edited(GOOD, CELL, P0 + ["title"], "<script>alert(1)</script>"), CELL, "title: <script>", "plain text without < > & { }"),
    "jinja in a name": (edited(GOOD, "roles.yml", ["roles", 0, "name"], "{{ 7*7 }}"), "roles.yml", "name: '{{ 7*7 }}'", "plain text without"),
    "javascript link in prose": (edited(GOOD, CELL, P0 + ["why"], "See [this](javascript:alert(1))."), CELL, "why: See [this]", "javascript"),
    "javascript in a url field": (edited(GOOD, "projects.yml", ["projects", 0, "homepage"], "javascript:alert(1)"), "projects.yml", "homepage: javascript", "expected an http"),
    "either 'all' or a number": (edited(GOOD, "levels/1-build/level.yml", ["staffing"], [{"role": "platform-engineer", "certification": "cka", "holders": "some"}]),
                                 "levels/1-build/level.yml", "holders: some", "staffing[0].holders: expected one of 'all' or a whole number, found 'some'"),
    "true or false expected": (edited(GOOD, "certifications/cka.yml", ["exam", "performance_based"], "yes"), "certifications/cka.yml",
                               "performance_based: 'yes'", "exam.performance_based: expected true or false, found 'yes'"),
    "dangling staffing role": (edited(GOOD, "levels/1-build/level.yml", ["staffing"], [{"role": "nobody", "certification": "cka", "holders": 1}]),
                               "levels/1-build/level.yml", "role: nobody", "staffing[0].role: unknown role 'nobody'"),
    "data: link in prose": (edited(GOOD, CELL, P0 + ["why"], "See [x](data:text/html,hi)."), CELL, "why: See [x]", "links in data must be http(s)"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_data_is_reported_with_file_and_line(case, tmp_path):
    files, rel, marker, message = BAD_CASES[case]
    write_data(tmp_path / "data", files)
    result = handbook("validate", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    text = (tmp_path / "data" / rel).read_text(encoding="utf-8")
    expected_line = 1 if marker is None else next(i for i, line in enumerate(text.splitlines(), 1) if marker in line)
    lines = [line for line in result.stderr.splitlines() if message in line]
    assert lines, f"no line with {message!r} in:\n{result.stderr}"
    if marker is None:
        assert any(line.startswith(f"data/{rel}:") for line in lines), result.stderr
    else:
        assert any(line.startswith(f"data/{rel}:{expected_line}:") for line in lines), result.stderr
    assert result.stderr.rstrip().endswith("found in the handbook data.")


def test_every_problem_is_reported_at_once(tmp_path):
    files = edited(GOOD, CELL, P0 + ["owners"], ["nobody"])
    files = edited(files, "levels/2-operate/people.yml", P0 + ["tools"], ["nothing"])
    write_data(tmp_path / "data", files)
    result = handbook("validate", cwd=tmp_path)
    assert result.returncode == 1
    assert "unknown role 'nobody'" in result.stderr and "unknown project 'nothing'" in result.stderr
    assert "2 problems found" in result.stderr


def test_non_utf8_bytes(tmp_path):
    write_data(tmp_path / "data", GOOD)
    (tmp_path / "data" / "roles.yml").write_bytes(b"roles:\n  - id: caf\xe9\n")
    result = handbook("validate", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/roles.yml:2: not valid UTF-8" in result.stderr


def test_alias_bomb_fails_fast(tmp_path):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        bomb.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    bomb.append("roles: *i")
    write_data(tmp_path / "data", GOOD)
    (tmp_path / "data" / "roles.yml").write_text("\n".join(bomb) + "\n")
    result = handbook("validate", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/roles.yml:1: file expands to more than" in result.stderr


def test_very_large_file_is_refused(tmp_path):
    write_data(tmp_path / "data", GOOD)
    (tmp_path / "data" / "roles.yml").write_text("# padding\n" * 1_100_000)
    result = handbook("validate", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/roles.yml:1: file is" in result.stderr and "the limit is" in result.stderr


def test_symlink_out_of_the_data_directory(tmp_path):
    write_data(tmp_path / "data", GOOD)
    outside = tmp_path / "elsewhere.yml"
    outside.write_text("id: cks\n")
    (tmp_path / "data" / "certifications" / "cks.yml").symlink_to(outside)
    result = handbook("validate", cwd=tmp_path)
    assert result.returncode == 1
    assert "data/certifications/cks.yml:1: points outside the data directory" in result.stderr


def test_missing_data_directory(tmp_path):
    result = handbook("validate", "--data", "nowhere", cwd=tmp_path)
    assert result.returncode == 1 and "nowhere:1: data directory not found" in result.stderr


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path):
    project = make_site_project(tmp_path / "project", GOOD)
    site = tmp_path / "site"
    first = mkdocs_build(project, site)
    assert first.returncode == 0, first.stderr
    before = _digest(site)
    write_data(project / "data", {CELL: {**GOOD[CELL], "practices": [{**GOOD[CELL]["practices"][0], "owners": ["ghost"]}]}})
    second = mkdocs_build(project, site)
    assert second.returncode == 1
    assert "Traceback" not in second.stderr
    assert "data/levels/1-build/business-outcomes.yml:" in second.stderr and "unknown role 'ghost'" in second.stderr
    assert _digest(site) == before
