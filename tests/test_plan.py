"""The plan rule (macros/plan.py) and `handbook plan`, on small generated data sets.

Every plan is checked against tests/planrule.py, an independent reading of the rule; the
scenarios below pin the cases the issue names: prerequisites first, a not-done prerequisite
from an achieved level pulled in, capacity splitting phases but never a practice.
"""

from __future__ import annotations

import csv
import io
import json
import random

import markdown
import pytest
from conftest import handbook as run_handbook
from factory import edited, minimal_data, plan_data, write_data
from planrule import check_plan, random_settings, random_statuses

from macros.loader import load_handbook
from macros.plan import PlanSettings, make_plan
from macros.planexport import csv_header
from macros.render.assessment import assessment_data

CELL_BO1 = "levels/1-build/business-outcomes.yml"
CELL_PPL1 = "levels/1-build/people.yml"
CELL_PPL2 = "levels/2-operate/people.yml"


def load(tmp_path, files):
    return load_handbook(write_data(tmp_path / "data", files))


def done(*item_ids: str, status: str = "done") -> dict[str, str]:
    return {i: status for i in item_ids}


def practices(plan: dict) -> list[str]:
    return [line["practice"] for line in plan["lines"]]


def test_default_targets_plan_the_next_level(tmp_path):
    book = load(tmp_path, minimal_data())
    data = assessment_data(book)
    plan = make_plan(book, {}, PlanSettings())
    check_plan(data, {}, plan)
    assert {d["target"] for d in plan["dimensions"]} == {1}
    assert practices(plan) == [p["id"] for p in data["practices"] if p["level"] == "1-build"]

    level1 = {i["id"]: "done" for i in data["items"] if i["level"] == "1-build"}
    plan = make_plan(book, level1, PlanSettings())
    check_plan(data, level1, plan)
    assert [(d["achieved"], d["target"]) for d in plan["dimensions"]] == [(1, 2), (1, 2)]
    assert practices(plan) == [p["id"] for p in data["practices"] if p["level"] == "2-operate"]

    everything = {i["id"]: "done" for i in data["items"]}
    plan = make_plan(book, everything, PlanSettings())
    assert [(d["achieved"], d["target"]) for d in plan["dimensions"]] == [(2, 2), (2, 2)]
    assert plan["lines"] == [] and plan["phases"] == [] and plan["total_weeks"] == 0


def test_nothing_is_planned_before_what_it_requires(tmp_path):
    # Data order puts business outcomes first; its first practice builds on a people practice.
    files = edited(minimal_data(), CELL_BO1, ["practices", 0, "requires"], ["l1-ppl-practice-2"])
    book = load(tmp_path, files)
    plan = make_plan(book, {}, PlanSettings())
    check_plan(assessment_data(book), {}, plan)
    order = practices(plan)
    assert order.index("l1-ppl-practice-2") < order.index("l1-bo-practice-1")
    assert plan["lines"][order.index("l1-bo-practice-1")]["requires"] == ["l1-ppl-practice-2"]


def test_a_not_done_prerequisite_from_an_achieved_level_is_pulled_in(tmp_path):
    files = edited(minimal_data(), "model.yml", ["assessment"], {"threshold": 50})
    files = edited(files, CELL_PPL2, ["practices", 0, "requires"], ["l1-ppl-practice-2", "l1-bo-practice-1"])
    book = load(tmp_path, files)
    # People level 1 is achieved (2 of 4 done at a 50% threshold) with l1-ppl-practice-2 still open;
    # l1-bo-practice-1 is required too but fully done: nothing to pull in.
    statuses = {**done("l1-ppl-practice-1-1", "l1-ppl-practice-1-2", "l1-bo-practice-1-1", "l1-bo-practice-1-2"),
                **done("l1-ppl-practice-2-2", status="in-progress")}
    plan = make_plan(book, statuses, PlanSettings(targets={"business-outcomes": 0}))
    check_plan(assessment_data(book), statuses, plan, {"business-outcomes": 0})
    assert {d["id"]: d["achieved"] for d in plan["dimensions"]} == {"business-outcomes": 1, "people": 1}
    reasons = {line["practice"]: line["reason"] for line in plan["lines"]}
    assert reasons == {"l1-ppl-practice-2": "prerequisite", "l2-ppl-practice-1": "target", "l2-ppl-practice-2": "target"}
    pulled = plan["lines"][0]
    assert pulled["practice"] == "l1-ppl-practice-2"
    assert [(i["id"], i["status"]) for i in pulled["items"]] == [
        ("l1-ppl-practice-2-1", "not-started"), ("l1-ppl-practice-2-2", "in-progress")]


def test_capacity_splits_phases_and_never_a_practice(tmp_path):
    files = minimal_data()
    files["model.yml"]["effort_scale"].append({"id": "l", "label": "L", "person_weeks": 12, "description": "big"})
    efforts = {(CELL_BO1, 0): "m", (CELL_BO1, 1): "s", (CELL_PPL1, 0): "l", (CELL_PPL1, 1): "s"}
    for (rel, k), size in efforts.items():
        files = edited(files, rel, ["practices", k, "effort"], size)
    book = load(tmp_path, files)
    data = assessment_data(book)

    plan = make_plan(book, {}, PlanSettings(capacity=8, phase_weeks=4))
    check_plan(data, {}, plan)
    # m 6 + s 2 fill phase 1; l 12 is larger than a phase: alone, for two phase lengths; s 2 after it.
    assert [(p["practices"], p["person_weeks"], p["oversized"], p["start_week"], p["end_week"]) for p in plan["phases"]] == [
        (["l1-bo-practice-1", "l1-bo-practice-2"], 8, False, 1, 4),
        (["l1-ppl-practice-1"], 12, True, 5, 12),
        (["l1-ppl-practice-2"], 2, False, 13, 16),
    ]
    assert plan["total_person_weeks"] == 22 and plan["total_weeks"] == 16

    plan = make_plan(book, {}, PlanSettings(capacity=7.5, phase_weeks=6))
    check_plan(data, {}, plan)
    assert [p["practices"] for p in plan["phases"]] == [
        ["l1-bo-practice-1"], ["l1-bo-practice-2"], ["l1-ppl-practice-1"], ["l1-ppl-practice-2"]]


def test_effort_comes_from_the_datas_scale(tmp_path):
    files = minimal_data()
    files["model.yml"]["effort_scale"][1].update(person_weeks=3, label="Medium")  # a variant's own scale
    book = load(tmp_path, files)
    plan = make_plan(book, {}, PlanSettings(capacity=5))
    check_plan(assessment_data(book), {}, plan)
    assert [(line["practice"], line["effort_label"], line["person_weeks"]) for line in plan["lines"]] == [
        ("l1-bo-practice-1", "S", 2), ("l1-bo-practice-2", "Medium", 3),
        ("l1-ppl-practice-1", "S", 2), ("l1-ppl-practice-2", "Medium", 3)]
    assert [p["practices"] for p in plan["phases"]] == [
        ["l1-bo-practice-1", "l1-bo-practice-2"], ["l1-ppl-practice-1", "l1-ppl-practice-2"]]


@pytest.mark.parametrize("seed", range(12))
def test_generated_answers_follow_every_rule(tmp_path, seed):
    rng = random.Random(seed)
    book = load(tmp_path, plan_data(seed))
    data = assessment_data(book)
    for _ in range(4):
        statuses = random_statuses(data, rng)
        settings = random_settings(data, rng)
        plan = make_plan(book, statuses, PlanSettings(**settings))
        check_plan(data, statuses, plan, settings["targets"])


# ---------------------------------------------------------------- handbook plan


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("plan-cli")
    files = edited(minimal_data(), CELL_BO1, ["practices", 0, "requires"], ["l1-ppl-practice-2"])
    files = edited(files, CELL_BO1, ["practices", 0, "title"], "Practice with a | pipe and a \"quote\"")
    files = edited(files, CELL_BO1, ["practices", 0, "checklist", 0, "text"], "Item with a <b>tag</b> & a | pipe.")
    write_data(root / "data", files)
    return root


def write_answers(path, **fields):
    record = {"schema": 1, "handbook": "Test Handbook", "variant": "", "data_version": "9.9.9",
              "saved_at": "2026-01-01T00:00:00.000Z", "answers": {}, **fields}
    path.write_text(json.dumps(record, indent=2), encoding="utf-8")
    return path


def plan_cli(project, *args):
    return run_handbook("plan", *[str(a) for a in args], "--data", str(project / "data"), cwd=project)


def test_cli_plan_in_three_formats(project, tmp_path):
    answers = write_answers(tmp_path / "a.json", team="Platform team",
                            answers={"l1-bo-practice-2-1": {"status": "done", "note": "x"}}, targets={"people": 2})
    result = plan_cli(project, answers, "--format", "json", "--capacity", "8", "--site-url", "https://handbook.example/")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    book = load_handbook(project / "data")
    statuses = {"l1-bo-practice-2-1": "done"}
    check_plan(assessment_data(book), statuses, plan, {"people": 2})
    assert plan["site_url"] == "https://handbook.example/" and plan["team"] == "Platform team"
    assert plan["capacity"] == 8 and plan["phase_weeks"] == 6
    assert {d["id"]: d["target"] for d in plan["dimensions"]} == {"business-outcomes": 1, "people": 2}

    # --target wins over the file's targets; a level id works as well as a number.
    result = plan_cli(project, answers, "--format", "json", "--target", "people=1-build", "--target", "business-outcomes=0")
    assert result.returncode == 0, result.stderr
    again = json.loads(result.stdout)
    assert {d["id"]: d["target"] for d in again["dimensions"]} == {"business-outcomes": 0, "people": 1}
    assert {line["dimension"] for line in again["lines"]} == {"people"}

    result = plan_cli(project, answers, "--format", "csv", "--capacity", "8", "--site-url", "https://handbook.example/")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert list(rows[0]) == csv_header(load_handbook(project / "data").messages)
    assert [r["Summary"] for r in rows] == [line["title"] for line in plan["lines"]]
    for row, line in zip(rows, plan["lines"]):
        assert row["Phase"] == f"Phase {line['phase']}"
        assert row["Priority"] == line["priority"].title()
        assert row["Labels"].split() == ["maturity-plan", line["dimension"], line["level"], f"phase-{line['phase']}"]
        assert f"https://handbook.example/{line['url']}" in row["Description"]
        for item in line["items"]:
            assert item["id"] in row["Description"]

    result = plan_cli(project, answers, "--capacity", "8", "--site-url", "https://handbook.example/")
    assert result.returncode == 0, result.stderr
    html = markdown.markdown(result.stdout, extensions=["tables"])
    assert html.count("<table>") == len(plan["phases"])
    assert "<h1>Plan: Platform team</h1>" in html
    for line in plan["lines"]:
        assert f'href="https://handbook.example/{line["url"]}"' in html
    # Data text stays text: the item's tag is escaped and the pipes do not break the table.
    assert "<b>tag</b>" not in html and "&lt;b&gt;tag&lt;/b&gt;" in html
    rows_html = html.count("<tr>")
    assert rows_html == len(plan["lines"]) + len(plan["phases"])  # a header row per phase table


BAD_ANSWERS = {
    # name: (record fields or raw text, line, field and message expected)
    "not JSON": ("{\"answers\": {},", "not a JSON file"),
    "answers a list": ({"answers": []}, ":7: answers: expected an object"),
    "bad status": ({"answers": {"x-1": {"status": "finished"}}}, "answers.x-1.status: expected one of not-started"),
    "newer schema": ({"schema": 9}, "schema: this handbook reads answer format version 2, found 9"),
    "target too high": ({"targets": {"people": 7}}, "targets.people: expected a level number from 0 to 2"),
    "target not a number": ({"targets": {"people": "high"}},
                            "targets.people: expected a level number from 0 to 2 (0 plans nothing in this dimension), found \"high\""),
    "target fraction": ({"targets": {"people": 1.5}}, "targets.people: expected a level number"),
    "target true": ({"targets": {"people": True}}, "targets.people: expected a level number"),
    "unknown dimension": ({"targets": {"peple": 1}}, "targets.peple: unknown dimension; expected one of business-outcomes, people"),
    "targets a list": ({"targets": [1, 2]}, "targets: expected an object of dimension id -> level number"),
    "capacity zero": ({"capacity": 0}, "capacity: expected person-weeks per phase, a number above 0"),
    "capacity text": ({"capacity": "12"}, "capacity: expected person-weeks per phase"),
    "phase weeks fraction": ({"phase_weeks": 2.5}, "phase_weeks: expected whole weeks per phase from 1 to 104, found 2.5"),
    # Schema 2 evidence and snapshots: the same checks as the page (records.js).
    "bad evidence date": ({"answers": {"x-1": {"status": "done", "date": "2026-02-30"}}},
                          "answers.x-1.date: expected a YYYY-MM-DD date, found \"2026-02-30\""),
    "future evidence date": ({"answers": {"x-1": {"status": "done", "date": "2999-01-01"}}}, "answers.x-1.date: 2999-01-01 is in the future"),
    "links not a list": ({"answers": {"x-1": {"status": "done", "links": "https://x"}}}, "answers.x-1.links: expected a list of addresses"),
    "bad snapshot": ({"snapshots": [{"date": "yesterday", "answers": {}}]}, "snapshots: snapshot 1: expected {date: YYYY-MM-DD"),
}


@pytest.mark.parametrize("name", BAD_ANSWERS)
def test_cli_refuses_a_bad_answers_file_naming_the_field(project, tmp_path, name):
    content, expected = BAD_ANSWERS[name]
    path = tmp_path / "answers.json"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        write_answers(path, **content)
    result = plan_cli(project, path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert expected in result.stderr, result.stderr
    assert "answers.json:" in result.stderr


def test_cli_names_the_field_of_the_line_with_the_problem(project, tmp_path):
    path = write_answers(tmp_path / "answers.json", answers={"x-1": {"status": "done"}}, targets={"people": 9}, capacity=-2)
    result = plan_cli(project, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    target_line = next(k for k, text in enumerate(lines, 1) if '"people": 9' in text)
    capacity_line = next(k for k, text in enumerate(lines, 1) if '"capacity"' in text)
    assert f"answers.json:{target_line}: targets.people:" in result.stderr
    assert f"answers.json:{capacity_line}: capacity:" in result.stderr
    assert "2 problems found" in result.stderr


@pytest.mark.parametrize("args, expected", [
    (["--target", "people=3"], "--target: people=3: expected a level number from 0 to 2"),
    (["--target", "peeple=1"], "--target: peeple=1: unknown dimension 'peeple'"),
    (["--target", "people"], "--target: people: expected a level number"),
    (["--capacity", "lots"], "--capacity: lots: expected person-weeks per phase"),
    (["--capacity", "-4"], "--capacity: -4: expected person-weeks per phase"),
    (["--phase-weeks", "0"], "--phase-weeks: 0: expected whole weeks per phase"),
])
def test_cli_refuses_bad_options_naming_them(project, tmp_path, args, expected):
    path = write_answers(tmp_path / "answers.json")
    result = plan_cli(project, path, *args)
    assert result.returncode == 1 and result.stdout == ""
    assert expected in result.stderr and "Traceback" not in result.stderr


def test_cli_missing_answers_file(project, tmp_path):
    result = plan_cli(project, tmp_path / "nowhere.json")
    assert result.returncode == 1 and "nowhere.json: no such file" in result.stderr
    assert "Traceback" not in result.stderr
