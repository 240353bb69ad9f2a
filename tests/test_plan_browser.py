"""The Plan section of the self-assessment in a real browser (Debian's chromium via Playwright).

Two sites: the real handbook (the `served_site` fixture) and a small generated one whose
practices have efforts and random `requires` (tests/factory.py plan_data), so ordering and
prerequisites are exercised before the real data carries them. Expected plans come from the
Python rule (macros/plan.py) and the independent checker in tests/planrule.py.
"""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
from pathlib import Path

import markdown
import pytest
from conftest import BIN, ENV, mkdocs_build, says, serve
from factory import make_site_project, plan_data
from planrule import achieved, check_plan, planned_set, random_settings, random_statuses

from macros.loader import load_handbook
from macros.plan import PlanSettings, make_plan
from macros.planexport import csv_header
from macros.render.assessment import assessment_data

READY = "#handbook-assessment[data-ha-ready='1'] #ha-plan"
DATA_SCRIPT = "assets/javascripts/handbook-assessment-data.js"


def read_data(site: Path) -> dict:
    text = (site / DATA_SCRIPT).read_text(encoding="utf-8")
    prefix = "window.HANDBOOK_ASSESSMENT = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix):-2])


def storage_key(data: dict) -> str:
    import re

    handbook = re.sub(r"[^a-z0-9]+", "-", data["handbook"].lower()).strip("-")
    # The key stays the same across record schema versions (the record names its own).
    return f"handbook-assessment:{handbook}:{data['variant'] or 'base'}:v1"


def record(data: dict, statuses: dict, **fields) -> dict:
    return {"schema": data["schema"], "handbook": data["handbook"], "variant": data["variant"],
            "data_version": data["data_version"], "saved_at": "2026-01-01T00:00:00.000Z",
            "answers": {i: {"status": s, "note": ""} for i, s in statuses.items()}, **fields}


def open_page(page, site_url: str, fragment: str = "") -> None:
    page.goto(site_url + "/assessment/" + fragment)
    page.wait_for_selector(READY, state="attached")


def seed(page, site_url: str, data: dict, statuses: dict, **fields) -> None:
    page.goto(site_url + "/assets/stylesheets/handbook.css")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [storage_key(data), json.dumps(record(data, statuses, **fields))])
    open_page(page, site_url)


def stored(page, data: dict) -> dict | None:
    raw = page.evaluate("k => localStorage.getItem(k)", storage_key(data))
    return None if raw is None else json.loads(raw)


def ui_plan(page) -> list[dict]:
    """The plan as the page shows it: one entry per row, in page order."""
    return page.eval_on_selector_all(
        "#ha-plan-phases tr[data-practice]",
        "rows => rows.map(r => ({practice: r.dataset.practice, order: Number(r.dataset.order),"
        " phase: Number(r.dataset.phase), reason: r.dataset.reason, text: r.innerText,"
        " items: [...r.querySelectorAll('li[data-item]')].map(li => li.dataset.item)}))")


def js_plan(page, statuses: dict, settings: dict, team: str = "") -> dict:
    return page.evaluate(
        "([st, settings, team]) => { const HA = window.HandbookAssessment; const answers = {};"
        " Object.keys(st).forEach(id => { answers[id] = {status: st[id], note: ''}; });"
        " return HA.computePlan(new HA.Model(window.HANDBOOK_ASSESSMENT), answers, settings, team); }",
        [statuses, settings, team])


def download(page, selector: str) -> str:
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_bytes().decode("utf-8")  # bytes: CSV line ends are CRLF


# ---------------------------------------------------------------- the generated site


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """(site url, site dir, handbook, page data) of a small site with efforts and requires."""
    root = tmp_path_factory.mktemp("plan-site")
    project = make_site_project(root / "project", plan_data(7, practices_per_cell=5))
    site = root / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    server = serve(site)
    yield f"http://127.0.0.1:{server.server_address[1]}", site, load_handbook(project / "data"), read_data(site)
    server.shutdown()


def test_the_browser_and_python_make_the_same_plan_for_50_answer_sets(page, generated):
    url, _, book, data = generated
    open_page(page, url)
    rng = random.Random(13)
    cases = []
    for k in range(50):
        statuses = random_statuses(data, rng)
        settings = random_settings(data, rng)
        cases.append((statuses, {**settings, "capacity": settings["capacity"] if k % 5 else None}, f"Team {k}"))
    got = page.evaluate(
        "cases => { const HA = window.HandbookAssessment; const model = new HA.Model(window.HANDBOOK_ASSESSMENT);"
        " return cases.map(([st, settings, team]) => { const answers = {};"
        " Object.keys(st).forEach(id => { answers[id] = {status: st[id], note: ''}; });"
        " return HA.computePlan(model, answers, settings, team); }); }",
        [[st, {"targets": s["targets"], "capacity": s["capacity"], "phase_weeks": s["phase_weeks"]}, team]
         for st, s, team in cases])
    prerequisites = 0
    for (statuses, settings, team), js in zip(cases, got):
        python = make_plan(book, statuses, PlanSettings(targets=settings["targets"], capacity=settings["capacity"] or 12,
                                                        phase_weeks=settings["phase_weeks"]), team)
        assert js == python
        check_plan(data, statuses, js, settings["targets"])
        prerequisites += sum(line["reason"] == "prerequisite" for line in js["lines"])
    assert prerequisites > 0  # the generated answers do exercise the closure


def test_the_browser_and_python_agree_on_the_real_data_for_50_answer_sets(page, served_site, real):
    book = load_handbook(Path(__file__).resolve().parent.parent / "data")
    open_page(page, served_site)
    rng = random.Random(29)
    cases = [(random_statuses(real, rng), random_settings(real, rng)) for _ in range(50)]
    got = page.evaluate(
        "cases => { const HA = window.HandbookAssessment; const model = new HA.Model(window.HANDBOOK_ASSESSMENT);"
        " return cases.map(([st, settings]) => { const answers = {};"
        " Object.keys(st).forEach(id => { answers[id] = {status: st[id], note: ''}; });"
        " return HA.computePlan(model, answers, settings, ''); }); }", [list(c) for c in cases])
    prerequisites = 0
    for (statuses, settings), js in zip(cases, got):
        assert js == make_plan(book, statuses, PlanSettings(**settings))
        check_plan(real, statuses, js, settings["targets"])
        prerequisites += sum(line["reason"] == "prerequisite" for line in js["lines"])
    assert prerequisites > 0


def test_no_practice_is_planned_before_one_it_requires(page, generated):
    url, _, _, data = generated
    statuses = {i["id"]: "done" for i in data["items"] if i["level"] == "1-build" and i["dimension"] == "people"}
    seed(page, url, data, statuses, targets={"business-outcomes": 2, "people": 2})
    rows = ui_plan(page)
    requires = {p["id"]: p["requires"] for p in data["practices"]}
    position = {r["practice"]: k for k, r in enumerate(rows)}
    constrained = 0
    for k, row in enumerate(rows):
        assert row["order"] == k + 1
        for r in requires[row["practice"]]:
            if r in position:
                assert position[r] < k, (r, row["practice"])
                assert position[r] >= 0
                constrained += 1
    assert constrained >= 3
    # The page shows what each practice comes after.
    titles = {p["id"]: p["title"] for p in data["practices"]}
    for row in rows:
        after = [titles[r] for r in requires[row["practice"]] if r in position]
        if after:
            assert "after: " + ", ".join(after) in row["text"]


def test_a_not_done_prerequisite_from_an_achieved_level_is_pulled_in(page, generated):
    url, _, book, data = generated
    numbers = {lv["id"]: lv["number"] for lv in data["levels"]}
    level1 = [i for i in data["items"] if i["level"] == "1-build"]
    found = None
    for practice in data["practices"]:
        if numbers[practice["level"]] != 2:
            continue
        for r in practice["requires"]:
            prerequisite = next(p for p in data["practices"] if p["id"] == r)
            if prerequisite["level"] != "1-build":
                continue
            open_item = next(i for i in level1 if i["practice"] == r)
            statuses = {i["id"]: "done" for i in level1 if i["id"] != open_item["id"]}
            targets = {d["id"]: 2 for d in data["dimensions"]}
            if achieved(data, statuses)[prerequisite["dimension"]] >= 1 and planned_set(data, statuses, targets).get(r) == "prerequisite":
                found = (r, open_item["id"], statuses)
                break
        if found:
            break
    assert found, "the generated data has no level 2 practice requiring a level 1 one"
    required, open_id, statuses = found
    seed(page, url, data, statuses)
    rows = {r["practice"]: r for r in ui_plan(page)}
    assert rows[required]["reason"] == "prerequisite"
    assert "prerequisite of a target" in rows[required]["text"]
    assert rows[required]["items"] == [open_id]
    # Every other level 1 practice is done or not needed: only the pulled-in one is at level 1.
    assert [p for p in rows if p.startswith("l1-")] == [required]
    check_plan(data, statuses, js_plan(page, statuses, {"targets": {}}))


def test_capacity_splits_phases_and_never_a_practice(page, generated):
    url, _, _, data = generated
    open_page(page, url)
    effort = {p["id"]: {"s": 2, "m": 6, "l": 12}.get(p["effort"] or "m") for p in data["practices"]}

    def phases():
        rows = ui_plan(page)
        out: dict[int, list[str]] = {}
        for row in rows:
            out.setdefault(row["phase"], []).append(row["practice"])
        assert sorted(p for ps in out.values() for p in ps) == sorted({r["practice"] for r in rows})  # never split
        return out

    wide = phases()
    page.fill("#ha-plan-capacity", "6")
    page.dispatch_event("#ha-plan-capacity", "change")
    page.wait_for_function("() => document.querySelector('#ha-plan-summary').textContent.includes('at 6 person-weeks')")
    narrow = phases()
    assert len(narrow) > len(wide)
    oversized = page.eval_on_selector_all(".ha-plan-phase[data-oversized='true']",
                                          "els => els.map(e => [Number(e.dataset.phase), e.querySelector('h3').textContent])")
    for number, practices in narrow.items():
        total = sum(effort[p] for p in practices)
        if total > 6:
            assert len(practices) == 1 and any(n == number and "larger than a phase" in t for n, t in oversized)
    assert oversized, "an L practice (12 person-weeks) gets a phase of its own at capacity 6"
    assert stored(page, data)["capacity"] == 6


def test_a_bad_capacity_typed_in_is_refused_naming_the_field(page, generated):
    url, _, _, data = generated
    seed(page, url, data, {}, capacity=8)
    before = ui_plan(page)
    for typed, field in (("0", "capacity"), ("-3", "capacity"), ("20000", "capacity")):
        page.fill("#ha-plan-capacity", typed)
        page.dispatch_event("#ha-plan-capacity", "change")
        assert field + ": expected person-weeks per phase" in page.locator("#ha-plan-error").inner_text()
        assert page.locator("#ha-plan-capacity").get_attribute("aria-invalid") == "true"
        assert stored(page, data)["capacity"] == 8 and ui_plan(page) == before
    page.fill("#ha-plan-weeks", "0")
    page.dispatch_event("#ha-plan-weeks", "change")
    assert "phase_weeks: expected whole weeks per phase" in page.locator("#ha-plan-error").inner_text()
    assert "phase_weeks" not in stored(page, data)
    page.fill("#ha-plan-capacity", "")  # empty: back to the default
    page.dispatch_event("#ha-plan-capacity", "change")
    assert page.locator("#ha-plan-error").inner_text() == ""
    assert "capacity" not in stored(page, data)


# ---------------------------------------------------------------- the real site


@pytest.fixture(scope="module")
def real(built_site) -> dict:
    return read_data(built_site)


def test_the_page_is_small_and_works_from_disk(page, built_site, real):
    size = (built_site / "assessment" / "index.html").stat().st_size
    assert size <= 150 * 1024, size
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((built_site / "assessment" / "index.html").as_uri())
    page.wait_for_selector(READY, state="attached")
    assert page.locator("select.ha-status-select").count() == len(real["items"])
    assert page.locator("#ha-plan-phases tr[data-practice]").count() > 0
    href = page.locator("#ha-plan-phases a.ha-plan-practice").first.get_attribute("href")
    assert href.startswith("../levels/") and "/index.html#" in href
    # Material's search cannot load its worker from file:// (a known limit, see the README).
    assert [e for e in errors if "/search/" not in e] == []


def test_targets_are_kept_across_reload_export_and_import(browser, page, served_site, real, tmp_path):
    people = next(d["id"] for d in real["dimensions"] if d["id"] == "people")
    open_page(page, served_site)
    page.select_option(f"select.ha-plan-target[data-dimension='{people}']", "3")
    page.fill("#ha-plan-capacity", "8")
    page.dispatch_event("#ha-plan-capacity", "change")
    page.fill("#ha-plan-weeks", "4")
    page.dispatch_event("#ha-plan-weeks", "change")
    saved = stored(page, real)
    assert (saved["targets"], saved["capacity"], saved["phase_weeks"]) == ({people: 3}, 8, 4)
    rows = ui_plan(page)
    assert {r["practice"].split("-")[0] for r in rows if "-ppl-" in r["practice"]} == {"l1", "l2", "l3"}

    page.reload()
    page.wait_for_selector(READY, state="attached")
    assert page.locator(f"select.ha-plan-target[data-dimension='{people}']").input_value() == "3"
    assert page.locator("#ha-plan-capacity").input_value() == "8"
    assert page.locator("#ha-plan-weeks").input_value() == "4"
    assert ui_plan(page) == rows

    with page.expect_download() as info:
        page.click("#ha-export")
    path = tmp_path / "export.json"
    info.value.save_as(path)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert (exported["targets"], exported["capacity"], exported["phase_weeks"]) == ({people: 3}, 8, 4)

    context = browser.new_context()
    try:
        fresh = context.new_page()
        open_page(fresh, served_site)
        assert ui_plan(fresh) != rows
        fresh.set_input_files("#ha-import-file", str(path))
        fresh.check("#ha-import-replace")
        fresh.click("#ha-import-button")
        fresh.wait_for_function("() => document.querySelector('.ha-message').textContent.startsWith('Imported')")
        assert stored(fresh, real)["targets"] == {people: 3}
        assert ui_plan(fresh) == rows
    finally:
        context.close()

    # A share link carries them too, and the shared plan is read-only.
    page.click("#ha-share")
    # The link is compressed asynchronously (CompressionStream): wait for it.
    page.wait_for_function("() => document.querySelector('#ha-share-url').value.includes('#share=')")
    link = page.locator("#ha-share-url").input_value()
    context = browser.new_context()
    try:
        other = context.new_page()
        other.goto(link)
        other.wait_for_selector(READY, state="attached")
        assert ui_plan(other) == rows
        assert other.locator(f"select.ha-plan-target[data-dimension='{people}']").input_value() == "3"
        assert other.locator("#ha-plan-capacity").is_disabled()
    finally:
        context.close()


BAD_SETTINGS = {
    "targets.people": {"targets": {"people": 9}},
    "targets.peeple": {"targets": {"peeple": 1}},
    "targets": {"targets": [3]},
    "capacity": {"capacity": "lots"},
    "phase_weeks": {"phase_weeks": 0},
}


def test_a_malformed_target_or_capacity_is_refused_naming_the_field(page, served_site, real, tmp_path):
    keep = {real["items"][0]["id"]: "done"}
    seed(page, served_site, real, keep, targets={"people": 2})
    before = page.evaluate("k => localStorage.getItem(k)", storage_key(real))
    for field, bad in BAD_SETTINGS.items():
        path = tmp_path / f"bad-{field}.json"
        path.write_text(json.dumps(record(real, {real["items"][1]["id"]: "done"}, **bad)), encoding="utf-8")
        page.set_input_files("#ha-import-file", str(path))
        page.check("#ha-import-merge")
        page.click("#ha-import-button")
        alert = page.locator("#handbook-assessment > [role=alert]").filter(has_text=path.name)
        alert.wait_for()
        assert field + ":" in alert.inner_text() and says(alert.inner_text(), "assessment.tools.import_refused", file=path.name), field
        assert page.evaluate("k => localStorage.getItem(k)", storage_key(real)) == before

    # The same in a share link: the link is refused and the stored answers stay.
    import base64

    for field, bad in BAD_SETTINGS.items():
        payload = {"schema": 1, "answers": {real["items"][2]["id"]: "done"}, **bad}
        fragment = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
        page.goto(served_site + "/assessment/#share=" + fragment)
        page.reload()
        page.wait_for_selector(READY, state="attached")
        alert = page.locator("#handbook-assessment > [role=alert]")
        assert says(alert.inner_text(), "assessment.app.share_refused") and field + ":" in alert.inner_text(), field
        assert page.evaluate("k => localStorage.getItem(k)", storage_key(real)) == before


def test_the_plan_updates_when_an_answer_changes(page, served_site, real):
    open_page(page, served_site)
    first = ui_plan(page)[0]
    practice = first["practice"]
    item = next(i for i in real["items"] if i["practice"] == practice)
    page.locator(f"details.ha-level[data-level='{item['level']}'] > summary").click()
    page.locator(f"details.ha-dimension[data-level='{item['level']}'][data-dimension='{item['dimension']}'] > summary").click()
    for item_id in first["items"]:
        page.select_option(f"select.ha-status-select[data-item='{item_id}']", "done")
    assert practice not in [r["practice"] for r in ui_plan(page)]
    page.select_option(f"select.ha-status-select[data-item='{first['items'][-1]}']", "in-progress")
    again = {r["practice"]: r for r in ui_plan(page)}
    assert again[practice]["items"] == [first["items"][-1]]


def test_print_plan_has_no_site_chrome(page, served_site, real):
    from io import BytesIO

    from pypdf import PdfReader

    open_page(page, served_site)
    page.evaluate("() => { window.print = () => { window.__printed = document.documentElement.className; }; }")
    page.click("#ha-plan-print")
    assert "ha-print-plan" in page.evaluate("window.__printed")
    page.evaluate("() => document.documentElement.classList.add('ha-print-plan')")
    page.emulate_media(media="print")
    assert page.locator("#ha-plan-phases").is_visible()
    assert page.locator(".ha-plan-print-title").is_visible()
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", "#ha-result", "#ha-checklist", "#ha-tools",
                   ".ha-plan-settings", "#ha-plan-print", "article h1"):
        assert not page.locator(hidden).first.is_visible(), hidden
    pdf = PdfReader(BytesIO(page.pdf(format="A4")))
    assert 1 <= len(pdf.pages) <= 3, len(pdf.pages)
    text = "".join(p.extract_text() for p in pdf.pages)
    first = ui_plan(page)[0]
    assert "Phase 1" in text and first["items"][0] in text
    for elsewhere in ("Next actions", "Achieved level per dimension", "Save, share and compare", "Compare teams"):
        assert elsewhere not in text, elsewhere


def test_exports_parse_and_equal_the_command_line(page, served_site, real, tmp_path):
    answers = {i["id"]: "done" for i in real["items"][::3]}
    seed(page, served_site, real, answers, team="Plan team", targets={"people": 3}, capacity=7.5)
    browser_files = {fmt: download(page, f"#ha-plan-{fmt}") for fmt in ("md", "csv", "json")}
    plan = json.loads(browser_files["json"])
    check_plan(real, answers, {k: v for k, v in plan.items() if k != "site_url"}, {"people": 3})
    site_url = served_site + "/"
    assert plan["site_url"] == site_url

    rows = list(csv.DictReader(io.StringIO(browser_files["csv"], newline="")))
    # The columns Jira's and GitHub's importers map (docs/plan.md), from the English catalogue.
    book = load_handbook(Path(__file__).resolve().parent.parent / "data")
    assert list(rows[0]) == csv_header(book.messages) == ["Summary", "Description", "Labels", "Priority", "Phase"]
    assert [r["Summary"] for r in rows] == [line["title"] for line in plan["lines"]]
    assert {r["Priority"] for r in rows} <= {"High", "Medium", "Low"}
    assert all(r["Phase"].startswith("Phase ") and site_url + "levels/" in r["Description"] for r in rows)

    html = markdown.markdown(browser_files["md"], extensions=["tables"])
    assert "<h1>Plan: Plan team</h1>" in html
    assert html.count("<table>") == len(plan["phases"])
    assert html.count(f'href="{site_url}levels/') == len(plan["lines"])

    # The same answers file through `handbook plan` gives the same bytes.
    with page.expect_download() as info:
        page.click("#ha-export")
    exported = tmp_path / "answers.json"
    info.value.save_as(exported)
    for fmt, text in browser_files.items():
        result = subprocess.run([str(BIN / "handbook"), "plan", str(exported), "--format", fmt, "--site-url", site_url],
                                capture_output=True, env=ENV, cwd=Path(__file__).resolve().parent.parent)
        assert result.returncode == 0, result.stderr
        assert result.stdout.decode("utf-8") == text, fmt

    # And the Python rule on the page's own data agrees with the page.
    assert assessment_data(book)["practices"] == real["practices"]
    python = make_plan(book, answers, PlanSettings(targets={"people": 3}, capacity=7.5), "Plan team")
    assert {k: v for k, v in plan.items() if k != "site_url"} == python
