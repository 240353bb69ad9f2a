"""Workshops and tracking in the self-assessment, in a real browser (issue 14): evidence, expiry,
snapshots and trends, consensus, paper entry, item-level team comparison, short share links,
team names in exports, model updates, phones.

Helpers and the reference rule come from test_assessment.py; no count is hard-coded.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_assessment import (
    READY,
    answer,
    decode_share,
    expected,
    import_file,
    levels,
    open_assessment,
    page_data,
    record,
    seed,
    status_control,
    storage_key,
    stored,
    ui_results,
    write_json,
)

TODAY = date.today()


@pytest.fixture(scope="module")
def data(built_site) -> dict:
    return page_data(built_site)


@pytest.fixture(autouse=True)
def no_script_errors(request):
    """Any uncaught error in the page's scripts fails the test that caused it."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield
    assert errors == []


def months_ago(n: int, days: int = 0) -> str:
    """The same day n months back (clamped like the page does), then `days` more back."""
    y, m = divmod(TODAY.year * 12 + TODAY.month - 1 - n, 12)
    import calendar

    day = min(TODAY.day, calendar.monthrange(y, m + 1)[1])
    return (date(y, m + 1, day) - timedelta(days=days)).isoformat()


def test_expiry_marks_old_answers_for_revalidation_with_exact_boundaries(page, served_site, data):
    ttl = data["answer_ttl_months"]
    items = [i for i in data["items"] if "ttl_months" not in i][:5]
    answers = {
        items[0]["id"]: {"status": "done", "note": "", "date": months_ago(ttl)},  # expires today: expired
        items[1]["id"]: {"status": "done", "note": "", "date": months_ago(ttl, days=-1)},  # expires tomorrow: soon
        items[2]["id"]: {"status": "na", "note": "", "date": (TODAY - timedelta(days=400)).isoformat() if ttl == 12 else months_ago(ttl, 35)},
        items[3]["id"]: {"status": "done", "note": "", "date": TODAY.isoformat()},  # fresh
        items[4]["id"]: {"status": "done", "note": ""},  # no date: nothing to expire
    }
    seed(page, served_site, data, answers)
    rows = page.eval_on_selector_all("#ha-review-table tbody tr", "rs => rs.map(r => [r.dataset.item, r.dataset.state])")
    assert dict(rows) == {items[0]["id"]: "expired", items[1]["id"]: "soon", items[2]["id"]: "expired"}
    assert rows[0][0] in (items[0]["id"], items[2]["id"])  # most overdue first
    first = page.locator(f"li.ha-item[data-item='{items[0]['id']}']")
    assert first.get_attribute("data-expiry") == "expired"
    assert page.locator(f"li.ha-item[data-item='{items[3]['id']}']").get_attribute("data-expiry") == "ok"
    assert page.locator(f"li.ha-item[data-item='{items[4]['id']}']").get_attribute("data-expiry") is None
    # 60 days ahead is still "soon", 61 is not.
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [storage_key(data), json.dumps(record(data, {
        items[0]["id"]: {"status": "done", "note": "", "date": (date.fromisoformat(months_ago(ttl)) + timedelta(days=60)).isoformat()},
        items[1]["id"]: {"status": "done", "note": "", "date": (date.fromisoformat(months_ago(ttl)) + timedelta(days=61)).isoformat()},
    }))])
    page.reload()
    page.wait_for_selector(READY, state="attached")
    rows = page.eval_on_selector_all("#ha-review-table tbody tr", "rs => rs.map(r => [r.dataset.item, r.dataset.state])")
    assert rows == [[items[0]["id"], "soon"]]
    # The review list is part of the printed report.
    page.emulate_media(media="print")
    assert page.locator("#ha-review-table").is_visible()


def test_an_item_level_time_to_live_overrides_the_default(page, served_site, data):
    overridden = [i for i in data["items"] if "ttl_months" in i]
    assert overridden, "the data sets no item ttl_months"
    item = overridden[0]
    assert item["ttl_months"] < data["answer_ttl_months"]
    seed(page, served_site, data, {item["id"]: {"status": "done", "note": "", "date": months_ago(item["ttl_months"])}})
    assert page.locator(f"#ha-review-table tr[data-item='{item['id']}']").get_attribute("data-state") == "expired"


def test_evidence_links_are_kept_and_only_web_links_become_links(page, served_site, data, tmp_path):
    item = data["items"][0]
    hostile = ["https://wiki.example.org/runbook?a=1&b=<2>", "javascript:window.__pwned=1", "<img src=x onerror=window.__pwned=2>"]
    answers = {item["id"]: {"status": "done", "note": "<b>note</b>", "links": hostile, "assessor": "<i>Zoë</i>", "date": "2026-01-15"}}
    seed(page, served_site, data, answers, team="<script>window.__pwned=3</script>")
    page.locator(f"details.ha-level[data-level='{item['level']}'] > summary").click()
    page.locator(f"details.ha-dimension[data-level='{item['level']}'][data-dimension='{item['dimension']}'] > summary").click()
    ev = page.locator(f"details.ha-evidence[data-item='{item['id']}']")
    assert "2 links" not in ev.locator("summary").inner_text() and "3 links" in ev.locator("summary").inner_text()
    ev.locator("summary").click()
    links = ev.locator(".ha-evidence-links a")
    assert links.count() == 1 and links.first.get_attribute("href") == hostile[0]
    assert hostile[1] in ev.inner_text() and hostile[2] in ev.inner_text()
    assert page.locator("#handbook-assessment img, #handbook-assessment b, #handbook-assessment i").count() == 0
    assert page.locator(f"#ha-assessor-{item['id']}").input_value() == "<i>Zoë</i>"
    # Edited evidence is stored, and counts when only items with evidence count.
    page.fill(f"#ha-links-{item['id']}", "https://ci.example.org/build/42\n")
    page.locator(f"#ha-links-{item['id']}").blur()
    assert stored(page, data)["answers"][item["id"]]["links"] == ["https://ci.example.org/build/42"]
    assert page.evaluate("window.__pwned") is None
    # Evidence travels in the export.
    with page.expect_download() as download:
        page.click("#ha-export")
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["answers"][item["id"]]["assessor"] == "<i>Zoë</i>" and exported["answers"][item["id"]]["date"] == "2026-01-15"


def test_done_with_evidence_only_changes_the_result(page, served_site, data):
    lv1 = levels(data)[0]["id"]
    dim = data["dimensions"][0]["id"]
    cell_items = [i for i in data["items"] if i["level"] == lv1 and i["dimension"] == dim]
    answers = {i["id"]: answer("done") for i in cell_items}
    with_evidence = {k: (dict(a, links=["https://x.example/1"]) if n % 2 else a) for n, (k, a) in enumerate(answers.items())}
    seed(page, served_site, data, with_evidence)
    assert ui_results(page)[dim]["level"] >= 1
    page.check("#ha-evidence-only")
    evidenced = {k: a for k, a in with_evidence.items() if a.get("links")}
    want = expected(data, evidenced)
    assert ui_results(page)[dim]["level"] == want[dim]["level"] and ui_results(page)[dim]["progress"] == want[dim]["progress"]


def test_snapshots_travel_in_exports_and_draw_the_trend(page, served_site, data, tmp_path):
    lv = levels(data)
    first = {i["id"]: "done" for i in data["items"] if i["level"] == lv[0]["id"]}
    second = dict(first, **{i["id"]: "done" for i in data["items"] if i["level"] == lv[1]["id"] and i["dimension"] == data["dimensions"][1]["id"]})
    rec = record(data, {k: answer(v) for k, v in second.items()}, "Trend team")
    rec["snapshots"] = [{"date": "2025-01-10", "label": "kick-off", "answers": {}},
                        {"date": "2025-06-10", "label": "", "answers": first}]
    path = write_json(tmp_path / "trend.json", rec)
    open_assessment(page, served_site)
    import_file(page, path, "replace")
    page.wait_for_function("() => document.querySelector('.ha-message').textContent.includes('trend.json')")
    page.fill("#ha-snapshot-label", "after the <b>workshop</b>")
    page.click("#ha-snapshot-save")
    snaps = stored(page, data)["snapshots"]
    assert [s["date"] for s in snaps] == ["2025-01-10", "2025-06-10", TODAY.isoformat()]
    assert snaps[2]["label"] == "after the <b>workshop</b>" and snaps[2]["answers"] == second
    dots = page.eval_on_selector_all(
        "#ha-trend circle",
        "cs => cs.map(c => [c.dataset.dimension, Number(c.dataset.snapshot), Number(c.dataset.level), c.dataset.progress])")
    assert len(dots) == 3 * len(data["dimensions"])
    for k, statuses in enumerate([{}, first, second]):
        want = expected(data, {i: answer(s) for i, s in statuses.items()})
        for dim, snap, level, progress in dots:
            if snap == k:
                assert level == want[dim]["level"], (k, dim)
                assert progress == ("" if want[dim]["progress"] is None else str(want[dim]["progress"]))
    assert page.locator("#handbook-assessment b").count() == 0
    # The table beside the chart says the same.
    for dim, snap, level, progress in dots:
        cell = page.locator(f"#ha-trend-table tr[data-dimension='{dim}'] td").nth(snap).inner_text()
        assert cell == str(level) + (f" ({progress}%)" if progress else ""), (dim, snap, cell)
    # Snapshots survive export and import into an emptied browser.
    with page.expect_download() as download:
        page.click("#ha-export")
    exported = Path(download.value.path())
    page.once("dialog", lambda d: d.accept())
    page.click("#ha-reset")
    assert page.locator("#ha-trend").count() == 0
    import_file(page, exported, "replace")
    page.wait_for_function("() => document.querySelectorAll('#ha-trend circle').length > 0")
    assert len(stored(page, data)["snapshots"]) == 3


def test_consensus_of_three_participants_with_a_tie(page, served_site, data, tmp_path):
    ids = [i["id"] for i in data["items"][:4]]
    people = {
        "Ann": {ids[0]: answer("done", "CI has it"), ids[1]: answer("done"), ids[2]: answer("done"), ids[3]: answer("done")},
        "Bob": {ids[0]: answer("done"), ids[1]: answer("in-progress"), ids[2]: answer("na"), ids[3]: answer("done")},
        "Cem": {ids[0]: answer("done"), ids[1]: answer("in-progress")},  # ids[2]: not started -> a three-way tie
    }
    paths = [str(write_json(tmp_path / f"{n}.json", record(data, a, n))) for n, a in people.items()]
    open_assessment(page, served_site)
    page.set_input_files("#ha-consensus-files", paths)
    table = page.locator("#ha-consensus-table")
    table.wait_for()
    rows = page.eval_on_selector_all("#ha-consensus-table tbody tr",
                                     "rs => rs.map(r => [r.dataset.item, Number(r.dataset.disagreement), r.dataset.majority])")
    assert rows == [[ids[2], 2, ""], [ids[1], 1, "in-progress"], [ids[3], 1, "done"], [ids[0], 0, "done"]]
    counts = table.locator(f"tr[data-item='{ids[2]}'] td[data-status]").all_inner_texts()
    assert counts == ["1", "0", "1", "1"]
    page.click("#ha-consensus-majority")
    page.click("#ha-consensus-apply")  # the tie is still open: refused
    assert "no team answer yet" in page.locator("#handbook-assessment > [role=alert]").inner_text()
    assert stored(page, data) is None
    page.select_option(f"#ha-pick-{ids[2]}", "na")
    page.click("#ha-consensus-apply")
    page.wait_for_function("() => document.querySelector('.ha-message').textContent.includes('consensus')")
    saved = stored(page, data)
    assert {k: a["status"] for k, a in saved["answers"].items()} == {ids[0]: "done", ids[1]: "in-progress", ids[2]: "na", ids[3]: "done"}
    assert "Ann: CI has it" in saved["answers"][ids[0]]["note"]
    assert [p["name"] for p in saved["consensus"]["participants"]] == ["Ann", "Bob", "Cem"]
    assert saved["consensus"]["participants"][1]["answers"][ids[2]] == "na"
    assert status_control(page, ids[2]).input_value() == "na"


def test_paper_entry_of_fifty_items_by_keyboard_only(page, served_site, data):
    level = levels(data)[1]["id"]
    items = [i for i in data["items"] if i["level"] == level][:50]
    assert len(items) == 50
    keys = {"d": "done", "p": "in-progress", "x": "na", "n": "not-started"}
    plan = {i["id"]: "dpxd"[k % 4] for k, i in enumerate(items)}
    open_assessment(page, served_site)
    page.select_option("#ha-paper-level", level)
    page.focus("#ha-paper-id")
    for k, item in enumerate(items):
        typed = item["id"] if k % 2 else item["id"].split("-", 2)[-1]  # full id or its unique end
        page.keyboard.insert_text(typed)  # the id at once: key by key took 8 of the test's 13 s
        page.keyboard.press("Enter")
        page.keyboard.press(plan[item["id"]])
    want = {i: keys[c] for i, c in plan.items()}
    got = {k: a["status"] for k, a in stored(page, data)["answers"].items()}
    assert got == want
    assert page.evaluate("document.activeElement.id") == "ha-paper-id"
    assert status_control(page, items[1]["id"]).input_value() == "in-progress"
    # A mistyped id is refused with a message; nothing changes.
    page.keyboard.type("no-such-item")
    page.keyboard.press("Enter")
    assert "No item" in page.locator(".ha-paper-current").inner_text()


def test_team_comparison_percentages_items_and_csv(page, served_site, data, tmp_path):
    dims = data["dimensions"]
    lv = levels(data)
    teams = {
        "Alpha": {i["id"]: answer("done") for k, i in enumerate(data["items"]) if k % 2 == 0},
        "Beta": {i["id"]: answer("na" if i["dimension"] == dims[0]["id"] else "done") for i in data["items"] if i["level"] == lv[0]["id"]},
    }
    paths = [str(write_json(tmp_path / f"{t}.json", record(data, a, t))) for t, a in teams.items()]
    open_assessment(page, served_site)
    page.set_input_files("#ha-compare-files", paths)
    page.locator("#ha-compare-percent").wait_for()
    for team, answers in teams.items():
        for d in dims:
            items = [i for i in data["items"] if i["dimension"] == d["id"]]
            applicable = [i for i in items if answers.get(i["id"], {}).get("status") != "na"]
            done = [i for i in applicable if answers.get(i["id"], {}).get("status") == "done"]
            pct = len(done) * 100 // len(applicable) if applicable else 100
            cell = page.locator(f"#ha-compare-percent tr[data-team='{team}'] td[data-dimension='{d['id']}']")
            assert cell.get_attribute("data-percent") == str(pct), (team, d["id"])
            assert cell.inner_text().startswith(f"{pct}% ({len(done)} of {len(applicable)})")
    page.select_option("#ha-compare-level", lv[0]["id"])
    page.select_option("#ha-compare-dimension", dims[1]["id"])
    shown = [i for i in data["items"] if i["level"] == lv[0]["id"] and i["dimension"] == dims[1]["id"]]
    rows = page.eval_on_selector_all(
        "#ha-compare-items tbody tr", "rs => rs.map(r => [r.dataset.item, ...[...r.querySelectorAll('td')].map(t => t.dataset.status)])")
    assert rows == [[i["id"]] + [teams[t].get(i["id"], {}).get("status", "not-started") for t in teams] for i in shown]
    with page.expect_download() as download:
        page.click("#ha-compare-csv")
    assert download.value.suggested_filename == f"team-comparison-{storage_key(data).split(':')[1]}-data-{data['data_version']}-{TODAY.isoformat()}.csv"
    table = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert table[0] == ["item", "level", "dimension", "text", "Alpha", "Beta"]
    assert [r[0] for r in table[1:]] == [i["id"] for i in shown] and [r[4:] for r in table[1:]] == [r[1:] for r in rows]


def full_answers(data: dict) -> dict:
    out = {}
    for k, i in enumerate(data["items"]):
        out[i["id"]] = answer(("done", "in-progress", "na")[k % 3], f"note {k}: checked in the review" if k % 4 == 0 else "")
    return out


def test_a_full_share_link_stays_short_or_warns(browser, page, served_site, data):
    answers = full_answers(data)
    first = data["items"][0]["id"]
    answers[first] = {"status": "done", "note": "see CI", "links": ["https://ci.example.org/1"], "assessor": "Ann", "date": "2026-01-02"}
    seed(page, served_site, data, answers, team="Full house")
    page.click("#ha-share")
    page.wait_for_function("() => document.querySelector('#ha-share-url').value.includes('#share=')")
    link = page.locator("#ha-share-url").input_value()
    warning = page.locator("#ha-share-warning")
    if len(link) > 8000:
        assert warning.is_visible() and "Export" in warning.inner_text()
    else:
        assert not warning.is_visible()
    payload = decode_share(link.split("#share=", 1)[1])
    assert {k: v if isinstance(v, str) else v[0] for k, v in payload["answers"].items()} == {k: a["status"] for k, a in answers.items()}
    results = ui_results(page)
    other = browser.new_context().new_page()
    try:
        mine = record(data, {}, "Receiver")
        mine["snapshots"] = [{"date": "2025-03-01", "label": "ours", "answers": {first: "done"}}]
        other.goto(served_site + "/assets/stylesheets/handbook.css")
        other.evaluate("([k, v]) => localStorage.setItem(k, v)", [storage_key(data), json.dumps(mine)])
        other.goto(link)
        other.locator(".ha-banner").wait_for()
        assert ui_results(other) == results
        # Evidence travels in the link too.
        assert other.locator(f"details.ha-evidence[data-item='{first}'] summary").text_content() == "Evidence: 1 link, by Ann, 2026-01-02"
        # Adopting the shared answers keeps this browser's snapshots (its history).
        other.once("dialog", lambda d: d.accept())
        other.click("#ha-adopt")
        other.wait_for_function("() => !location.hash")
        adopted = stored(other, data)
        assert adopted["snapshots"] == mine["snapshots"] and adopted["team"] == "Full house"
        assert {k: a["status"] for k, a in adopted["answers"].items()} == {k: a["status"] for k, a in answers.items()}
    finally:
        other.context.close()
    # A much longer link (long notes everywhere) shows the warning.
    long_notes = {k: answer(a["status"], f"{k} " * 30) for k, a in answers.items()}
    seed(page, served_site, data, long_notes, team="Verbose")
    page.click("#ha-share")
    warning.wait_for()
    assert len(page.locator("#ha-share-url").input_value()) > 8000 and "Export answers" in warning.inner_text()


def test_team_name_is_asked_before_the_first_export_and_names_the_file(page, served_site, data):
    seed(page, served_site, data, {data["items"][0]["id"]: answer("done")})
    page.once("dialog", lambda d: d.accept("Platform Ops"))
    with page.expect_download() as download:
        page.click("#ha-export")
    name = download.value.suggested_filename
    assert name == f"assessment-{storage_key(data).split(':')[1]}-platform-ops-{TODAY.isoformat()}.json"
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["team"] == "Platform Ops" and exported["data_version"] == data["data_version"]
    assert "variant_name" in exported
    assert page.locator("#ha-team").input_value() == "Platform Ops"


def test_answers_from_an_older_data_version_are_kept_and_changes_listed(page, served_site, data, tmp_path):
    items = data["items"]
    fingerprints = {i["id"]: i["fp"] for i in items}
    reworded, added = items[3]["id"], items[5]["id"]
    fingerprints[reworded] = "00000000"
    del fingerprints[added]
    fingerprints["l9-retired-item-1"] = "12345678"
    answers = {i["id"]: answer("done", "old") for i in items[:8]}
    answers["l9-retired-item-1"] = answer("na", "gone")
    rec = record(data, answers, "Old")
    rec.update(data_version="0.0.1", item_fingerprints=fingerprints)
    path = write_json(tmp_path / "old.json", rec)
    open_assessment(page, served_site)
    import_file(page, path, "replace")
    section = page.locator("#ha-updates")
    section.wait_for()
    assert "1 item added, 1 removed, 1 reworded" in section.inner_text() and "0.0.1" in section.inner_text()
    assert section.locator(".ha-updates-reworded li").evaluate_all("ls => ls.map(l => l.dataset.item)") == [reworded]
    assert section.locator(".ha-updates-added li").evaluate_all("ls => ls.map(l => l.dataset.item)") == [added]
    assert section.locator(".ha-updates-removed li").evaluate_all("ls => ls.map(l => l.dataset.item)") == ["l9-retired-item-1"]
    saved = stored(page, data)
    assert {k: a["status"] for k, a in saved["answers"].items()} == {k: a["status"] for k, a in answers.items()}
    assert saved["data_version"] == "0.0.1"  # still pending review after a reload
    page.reload()
    page.wait_for_selector("#ha-updates:not([hidden])")
    # Asked again: the reworded item answered in the list; then reviewed.
    page.select_option(f"#ha-recheck-{reworded}", "in-progress")
    assert stored(page, data)["answers"][reworded]["status"] == "in-progress"
    page.click("#ha-updates-done")
    saved = stored(page, data)
    assert saved["data_version"] == data["data_version"] and "l9-retired-item-1" in saved["answers"]
    assert not page.locator("#ha-updates").is_visible()


def test_schema_one_records_and_refused_imports(page, served_site, data, tmp_path):
    ids = [i["id"] for i in data["items"][:2]]
    old = {"schema": 1, "handbook": data["handbook"], "data_version": data["data_version"], "answers": {ids[0]: answer("done", "v1")}}
    seed(page, served_site, data, {ids[1]: answer("na", "keep")}, team="Keepers")
    before = page.evaluate("k => localStorage.getItem(k)", storage_key(data))
    bad = {
        "future.json": dict(old, schema=3),
        "bad-date.json": dict(old, answers={ids[0]: {"status": "done", "date": "2026-02-30"}}),
        "future-date.json": dict(old, answers={ids[0]: {"status": "done", "date": (TODAY + timedelta(days=3)).isoformat()}}),
        "links-not-list.json": dict(old, answers={ids[0]: {"status": "done", "links": "https://x"}}),
        "bad-snapshot.json": dict(old, snapshots=[{"date": "yesterday", "answers": {}}]),
        "team-object.json": dict(old, team={"name": "x"}),
    }
    for name, content in bad.items():
        import_file(page, write_json(tmp_path / name, content), "merge")
        page.locator("#handbook-assessment > [role=alert]").filter(has_text=name).wait_for()
        assert page.evaluate("k => localStorage.getItem(k)", storage_key(data)) == before, name
    import_file(page, write_json(tmp_path / "v1.json", old), "merge")
    page.wait_for_function("() => document.querySelector('.ha-message').textContent.includes('v1.json')")
    saved = stored(page, data)
    assert saved["schema"] == data["schema"] == 2
    assert saved["answers"] == {ids[1]: answer("na", "keep"), ids[0]: answer("done", "v1")}
    # A schema 1 file from another data version: every answer kept; what changed cannot be listed, and it says so.
    older = dict(old, data_version="0.0.1", answers={ids[0]: answer("done", "v1"), "l9-gone-1": answer("na")})
    import_file(page, write_json(tmp_path / "v1-older.json", older), "replace")
    page.locator("#ha-updates-summary").wait_for()
    assert "cannot be listed" in page.locator("#ha-updates-summary").inner_text() and "l9-gone-1" in page.locator("#ha-updates-summary").inner_text()
    assert stored(page, data)["answers"] == older["answers"] and stored(page, data)["data_version"] == "0.0.1"


def test_the_page_fits_a_phone_screen(browser, served_site, data):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        open_assessment(page, served_site)
        page.locator("details.ha-level").first.locator(":scope > summary").click()
        page.locator("details.ha-dimension").first.locator(":scope > summary").click()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_every_printed_page_of_the_report_names_the_handbook_and_data_version(page, served_site, data, tmp_path):
    from conftest import require_pdftotext

    require_pdftotext()
    import subprocess

    seed(page, served_site, data, full_answers(data), team="Printers")
    page.emulate_media(media="print")
    path = tmp_path / "report.pdf"
    page.pdf(path=str(path), format="A4")
    pages = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout.split("\f")[:-1]
    assert pages
    for text in pages:
        assert f"Data version {data['data_version']}" in text and data["handbook"] in text
    assert "Team: Printers" in pages[0]


def test_the_rules_as_plain_functions(page, served_site, data):
    """The rules the views use, called directly: month arithmetic, id resolution, consensus, record checks."""
    open_assessment(page, served_site)
    got = page.evaluate("""() => {
      const HA = window.HandbookAssessment;
      const model = document.getElementById('handbook-assessment').haApp.model;
      const lv = model.levels[0].id;
      const first = model.items.find(i => i.level === lv);
      const p = [{name: 'a', answers: {[first.id]: {status: 'done'}}}, {name: 'b', answers: {[first.id]: {status: 'na'}}}];
      return {
        months: [HA.addMonths('2026-01-31', 1), HA.addMonths('2024-01-31', 1), HA.addMonths('2025-11-15', 3), HA.addMonths('2026-03-31', -1)],
        exact: HA.resolveId(model, lv, first.id.toUpperCase()).item.id,
        end: HA.resolveId(model, lv, first.id.split('-').slice(2).join('-')).item.id,
        ambiguous: HA.resolveId(model, lv, '1').error || '',
        unknown: HA.resolveId(model, lv, 'zzz').error,
        tie: HA.consensusRows(model, p).map(r => [r.item.id, r.majority, r.disagreement]),
        v1: HA.checkRecord(model, {schema: 1, answers: {[first.id]: {status: 'done', note: null}}}).answers,
        future: HA.checkRecord(model, {schema: 3, answers: {}}).error,
        badDate: HA.checkRecord(model, {answers: {[first.id]: {status: 'done', date: '2025-13-01'}}}).error,
      };
    }""")
    first = next(i for i in data["items"] if i["level"] == levels(data)[0]["id"])
    assert got["months"] == ["2026-02-28", "2024-02-29", "2026-02-15", "2026-02-28"]
    assert got["exact"] == got["end"] == first["id"]
    assert "matches" in got["ambiguous"] and "No item" in got["unknown"]
    assert got["tie"] == [[first["id"], None, 1]]
    assert got["v1"] == {first["id"]: {"status": "done", "note": ""}}
    assert "version 3" in got["future"] and "not a YYYY-MM-DD date" in got["badDate"]
