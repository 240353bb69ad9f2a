"""Checklists as facilitators use them: pages, print, PDFs, CSV and JSON exports, the macro."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, handbook, require_pdftotext
from factory import FORK_DIMENSION_NAME, FORK_ROLE, TRICKY, fork_data, make_site_project, minimal_data, write_data
from sitecheck import check_site

from macros.loader import load_handbook
from macros.pages import (
    CHECKLISTS_URI,
    cell_uri,
    checklist_dimension_level_uri,
    checklist_dimension_uri,
    checklist_level_uri,
    checklist_role_level_uri,
    checklist_role_uri,
    workshop_uri,
)
from macros.pdf import print_with_browser
from macros.registry import plan_pages, printed_checklists
from macros.render.markdown import Links


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")




@pytest.fixture(scope="module")
def book():
    return load_handbook(ROOT / "data")


def test_checklist_pages_exist_for_every_level_dimension_role_and_workshop(built_site, book):
    for lv in book.levels:
        assert (built_site / "checklists" / "levels" / lv.id / "index.html").is_file()
        workshop = soup(built_site / "checklists" / "workshop" / lv.id / "index.html").find("article")
        headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in workshop.find_all("h2")]
        assert headings == ["Agenda", "Checklist", "Scoring sheet", "Notes"]
    for d in book.dimensions:
        assert (built_site / "checklists" / "dimensions" / d.id / "index.html").is_file()
    for r in book.roles:
        assert (built_site / "checklists" / "roles" / r.id / "index.html").is_file()


def parts_rows(rendered, book, uri: str) -> list[str]:
    """The rows a page is printed whole from: those of its parts (macros/registry.py), in order."""
    printed = next(c for c in printed_checklists(book) if c.uri == uri)
    assert printed.parts, uri
    assert rendered.item_ids(uri) == []  # an overview: the rows are on its parts' pages only
    return [i for part in printed.parts for i in rendered.item_ids(part)]


def test_dimension_checklist_holds_exactly_the_dimensions_items(rendered, book):
    for d in book.dimensions:
        rows = parts_rows(rendered, book, checklist_dimension_uri(d.id))
        assert rows == [pi.item.id for pi in book.items if pi.placed.dimension.id == d.id]


def test_level_checklist_holds_exactly_the_levels_items_with_anchors(rendered, book):
    for lv in book.levels:
        rows = [row for d in book.dimensions
                for row in rendered.soup(checklist_dimension_level_uri(d.id, lv.id)).select("tr.hb-item")]
        expected = [pi.item.id for pi in book.items if pi.placed.level.id == lv.id]
        assert [r["id"] for r in rows] == expected == parts_rows(rendered, book, checklist_level_uri(lv.id))
        assert parts_rows(rendered, book, workshop_uri(lv.id)) == expected
        for row in rows[:3]:
            cells = row.find_all("td")
            assert len(cells) == 5  # the box (print.css draws it), the item, then Owner, Due and Notes to write in
            assert [cells[i].get_text() for i in (0, 2, 3, 4)] == ["", "", "", ""]
            assert row.select_one(".hb-id").get_text() == row["id"]
            assert "Done looks like" in row.get_text()


def test_role_checklist_lists_exactly_the_items_for_that_role(rendered, book):
    for role in book.roles:
        rows = parts_rows(rendered, book, checklist_role_uri(role.id))
        assert rows == [pi.item.id for pi in book.items if role.id in pi.item.roles]


def test_role_and_dimension_checklists_have_a_page_per_level_with_items(rendered, book):
    """A page per level that has items, in level order, each with the role's or the dimension's items there;
    the overview counts them by priority and links to each."""
    planned = {p.uri for p in plan_pages(book)}
    for role in book.roles:
        for lv in book.levels:
            items = [pi.item.id for pi in book.items if role.id in pi.item.roles and pi.placed.level.id == lv.id]
            uri = checklist_role_level_uri(role.id, lv.id)
            assert (uri in planned) == bool(items), uri
            if items:
                assert rendered.item_ids(uri) == items
    for d in book.dimensions:
        overview = rendered.soup(checklist_dimension_uri(d.id))
        rows = overview.find("div", class_="hb-parts-list").find("tbody").find_all("tr")
        for lv, row in zip(book.levels, rows, strict=True):
            items = [pi for pi in book.items if pi.placed.dimension.id == d.id and pi.placed.level.id == lv.id]
            cells = [td.get_text(strip=True) for td in row.find_all("td")]
            assert cells[:5] == [f"Level {lv.number}: {lv.name}", str(len(items))] + [
                str(sum(1 for pi in items if pi.item.priority == p)) for p in ("high", "medium", "low")]
            assert row.find("a")["href"] == f"{lv.id}/"
            assert rendered.item_ids(checklist_dimension_level_uri(d.id, lv.id)) == [pi.item.id for pi in items]


def test_a_level_without_items_for_a_role_gets_no_page(tmp_path):
    """The fork's new role has one item, at level 1: one level page, and the whole is printed from it alone."""
    book = load_handbook(write_data(tmp_path / "data", fork_data()))
    planned = [p.uri for p in plan_pages(book) if p.uri.startswith(f"checklists/roles/{FORK_ROLE}/")]
    assert planned == [checklist_role_uri(FORK_ROLE), checklist_role_level_uri(FORK_ROLE, "1-build")]
    whole = next(c for c in printed_checklists(book) if c.uri == checklist_role_uri(FORK_ROLE))
    assert whole.parts == (checklist_role_level_uri(FORK_ROLE, "1-build"),)
    assert whole.pdf_name == f"role-{FORK_ROLE}"


def test_old_bookmarks_of_a_one_page_checklist_find_their_part(rendered, book):
    """#hb-part-pages on an overview names each part's page, its heading prefix and its items (moved-anchors.js)."""
    role = book.roles[0]
    moved = rendered.soup(checklist_role_uri(role.id)).find(id="hb-part-pages")
    spans = moved.find_all("span")
    levels = [lv for lv in book.levels if any(role.id in pi.item.roles and pi.placed.level.id == lv.id for pi in book.items)]
    assert [(s["data-href"], s["data-prefix"]) for s in spans] == [(f"{lv.id}/", lv.id) for lv in levels]
    for span, lv in zip(spans, levels):
        assert span["data-items"].split() == [pi.item.id for pi in book.items
                                              if role.id in pi.item.roles and pi.placed.level.id == lv.id]
    script = moved.find_next("script")
    assert script["src"] == "../../../assets/javascripts/moved-anchors.js" and (ROOT / "docs" / "assets" / "javascripts" / "moved-anchors.js").is_file()
    level = rendered.soup(checklist_level_uri("3-scale")).find(id="hb-part-pages")
    assert [s["data-prefix"] for s in level.find_all("span")] == [f"3-scale-{d.id}" for d in book.dimensions]


def test_every_checklist_page_has_a_print_button(rendered, book):
    """Every checklist page prints; an overview (level, dimension, role, workshop pack) prints whole from its
    parts (print-button.js, macros/pdf.py), which it lists for the scripts."""
    printed = {c.uri: c for c in printed_checklists(book)}
    pages = [p.uri for p in plan_pages(book) if p.uri.startswith("checklists/") and p.uri != CHECKLISTS_URI]
    overviews = [uri for uri in pages if printed[uri].parts]
    assert len(overviews) == 2 * len(book.levels) + len(book.dimensions) + len(book.roles)
    for uri in pages:
        assert re.search(r'<button [^>]*class="[^"]*\bhb-print\b', rendered.article(uri)), uri
        page = rendered.soup(uri)
        assert (page.find(class_="hb-parts") is not None) == (uri in overviews), uri
        if uri in overviews:
            assert [s["data-href"] for s in page.find(id="hb-part-pages").find_all("span")] == [
                Links(uri).html_url(part) for part in printed[uri].parts]


def test_item_ids_resolve_to_their_practice(rendered, book):
    pi = next(p for p in book.items if p.placed.level.id == "3-scale")
    cell = rendered.soup(cell_uri("3-scale", pi.placed.dimension.id))
    assert cell.find(id=pi.item.id) is not None
    assert cell.find(id=pi.placed.practice.id) is not None


def test_csv_export_matches_the_checklist_pages(built_site, rendered, book):
    raw = (built_site / "exports" / "checklist.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets open it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0].keys()) == ["id", "level", "dimension", "area", "practice", "practice_title", "text", "done_looks_like",
                                    "roles", "role_names", "priority", "practice_effort", "practice_requires",
                                    "variant", "variant_revision", "data_version"]
    assert {(r["variant"], r["variant_revision"], r["data_version"]) for r in rows} == {("", "", book.model.data_version)}
    titles = {pp.practice.id: pp.practice.title for pp in book.practices}
    names = {r.id: r.name for r in book.roles}
    assert all(r["practice_title"] == titles[r["practice"]] for r in rows)
    assert all(r["role_names"] == "; ".join(names[x] for x in r["roles"].split()) for r in rows)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    levels = [lv.id for lv in book.levels]
    on_pages = [i for lv in levels for i in parts_rows(rendered, book, checklist_level_uri(lv))]
    assert ids == on_pages
    assert all(r["level"] in levels and r["priority"] in ("high", "medium", "low") for r in rows)


def test_json_export_is_the_whole_model(built_site, book):
    data = json.loads((built_site / "exports" / "handbook.json").read_text(encoding="utf-8"))
    assert [lv["id"] for lv in data["levels"]] == [lv.id for lv in book.levels]
    items = [i["id"] for lv in data["levels"] for cell in lv["cells"].values() for p in cell["practices"] for i in p["checklist"]]
    assert len(items) == len(set(items)) == len(book.items)
    assert {r["id"] for r in data["roles"]} == {r.id for r in book.roles}
    assert data["model"]["source"]["licence"] == "Apache-2.0"
    assert data["variant"] is None and data["model"]["data_version"] == book.model.data_version


def test_cli_export_writes_the_same_files(built_site, tmp_path):
    assert handbook("export", "--format", "csv", "--out", str(tmp_path / "c.csv")).returncode == 0
    assert (tmp_path / "c.csv").read_bytes() == (built_site / "exports" / "checklist.csv").read_bytes()
    result = handbook("export", "--format", "json")
    assert result.returncode == 0
    assert result.stdout == (built_site / "exports" / "handbook.json").read_text(encoding="utf-8")


def test_csv_round_trips_commas_quotes_and_newlines(fork_site):
    site, _ = fork_site
    raw = (site / "exports" / "checklist.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert next(r for r in rows if r["id"] == "l1-ppl-practice-1-1")["text"] == TRICKY


def test_checklist_macro_filters(fork_site):
    site, _ = fork_site
    page = soup(site / "our-workshop" / "index.html").find("article")
    sections = page.find_all("h2")
    assert [h.get_text(" ", strip=True).rstrip("¶").strip() for h in sections] == [
        "Sponsor items at level 1", "People, upskilling, all levels", "Nothing"]
    def rows_after(h2):
        found = []
        for el in h2.find_all_next():
            if el.name == "h2":
                break
            if el.name == "tr" and "hb-item" in el.get("class", []):
                found.append(el["id"])
        return found
    assert rows_after(sections[0]) == ["l1-bo-practice-1-2", "l1-bo-practice-2-2", "l1-ppl-practice-1-2", "l1-ppl-practice-2-2"]
    assert len(rows_after(sections[1])) == 8 and all("-ppl-" in i for i in rows_after(sections[1]))
    assert rows_after(sections[2]) == []
    assert f"No checklist items match Level 2: Operate, {FORK_DIMENSION_NAME}, Upskilling, Architect." in page.get_text(" ")


def test_pdfs_are_linked_and_present_when_built_with_pdfs(fork_site):
    site, _ = fork_site
    report = check_site(site)
    assert report.broken == []
    page = soup(site / "checklists" / "levels" / "1-build" / "index.html")
    hrefs = [a["href"] for a in page.select("a.hb-pdf")]
    assert hrefs == ["../../../exports/pdf/level-1-build-a4.pdf", "../../../exports/pdf/level-1-build-letter.pdf"]
    assert (site / "exports" / "pdf" / "role-executive-sponsor-letter.pdf").stat().st_size > 1000


def test_unknown_filter_in_the_macro_fails_the_page(tmp_path):
    """Rendered in process by mkdocs' own steps: the PluginError that makes `mkdocs build` exit 1, without a traceback."""
    from inprocess import Site
    from mkdocs.exceptions import PluginError

    project = make_site_project(tmp_path / "project", minimal_data())
    (project / "docs" / "bad.md").write_text('# Bad\n\n{{ checklist(level="7-nope") }}\n')
    nav_end = "      - The data format: data-format.md"
    config = (project / "mkdocs.yml").read_text().replace(nav_end, nav_end + "\n      - Bad: bad.md")
    (project / "mkdocs.yml").write_text(config)
    site = Site(project)
    try:
        with pytest.raises(PluginError) as raised:
            site.article("bad.md")
    finally:
        site.close()
    assert "docs/bad.md:3: checklist(level='7-nope'): unknown level '7-nope'" in str(raised.value)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(path: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    return pages, size


@pytest.fixture(scope="module")
def printed(built_site, book, browser, tmp_path_factory):
    """Level 3 and the platform engineer checklist, printed from the real site, A4 and Letter."""
    require_pdftotext()
    site = tmp_path_factory.mktemp("printed")
    import shutil
    shutil.copytree(built_site, site, dirs_exist_ok=True)
    wanted = ["level-3-scale", "role-platform-engineer", "role-platform-engineer-3-scale", "training-cka", "workshop-3-scale"]
    checklists = [c for c in printed_checklists(book) if c.pdf_name in wanted]
    assert sorted(c.pdf_name for c in checklists) == sorted(wanted)
    print_with_browser(browser, site, checklists, blank_page=book.messages("print.blank_page"))
    return site / "exports" / "pdf"


@pytest.mark.parametrize("name,selection", [("level-3-scale", {"level": "3-scale"}),
                                            ("role-platform-engineer", {"role": "platform-engineer"}),
                                            ("role-platform-engineer-3-scale", {"role": "platform-engineer", "level": "3-scale"})])
@pytest.mark.parametrize("paper,size_word", [("a4", "A4"), ("letter", "letter")])
def test_printed_checklist_is_clean_and_complete(printed, book, name, selection, paper, size_word):
    """A part's PDF, and the whole printed from its parts (every item of every part, one page count)."""
    path = printed / f"{name}-{paper}.pdf"
    pages, size = pdf_pages(path)
    items = [pi.item.id for pi in book.select_items(**selection)]
    assert size_word in size
    assert len(items) / 12 <= pages <= len(items) / 2 + 5  # 2 to 12 items a page
    text = pdf_text(path)
    flat = text.replace("-\n", "-")
    missing = [i for i in items if i not in flat]
    assert missing == []
    for chrome in ("Type to start searching", "Self-assessment", "Skip to content", "Dimensions", "Made with"):
        assert chrome not in text
    assert "Data version" in text and "Page 1 of" in text
    assert "Cloud Native Maturity Handbook" in text.splitlines()[0]
    # every page carries the running header, numbered through the whole
    assert text.count("Data version") == pages
    assert f"Page {pages} of {pages}" in text


def part_title(dimension: str, level: str = "Level 3: Scale") -> str:
    return f"{dimension} checklist, {level}"


def test_each_dimension_of_a_level_pack_starts_a_new_sheet(printed, book):
    pages = pdf_text(printed / "level-3-scale-a4.pdf").split("\f")
    for dim in book.dimensions[1:]:  # the first follows the list of parts
        starts = [i for i, text in enumerate(pages) if any(line.strip() == part_title(dim.name) for line in text.splitlines())]
        assert starts, dim.name
        first_lines = [line.strip() for line in pages[starts[0]].splitlines() if line.strip()][:3]
        assert part_title(dim.name) in first_lines, (dim.name, first_lines)


def test_no_item_is_split_across_two_sheets(printed, book):
    """An item's id and its 'Done looks like' line land on the same page."""
    pages = pdf_text(printed / "level-3-scale-letter.pdf").split("\f")
    for pi in [p for p in book.items if p.placed.level.id == "3-scale"]:
        where = [i for i, text in enumerate(pages) if pi.item.id in text]
        assert len(where) == 1, pi.item.id
        after_id = pages[where[0]].split(pi.item.id, 1)[1]
        assert "Done looks like" in after_id, pi.item.id


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_workshop_pack_starts_each_dimension_on_a_right_hand_page(printed, book, paper):
    """Printed double-sided, every dimension (and the checklist) begins on an odd page, a new sheet."""
    pages = pdf_text(printed / f"workshop-3-scale-{paper}.pdf").split("\f")[:-1]
    starts = {}
    for name in ["Checklist"] + [part_title(d.name) for d in book.dimensions]:
        where = [k + 1 for k, text in enumerate(pages) if name in [line.strip() for line in text.splitlines()]]
        assert where, name
        starts[name] = where[0]
        if name != part_title(book.dimensions[0].name):  # the first part follows the list of parts
            assert name in [line.strip() for line in pages[where[0] - 1].splitlines() if line.strip()][:4], name
    items = [pi.item.id for pi in book.select_items(level="3-scale")]
    assert [i for i in items if i not in "".join(pages).replace("-\n", "-")] == []
    assert all(n % 2 == 1 for n in starts.values()), starts
    blanks = [k + 1 for k, text in enumerate(pages) if "left blank for double-sided printing" in text]
    assert blanks and all(n % 2 == 0 for n in blanks)  # only where a dimension would start on a left page
    for n in blanks:
        assert n + 1 in starts.values()
    assert all("Data version" in text for text in pages)  # the running header, blank pages included


@pytest.mark.parametrize("width_mm", [186, 191.9])  # A4 and US Letter less the 12 mm side margins
def test_owner_due_and_notes_take_a_third_of_the_row_on_paper(served_site, browser, width_mm):
    page = browser.new_page(viewport={"width": round(width_mm * 96 / 25.4), "height": 1000})
    try:
        page.goto(served_site + "/checklists/dimensions/technology/3-scale/")
        page.emulate_media(media="print")
        share = page.evaluate("""() => {
          const row = document.querySelector('table.hb-items tbody tr');
          const cells = [...row.children].map(c => c.getBoundingClientRect().width);
          const total = row.getBoundingClientRect().width;
          return [cells.slice(2).reduce((a, b) => a + b, 0) / total, cells.length];
        }""")
        assert share[1] == 5 and share[0] >= 1 / 3, share
        # The item id is printed on every row (paper entry accepts it).
        ids = page.eval_on_selector_all("table.hb-items tbody tr", "rs => rs.every(r => r.querySelector('.hb-id').textContent === r.id)")
        assert ids is True
    finally:
        page.close()


def test_an_old_bookmark_of_a_one_page_checklist_opens_the_part_that_holds_it(served_site, browser, book):
    """Rows and headings of the role, dimension and level checklists moved to their parts' pages;
    moved-anchors.js sends a bookmark of the old page on to them."""
    item = next(pi.item.id for pi in book.select_items(role="platform-engineer", level="3-scale"))
    page = browser.new_page()
    try:
        for old, new in [(f"roles/platform-engineer/#{item}", f"roles/platform-engineer/3-scale/#{item}"),
                         ("dimensions/technology/#3-scale-technology", "dimensions/technology/3-scale/#3-scale-technology"),
                         ("dimensions/technology/#3-scale", "dimensions/technology/3-scale/"),
                         ("levels/2-operate/#2-operate-people", "dimensions/people/2-operate/")]:
            page.goto(f"{served_site}/checklists/{old}", wait_until="commit")
            page.wait_for_url(f"{served_site}/checklists/{new}")
        assert page.locator("tr.hb-item").count() > 0
        page.goto(f"{served_site}/checklists/roles/platform-engineer/#no-such-anchor")  # stays
        assert page.url.endswith("/checklists/roles/platform-engineer/#no-such-anchor")
    finally:
        page.close()


def test_print_button_of_an_overview_prints_every_part(served_site, browser, book):
    """Served over http, Print on a role's checklist puts its level pages' rows into the page first."""
    page = browser.new_page()
    try:
        page.goto(f"{served_site}/checklists/roles/platform-engineer/")
        assert page.locator(".hb-parts tr.hb-item").count() == 0
        # A statement, not an expression: Playwright calls a function an expression evaluates to,
        # which would set the flag before the click.
        page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
        assert page.evaluate("window.__printed") is None
        page.locator("button.hb-print").click()
        page.wait_for_function("window.__printed === true")
        rows = page.eval_on_selector_all(".hb-parts tr.hb-item", "rows => rows.map(r => r.id)")
        assert rows == [pi.item.id for pi in book.select_items(role="platform-engineer")]
        page.emulate_media(media="print")
        assert page.locator(".hb-parts").is_visible()
    finally:
        page.close()


def test_print_button_of_an_overview_opened_from_disk_prints_the_overview(built_site, browser):
    """From file:// the browser refuses fetch(): Print still prints, the overview as it is (its parts table)."""
    page = browser.new_page()
    try:
        page.goto((built_site / "checklists" / "roles" / "platform-engineer" / "index.html").as_uri())
        page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
        page.locator("button.hb-print").click()
        page.wait_for_function("window.__printed === true")
        assert page.locator(".hb-parts tr.hb-item").count() == 0
        assert page.locator("article table a[href*='1-build/']").count() >= 1  # the overview's own table of parts
    finally:
        page.close()


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_readiness_checklist_prints(printed, book, paper):
    text = pdf_text(printed / f"training-cka-{paper}.pdf")
    for item in book.certification("cka").readiness:
        assert item.id in text.replace("-\n", "-")
    assert "Type to start searching" not in text and "Data version" in text


def test_handbook_pdf_builds_the_site_with_pdfs(fork_site):
    site, result = fork_site  # built by `handbook pdf --site-dir`
    pdfs = sorted(p.name for p in (site / "exports" / "pdf").glob("*.pdf"))
    assert "level-1-build-a4.pdf" in pdfs and "role-architect-letter.pdf" in pdfs and "workshop-2-operate-a4.pdf" in pdfs
    assert "PDF 1/" in result.stderr  # progress is reported while printing
