"""The self-assessment page in a real browser: results, storage, files, sharing, comparing.

Expected levels are computed here from the page's own JSON data with an independent reference
implementation of the rule, so no count is hard-coded. Bulk answers are seeded into
localStorage; the first tests set answers through the real controls.
"""

from __future__ import annotations

import base64
import json
import math
import re
import urllib.request
import zlib
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import says

STATUSES = ("not-started", "in-progress", "done", "na")
PRIORITY = {"high": 0, "medium": 1, "low": 2}
READY = "#handbook-assessment[data-ha-ready='1'] #ha-result-table tbody tr"
DATA_SCRIPT = "assets/javascripts/handbook-assessment-data.js"
DATA_PREFIX = "window.HANDBOOK_ASSESSMENT = "


# ---------------------------------------------------------------- the data and the rule


@pytest.fixture(scope="module")
def data(built_site) -> dict:
    return page_data(built_site)


def page_data(site: Path) -> dict:
    """The data the assessment page of a built site hands to its scripts (its data script)."""
    html = (site / "assessment" / "index.html").read_text(encoding="utf-8")
    assert f'src="../{DATA_SCRIPT}"' in html, "the assessment page does not load its data script"
    text = (site / DATA_SCRIPT).read_text(encoding="utf-8")
    assert text.startswith(DATA_PREFIX) and text.endswith(";\n")
    return json.loads(text[len(DATA_PREFIX):-2])


def storage_key(data: dict) -> str:
    handbook = re.sub(r"[^a-z0-9]+", "-", data["handbook"].lower()).strip("-")
    # The key stays the same across record schema versions (the record names its own).
    return f"handbook-assessment:{handbook}:{data['variant'] or 'base'}:v1"


def levels(data: dict) -> list[dict]:
    return sorted(data["levels"], key=lambda lv: lv["number"])


def cell(data: dict, level_id: str, dimension_id: str) -> list[dict]:
    return [i for i in data["items"] if i["level"] == level_id and i["dimension"] == dimension_id]


def expected(data: dict, answers: dict) -> dict[str, dict]:
    """Reference rule: the highest level L with done/applicable >= threshold at every level 1..L."""
    threshold = Fraction(data["threshold"], 100)
    out = {}
    for dim in data["dimensions"]:
        achieved, result = 0, {"level": 0, "progress": None, "next": None}
        for lv in levels(data):
            statuses = [answers.get(i["id"], {}).get("status", "not-started") for i in cell(data, lv["id"], dim["id"])]
            applicable = sum(s != "na" for s in statuses)
            done = sum(s == "done" for s in statuses)
            if applicable == 0 or Fraction(done, applicable) >= threshold:
                achieved = lv["number"]
                continue
            result = {"progress": done * 100 // applicable, "next": lv["id"], "done": done, "applicable": applicable}
            break
        result["level"] = achieved
        out[dim["id"]] = result
    return out


def next_actions(data: dict, answers: dict, dimension_id: str) -> list[str]:
    nxt = expected(data, answers)[dimension_id]["next"]
    if nxt is None:
        return []
    todo = [i for i in cell(data, nxt, dimension_id) if answers.get(i["id"], {}).get("status") not in ("done", "na")]
    return [i["id"] for i in sorted(todo, key=lambda i: PRIORITY[i["priority"]])]  # sorted() is stable


def answer(status: str, note: str = "") -> dict:
    return {"status": status, "note": note}


def status_and_note(answers: dict) -> dict:
    return {k: {"status": a["status"], "note": a["note"]} for k, a in answers.items()}


# ---------------------------------------------------------------- driving the page


def open_assessment(page, served_site: str, fragment: str = "") -> None:
    page.goto(served_site + "/assessment/" + fragment)
    page.wait_for_selector(READY, state="attached")


def record(data: dict, answers: dict, team: str | None = None) -> dict:
    rec = {"schema": data["schema"], "handbook": data["handbook"], "variant": data["variant"],
           "data_version": data["data_version"], "saved_at": "2026-01-01T00:00:00.000Z", "answers": answers}
    if team:
        rec["team"] = team
    return rec


def seed(page, served_site: str, data: dict, answers: dict, team: str | None = None) -> None:
    # Any small document of the site's origin will do to write its localStorage.
    page.goto(served_site + "/assets/stylesheets/handbook.css")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [storage_key(data), json.dumps(record(data, answers, team))])
    open_assessment(page, served_site)


def stored(page, data: dict) -> dict | None:
    raw = page.evaluate("k => localStorage.getItem(k)", storage_key(data))
    return None if raw is None else json.loads(raw)


def ui_results(page) -> dict[str, dict]:
    rows = page.eval_on_selector_all(
        "#ha-result-table tbody tr",
        "rows => rows.map(r => ({dimension: r.dataset.dimension, level: Number(r.dataset.level),"
        " progress: r.dataset.progress === '' ? null : Number(r.dataset.progress), text: r.innerText}))",
    )
    return {r["dimension"]: r for r in rows}


def assert_results(page, data: dict, answers: dict) -> dict[str, dict]:
    want = expected(data, answers)
    got = ui_results(page)
    assert set(got) == {d["id"] for d in data["dimensions"]}
    for dim, exp in want.items():
        row = got[dim]
        assert (row["level"], row["progress"]) == (exp["level"], exp["progress"]), (dim, row, exp)
        if exp["progress"] is None:
            assert "All levels reached" in row["text"]
        else:
            assert f"{exp['progress']}%" in row["text"]
            assert f"{exp['done']} of {exp['applicable']}" in row["text"]
    return want


# Locating by label among ~1,200 labelled controls costs seconds per call: the loops use the
# data-item attribute, and test_the_controls_are_labelled checks the labels once.
def status_control(page, item_id: str):
    return page.locator(f"select.ha-status-select[data-item='{item_id}']")


def note_control(page, item_id: str):
    return page.locator(f"input.ha-note-input[data-item='{item_id}']")


def set_status(page, item_id: str, status: str) -> None:
    status_control(page, item_id).select_option(status)


def open_cell(page, level_id: str, dimension_id: str) -> None:
    level = page.locator(f"details.ha-level[data-level='{level_id}']")
    if not level.evaluate("d => d.open"):
        level.locator(":scope > summary").click()
    dim = level.locator(f"details.ha-dimension[data-dimension='{dimension_id}']")
    if not dim.evaluate("d => d.open"):
        dim.locator(":scope > summary").click()


def import_file(page, path: Path, mode: str = "replace") -> None:
    page.set_input_files("#ha-import-file", str(path))
    page.check(f"#ha-import-{mode}")
    page.click("#ha-import-button")


def write_json(path: Path, value) -> Path:
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def smallest_cell(data: dict, level_id: str, minimum: int = 6) -> tuple[str, list[dict]]:
    sizes = [(len(cell(data, level_id, d["id"])), d["id"]) for d in data["dimensions"]]
    size, dim = min((s, d) for s, d in sizes if s >= minimum)
    return dim, cell(data, level_id, dim)


# ---------------------------------------------------------------- the tests


def test_levels_and_progress_follow_the_threshold_rule(page, served_site, data):
    lv = [x["id"] for x in levels(data)]
    dims = [d["id"] for d in data["dimensions"]]
    assert len(lv) >= 3 and len(dims) >= 5
    bo, ppl, proc, pol, tech = dims[:5]
    t = data["threshold"]
    # Smallest exact fraction at the threshold (80 -> 4 of 5) and the largest count just below it.
    at_applicable = 100 // math.gcd(t, 100)
    at_done = t * at_applicable // 100
    under_applicable = at_applicable - 1 if at_applicable > 1 else 4
    under_done = math.ceil(t * under_applicable / 100) - 1
    assert Fraction(under_done, under_applicable) < Fraction(t, 100) <= Fraction(under_done + 1, under_applicable)

    answers: dict[str, dict] = {}

    def fill(items, done, applicable, rest="not-started"):
        assert len(items) >= applicable, "the cell has too few items for this check"
        for k, item in enumerate(items):
            status = "done" if k < done else rest if k < applicable else "na"
            if status != "not-started":
                answers[item["id"]] = answer(status)

    # bo: level 1 exactly at the threshold (the rest not applicable), level 2 just under it.
    fill(cell(data, lv[0], bo), at_done, at_applicable)
    fill(cell(data, lv[1], bo), under_done, under_applicable, rest="in-progress")
    # people: level 1 all not applicable (0 applicable counts as met), level 2 all done, level 3 started.
    fill(cell(data, lv[0], ppl), 0, 0)
    fill(cell(data, lv[1], ppl), len(cell(data, lv[1], ppl)), len(cell(data, lv[1], ppl)))
    answers[cell(data, lv[2], ppl)[-1]["id"]] = answer("in-progress", "started")
    # process: every item of every level done.
    for item in data["items"]:
        if item["dimension"] == proc:
            answers[item["id"]] = answer("done")
    # policy: level 1 one item short of the threshold, level 2 complete: still level 0.
    pol_l1 = cell(data, lv[0], pol)
    fill(pol_l1, math.ceil(t * len(pol_l1) / 100) - 1, len(pol_l1))
    fill(cell(data, lv[1], pol), len(cell(data, lv[1], pol)), len(cell(data, lv[1], pol)))
    # technology: nothing answered.

    want = expected(data, answers)
    assert want[bo]["level"] == 1 and want[bo]["progress"] == under_done * 100 // under_applicable
    assert want[ppl]["level"] == 2 and want[ppl]["progress"] == 0
    assert want[proc]["level"] == levels(data)[-1]["number"] and want[proc]["progress"] is None
    assert want[pol]["level"] == 0 and want[pol]["progress"] < t
    assert want[tech] == {"level": 0, "progress": 0, "next": lv[0], "done": 0, "applicable": len(cell(data, lv[0], tech))}

    seed(page, served_site, data, answers)
    assert_results(page, data, answers)

    # The chart says the same, as text.
    radar = page.locator("svg#ha-radar")
    assert radar.get_attribute("role") == "img"
    assert radar.locator("title").text_content().strip()
    desc = radar.locator("desc").text_content()
    for d in data["dimensions"]:
        assert f"{d['name']} {want[d['id']]['level']}" in desc

    # Next actions: the not-done applicable items of the lowest unmet level, high priority first.
    for d in dims:
        ids = page.eval_on_selector_all(f".ha-next-dimension[data-dimension='{d}'] li[data-item]", "els => els.map(e => e.dataset.item)")
        assert ids == next_actions(data, answers, d), d
    assert says(page.locator(f".ha-next-dimension[data-dimension='{proc}']").inner_text(), "assessment.result.all_reached_sentence")
    first_bo = page.locator(f".ha-next-dimension[data-dimension='{bo}'] li[data-item] a").first
    assert first_bo.get_attribute("href").endswith("#" + data_item(data, next_actions(data, answers, bo)[0])["practice"])


def data_item(data: dict, item_id: str) -> dict:
    return next(i for i in data["items"] if i["id"] == item_id)


def test_answers_set_with_the_controls_update_the_result_and_survive_a_reload(page, served_site, data):
    level1 = levels(data)[0]["id"]
    dim, items = smallest_cell(data, level1)
    t = data["threshold"]
    applicable = 100 // math.gcd(t, 100)  # 5 at 80%
    at = t * applicable // 100  # 4 at 80%
    assert len(items) > applicable

    open_assessment(page, served_site)
    assert stored(page, data) is None
    open_cell(page, level1, dim)
    answers: dict[str, dict] = {}
    # One control found the way a screen reader user names it, the rest by attribute (faster).
    page.get_by_label(f"Status of {items[-1]['id']}", exact=True).select_option("na")
    for item in items[applicable:]:
        set_status(page, item["id"], "na")
        answers[item["id"]] = answer("na")
    for item in items[: at - 1]:
        set_status(page, item["id"], "done")
        answers[item["id"]] = answer("done")
    assert_results(page, data, answers)
    assert ui_results(page)[dim]["level"] == 0

    set_status(page, items[at - 1]["id"], "done")  # now exactly at the threshold
    answers[items[at - 1]["id"]] = answer("done")
    assert_results(page, data, answers)
    assert ui_results(page)[dim]["level"] == 1
    assert page.locator(f"details.ha-dimension[data-level='{level1}'][data-dimension='{dim}'] .ha-summary-count").inner_text().endswith("reached")

    set_status(page, items[0]["id"], "na")  # one done item leaves the denominator: 3 of 4 is under 80%
    answers[items[0]["id"]] = answer("na")
    set_status(page, items[at]["id"], "in-progress")
    answers[items[at]["id"]] = answer("in-progress")
    assert_results(page, data, answers)
    assert ui_results(page)[dim]["level"] == 0

    note_control(page, items[1]['id']).fill("Signed off on 3 May — évidence in the wiki")
    answers[items[1]["id"]]["note"] = "Signed off on 3 May — évidence in the wiki"
    page.fill("#ha-team", "Platform team")

    saved = stored(page, data)
    assert set(saved) == {"schema", "handbook", "variant", "variant_name", "data_version", "saved_at", "answers", "team",
                          "item_fingerprints"}
    assert (saved["schema"], saved["handbook"], saved["variant"], saved["data_version"]) == (
        data["schema"], data["handbook"], data["variant"], data["data_version"])
    assert status_and_note(saved["answers"]) == answers and saved["team"] == "Platform team"
    # A status set today is dated today (the answer's time-to-live starts then).
    assert {a["date"] for a in saved["answers"].values()} == {date.today().isoformat()}

    page.reload()
    page.wait_for_selector(READY, state="attached")
    assert_results(page, data, answers)
    for item_id, a in answers.items():
        assert status_control(page, item_id).input_value() == a["status"]
    assert note_control(page, items[1]['id']).input_value() == answers[items[1]["id"]]["note"]
    assert page.locator("#ha-team").input_value() == "Platform team"

    # Back to "not started" with no note: the item leaves storage.
    open_cell(page, level1, dim)
    set_status(page, items[at]["id"], "not-started")
    del answers[items[at]["id"]]
    assert status_and_note(stored(page, data)["answers"]) == answers


def test_filters_by_role_and_level(page, served_site, data):
    open_assessment(page, served_site)
    role = data["roles"][0]["id"]
    level = levels(data)[1]["id"]
    page.select_option("#ha-filter-role", role)
    page.select_option("#ha-filter-level", level)
    visible = page.eval_on_selector_all("li.ha-item", "els => els.filter(e => !e.hidden).map(e => e.dataset.item)")
    assert visible == [i["id"] for i in data["items"] if role in i["roles"] and i["level"] == level]
    assert page.locator(f"details.ha-level[data-level='{level}']").evaluate("d => d.open")
    assert page.locator(f"details.ha-level[data-level='{levels(data)[0]['id']}']").evaluate("d => d.hidden")
    page.select_option("#ha-filter-role", "")
    page.select_option("#ha-filter-level", "")
    assert page.eval_on_selector_all("li.ha-item", "els => els.filter(e => !e.hidden).length") == len(data["items"])


def sample_answers(data: dict) -> dict:
    answers = {}
    for k, item in enumerate(data["items"]):
        if k % 3 == 0:
            answers[item["id"]] = answer("done")
        elif k % 7 == 1:
            answers[item["id"]] = answer("na", "no cloud bill yet")
        elif k % 11 == 2:
            answers[item["id"]] = answer("in-progress", "owner: Zoë, \"quotes\" & <b>tags</b>")
        elif k % 13 == 3:
            answers[item["id"]] = answer("not-started", "only a note")
    return answers


def test_export_then_import_in_a_fresh_profile_restores_the_answers(browser, page, served_site, data, tmp_path):
    answers = sample_answers(data)
    seed(page, served_site, data, answers, team="Team Ünïcode")
    results = ui_results(page)
    with page.expect_download() as download:
        page.click("#ha-export")
    path = tmp_path / "export.json"
    download.value.save_as(path)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert {"schema", "handbook", "variant", "data_version", "saved_at", "answers"} <= set(exported)
    assert exported["answers"] == answers and exported["team"] == "Team Ünïcode"
    assert exported["schema"] == data["schema"] and exported["handbook"] == data["handbook"]

    context = browser.new_context()
    try:
        fresh = context.new_page()
        open_assessment(fresh, served_site)
        import_file(fresh, path, "replace")
        fresh.wait_for_function("() => document.querySelector('.ha-message').textContent.startsWith('Imported')")
        assert stored(fresh, data)["answers"] == answers
        assert stored(fresh, data)["team"] == "Team Ünïcode"
        assert ui_results(fresh) == results
        fresh.reload()
        fresh.wait_for_selector(READY, state="attached")
        assert ui_results(fresh) == results

        # Reset asks first; only a confirmed reset clears.
        fresh.once("dialog", lambda d: d.dismiss())
        fresh.click("#ha-reset")
        assert stored(fresh, data)["answers"] == answers
        fresh.once("dialog", lambda d: d.accept())
        fresh.click("#ha-reset")
        assert stored(fresh, data) is None
        assert_results(fresh, data, {})
        assert status_control(fresh, next(iter(answers))).input_value() == "not-started"
    finally:
        context.close()


def test_merge_keeps_both_teams_answers_and_replace_does_not(page, served_site, data, tmp_path):
    ids = [i["id"] for i in data["items"]]
    alpha = {ids[0]: answer("done", "alpha note"), ids[1]: answer("na"), ids[2]: answer("in-progress"), ids[3]: answer("done")}
    beta = {ids[1]: answer("done", "beta wins"), ids[3]: answer("not-started"), ids[4]: answer("in-progress", "beta only")}
    file_a = write_json(tmp_path / "alpha.json", record(data, alpha, "Alpha"))
    file_b = write_json(tmp_path / "beta.json", record(data, beta, "Beta"))

    open_assessment(page, served_site)
    import_file(page, file_a, "replace")
    page.wait_for_function("() => document.querySelector('.ha-message').textContent.includes('alpha.json')")
    assert stored(page, data)["answers"] == alpha
    import_file(page, file_b, "merge")
    page.wait_for_function("() => document.querySelector('.ha-message').textContent.includes('beta.json')")
    merged = {ids[0]: alpha[ids[0]], ids[1]: beta[ids[1]], ids[2]: alpha[ids[2]], ids[4]: beta[ids[4]]}
    assert stored(page, data)["answers"] == merged  # ids[3]: beta's explicit "not started" wins
    assert_results(page, data, merged)
    assert status_control(page, ids[1]).input_value() == "done"
    assert note_control(page, ids[1]).input_value() == "beta wins"

    import_file(page, file_b, "replace")
    page.wait_for_function("() => document.querySelector('.ha-message').textContent.startsWith('Imported')")
    assert stored(page, data)["answers"] == {ids[1]: beta[ids[1]], ids[4]: beta[ids[4]]}


def test_answers_for_unknown_items_are_reported_and_kept(page, served_site, data, tmp_path):
    known = data["items"][0]["id"]
    answers = {known: answer("done"), "l9-retired-practice-1": answer("done", "from an older handbook"),
               "l9-retired-practice-2": answer("na")}
    path = write_json(tmp_path / "old.json", record(data, answers, "Old team"))
    open_assessment(page, served_site)
    import_file(page, path, "merge")
    message = page.locator(".ha-message")
    message.wait_for()
    assert says(message.inner_text(), "assessment.records.orphans.other", count=2, ids="l9-retired-practice-1, l9-retired-practice-2")
    assert stored(page, data)["answers"] == answers
    assert_results(page, data, answers)

    # Still kept and still reported after a reload, and exported again.
    page.reload()
    page.wait_for_selector(READY, state="attached")
    assert "2 answers are for items no longer in this handbook" in page.locator(".ha-orphans").inner_text()
    with page.expect_download() as download:
        page.click("#ha-export")
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["answers"] == answers


BAD_FILES = {
    "not-json.json": "this is { not JSON",
    "no-answers.json": json.dumps({"schema": 1, "handbook": "x", "team": "T"}),
    "answers-list.json": json.dumps({"schema": 1, "answers": [{"status": "done"}]}),
    "bad-status.json": json.dumps({"schema": 1, "answers": {"l1-bo-rank-goals-1": {"status": "finished"}}}),
    "status-missing.json": json.dumps({"schema": 1, "answers": {"l1-bo-rank-goals-1": {"note": "x"}}}),
    "newer-schema.json": json.dumps({"schema": 99, "answers": {}}),
}


def test_a_malformed_import_is_refused_and_changes_nothing(page, served_site, data, tmp_path):
    answers = {data["items"][0]["id"]: answer("done", "keep me"), data["items"][1]["id"]: answer("na")}
    seed(page, served_site, data, answers, team="Keepers")
    before_raw = page.evaluate("k => localStorage.getItem(k)", storage_key(data))
    before_results = ui_results(page)
    for mode in ("replace", "merge"):
        for name, content in BAD_FILES.items():
            path = tmp_path / f"{mode}-{name}"  # a new name each time: the alert below is this import's
            path.write_text(content, encoding="utf-8")
            import_file(page, path, mode)
            alert = page.locator("#handbook-assessment > [role=alert]").filter(has_text=path.name)
            alert.wait_for()
            assert says(alert.inner_text(), "assessment.tools.import_refused", file=path.name), name
            assert page.evaluate("k => localStorage.getItem(k)", storage_key(data)) == before_raw, name
    assert ui_results(page) == before_results
    assert note_control(page, data["items"][0]["id"]).input_value() == "keep me"
    assert page.locator("#ha-team").input_value() == "Keepers"


def test_compare_teams_shows_each_teams_level_per_dimension(page, served_site, data, tmp_path):
    lv = levels(data)
    teams = {
        "Level one everywhere": {i["id"]: answer("done") for i in data["items"] if i["level"] == lv[0]["id"]},
        "Deep in two dimensions": {
            i["id"]: answer("done" if i["dimension"] in [d["id"] for d in data["dimensions"][2:4]] else "na" if i["level"] == lv[0]["id"] else "in-progress")
            for i in data["items"]
        },
        "": sample_answers(data),  # no team name: the file name is shown
    }
    paths = []
    for k, (team, answers) in enumerate(teams.items()):
        paths.append(write_json(tmp_path / f"team-{k}.json", record(data, answers, team or None)))
    paths.append(write_json(tmp_path / "broken.json", {"answers": {"x": {"status": "finished"}}}))

    open_assessment(page, served_site)
    page.set_input_files("#ha-compare-files", [str(p) for p in paths])
    table = page.locator("#ha-compare-table")
    table.wait_for()
    assert "broken.json" in page.locator("#ha-tools [role=alert]").inner_text()
    header = table.locator("thead th").all_inner_texts()
    assert header == ["Team"] + [d["name"] for d in data["dimensions"]]
    rows = table.locator("tbody tr")
    assert rows.count() == 3
    levels_seen = set()
    for k, (team, answers) in enumerate(teams.items()):
        row = rows.nth(k)
        assert row.locator("th").inner_text() == (team or f"team-{k}")
        want = expected(data, answers)
        for d in data["dimensions"]:
            td = row.locator(f"td[data-dimension='{d['id']}']")
            assert td.inner_text().strip() == str(want[d["id"]]["level"]), (team, d["id"])
            assert f"ha-heat-{want[d['id']]['level']}" in td.get_attribute("class")
            levels_seen.add(want[d["id"]]["level"])
    assert len(levels_seen) >= 3  # the teams really differ


def test_a_share_link_shows_the_result_read_only_until_adopted(browser, page, served_site, data):
    answers = sample_answers(data)
    seed(page, served_site, data, answers, team="Sharers")
    results = ui_results(page)
    page.click("#ha-share")
    # The link is compressed asynchronously (CompressionStream): wait for it.
    page.wait_for_function("() => document.querySelector('#ha-share-url').value.includes('#share=')")
    link = page.locator("#ha-share-url").input_value()
    assert link.startswith(served_site + "/assessment/#share=")
    payload = link.split("#share=", 1)[1]
    decoded = decode_share(payload)
    assert set(decoded["answers"]) == set(answers)  # only non-default answers travel

    context = browser.new_context()
    try:
        other = context.new_page()
        other.goto(link)
        other.wait_for_selector(READY, state="attached")
        banner = other.locator(".ha-banner")
        assert banner.is_visible() and "You are viewing a shared result" in banner.inner_text()
        assert ui_results(other) == results
        selects = other.eval_on_selector_all("select.ha-status-select", "els => [els.length, els.filter(e => e.disabled).length]")
        assert selects == [len(data["items"]), len(data["items"])]
        for control in ("#ha-import-button", "#ha-reset", "#ha-team"):
            assert other.locator(control).is_disabled()
        first_note = next(i for i, a in answers.items() if a["note"])
        assert note_control(other, first_note).input_value() == answers[first_note]["note"]
        assert stored(other, data) is None

        other.once("dialog", lambda d: d.dismiss())
        other.click("#ha-adopt")
        assert stored(other, data) is None and banner.is_visible()

        other.once("dialog", lambda d: d.accept())
        other.click("#ha-adopt")
        other.wait_for_function("() => !location.hash")
        saved = stored(other, data)
        assert saved["answers"] == answers and saved["team"] == "Sharers"
        assert not banner.is_visible()
        assert other.locator("select.ha-status-select").first.is_enabled()
        other.reload()
        other.wait_for_selector(READY, state="attached")
        assert ui_results(other) == results and not other.locator(".ha-banner").is_visible()
    finally:
        context.close()

    # A share link pasted into an open assessment page switches to the shared view, and back.
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [storage_key(data), json.dumps(record(data, {}))])
    page.evaluate("fragment => { location.hash = fragment }", "#share=" + payload)
    page.locator(".ha-banner").wait_for()
    assert ui_results(page) == results
    page.click("#ha-leave-shared")
    assert not page.locator(".ha-banner").is_visible() and page.evaluate("location.hash") == ""
    assert_results(page, data, {})
    assert stored(page, data)["answers"] == {}


def decode_share(payload: str) -> dict:
    """The link's fragment: "z." + base64url of deflate-raw compressed JSON."""
    assert payload.startswith("z.")
    raw = base64.urlsafe_b64decode(payload[2:] + "=" * (-len(payload[2:]) % 4))
    return json.loads(zlib.decompress(raw, wbits=-15))


def test_page_is_offline_accessible_and_links_to_the_practices(page, served_site, data, built_site):
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    seed(page, served_site, data, sample_answers(data))
    open_cell(page, levels(data)[0]["id"], data["dimensions"][0]["id"])
    page.click("#ha-share")
    with page.expect_download():
        page.click("#ha-export")
    # Material's document observable may emit again (instant navigation): init stays idempotent.
    page.evaluate("() => window.document$ && window.document$.next(document)")
    assert page.locator("#ha-result-table").count() == 1

    checks = page.evaluate(
        """() => {
          const root = document.querySelector('article');
          const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
          const dupes = ids.filter((id, k) => ids.indexOf(id) !== k);
          const unlabelled = [...root.querySelectorAll('#handbook-assessment input, #handbook-assessment select, #handbook-assessment button')]
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !(e.tagName === 'BUTTON' && e.textContent.trim()))
            .map(e => e.outerHTML.slice(0, 80));
          const badLabels = [...document.querySelectorAll('select.ha-status-select, input.ha-note-input')]
            .filter(e => !e.labels.length || !['Status of ', 'Note on '].map(p => p + e.dataset.item).includes(e.labels[0].textContent))
            .map(e => e.id);
          const headings = [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => Number(h.tagName[1]));
          const ownIds = [...document.querySelectorAll('#handbook-assessment [id]')].map(e => e.id).filter(id => !id.startsWith('ha-'));
          return {dupes, unlabelled, badLabels, headings, ownIds};
        }"""
    )
    assert checks["dupes"] == [] and checks["unlabelled"] == [] and checks["badLabels"] == [] and checks["ownIds"] == []
    headings = checks["headings"]
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(headings, headings[1:])), headings

    outside = [u for u in requests if not u.startswith(served_site) and not u.startswith(("data:", "blob:"))]
    assert outside == [] and errors == []

    # Every practice link points at a built page that has the practice's anchor.
    hrefs = page.eval_on_selector_all("#ha-checklist a[href]", "els => [...new Set(els.map(e => e.href))]")
    assert len(hrefs) == len({(i["level"], i["dimension"], i["practice"]) for i in data["items"]})
    pages: dict[str, str] = {}
    for href in hrefs:
        url, anchor = href.split("#", 1)
        assert url.startswith(served_site + "/levels/")
        if url not in pages:
            with urllib.request.urlopen(url) as response:
                pages[url] = response.read().decode("utf-8")
        assert f'id="{anchor}"' in pages[url], href


def test_print_gives_a_short_report_without_the_checklist(page, served_site, data):
    seed(page, served_site, data, sample_answers(data))
    page.emulate_media(media="print")
    assert page.locator("#ha-radar").is_visible()
    assert page.locator("#ha-result-table").is_visible()
    assert page.locator(".ha-next-dimension").first.is_visible()
    for hidden in ("#ha-checklist", "#ha-tools", "#ha-print", ".ha-filters"):
        assert not page.locator(hidden).is_visible(), hidden
    from io import BytesIO

    from pypdf import PdfReader

    pages = len(PdfReader(BytesIO(page.pdf(format="A4"))).pages)
    assert 1 <= pages <= 2, pages


def test_other_pages_are_left_alone(page, served_site):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served_site + "/levels/3-scale/")
    assert page.locator("h1").first.is_visible()
    assert page.locator("[class^='ha-'], #ha-result").count() == 0
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('handbook-assessment'))") == []
    assert errors == []


def test_hostile_text_in_the_data_stays_text(page, served_site, built_site, data):
    """Item fields are shown as text: markup in the data never becomes elements or script."""
    hostile = dict(data)
    evil = "<img src=x onerror=\"window.__pwned=1\"> <b>bold</b> `code` & </script><script>window.__pwned=2</script>"
    item = dict(data["items"][0], text=evil, done_looks_like=evil, practice_title=evil,
                id='odd"><img src=x onerror="window.__pwned=3">', url="javascript:window.__pwned=4")
    hostile["items"] = [item] + data["items"][1:]
    script = DATA_PREFIX + json.dumps(hostile, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c") + ";\n"
    page.route(served_site + "/" + DATA_SCRIPT,
               lambda route: route.fulfill(status=200, content_type="text/javascript", body=script))
    open_assessment(page, served_site)
    open_cell(page, item["level"], item["dimension"])
    li = page.locator("li.ha-item").first
    assert li.get_attribute("data-item") == item["id"]
    assert li.locator("img, b, script").count() == 0
    assert evil.replace("`", "") in li.locator(".ha-text").inner_text()
    assert li.locator(".ha-text code").inner_text() == "code"
    assert li.locator("a").count() == 0  # a javascript: link is not a link
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#handbook-assessment img").count() == 0
