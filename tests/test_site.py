"""The built site, as a reader sees it: pages, links, nav order, offline, and escaped data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, mkdocs_build
from factory import edited, make_site_project, minimal_data

from macros.loader import load_handbook

# Labels come from the data: a fork that renames a level or adds a dimension keeps these tests true.
BOOK = load_handbook(ROOT / "data")
LEVELS = [lv.id for lv in BOOK.levels]
DIMENSIONS = [d.id for d in BOOK.dimensions]
LEVEL_LABELS = [f"{lv.number} {lv.name}" for lv in BOOK.levels]  # the short label in tables
DIMENSION_NAMES = [d.name for d in BOOK.dimensions]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(path: Path):
    return soup(path).find("article")


def test_every_page_of_the_url_table_exists(built_site):
    assert (built_site / "index.html").is_file()
    assert (built_site / "tools" / "index.html").is_file()
    for level in LEVELS:
        assert (built_site / "levels" / level / "index.html").is_file()
        for dim in DIMENSIONS:
            assert (built_site / "levels" / level / dim / "index.html").is_file()
    for dim in DIMENSIONS:
        assert (built_site / "dimensions" / dim / "index.html").is_file()


def test_home_matrix_links_every_cell(rendered):
    table = rendered.soup("index.md").find("table")
    headers = [th.get_text(strip=True) for th in table.find("thead").find_all("th")]
    assert headers == ["Level", *DIMENSION_NAMES]
    rows = table.find("tbody").find_all("tr")
    assert [r.find("td").find("a").get_text(" ", strip=True) for r in rows] == LEVEL_LABELS
    for row, level in zip(rows, LEVELS):
        cells = row.find_all("td")[1:]
        assert [c.find("a")["href"] for c in cells] == [f"levels/{level}/{d}/" for d in DIMENSIONS]
        assert all(len(c.get_text(strip=True)) > 20 for c in cells)


def test_every_internal_link_and_anchor_resolves(site_report):
    assert site_report.pages > 35
    assert site_report.broken == []


# A tag that makes the browser load its URL, with a URL on another origin (scheme-relative included).
# A regular expression, not a parser: one pass over 15 MB of pages instead of 86 BeautifulSoup trees.
LOADS_ELSEWHERE = re.compile(r"<(script|link|img|iframe|source|video|audio|embed)\b[^>]*?\s(?:src|href|srcset)\s*=\s*[\"']?\s*(?:https?:)?//", re.I)


def test_no_page_loads_anything_from_another_origin(built_site):
    for found in ('<script src="https://cdn.example/x.js">', "<link rel=stylesheet href=//fonts.example/a.css>",
                  '<img alt="" src="http://example.org/a.png">'):
        assert LOADS_ELSEWHERE.search(found), found  # the rule catches what it is for
    assert not LOADS_ELSEWHERE.search('<a href="https://example.org/">x</a><img src="assets/a.png" alt="">')
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not LOADS_ELSEWHERE.search(html), f"{page}: {LOADS_ELSEWHERE.search(html).group(0)}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
    for asset in built_site.rglob("*.css"):
        text = asset.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, asset


PAGE_LIMIT = 150 * 1024  # bytes of a page's HTML, uncompressed (issues #13 and #18; benchmarks/bench.py)


def test_every_page_is_at_most_150_kb(built_site):
    """Long checklists are cut into parts (a page per level or per dimension) to stay under it."""
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 100
    over = {p.relative_to(built_site).as_posix(): f"{p.stat().st_size / 1024:.0f} KB" for p in pages
            if p.stat().st_size > PAGE_LIMIT}
    assert over == {}


def test_cell_page_lists_areas_not_practices_in_its_table_of_contents(built_site):
    """The practices are in the page's opening table; the table of contents (written twice) stops at the areas."""
    page = soup(built_site / "levels" / "3-scale" / "technology" / "index.html")
    toc = page.find("nav", class_="md-nav--secondary")
    entries = [a["href"] for a in toc.find_all("a")]
    assert entries and all(href.startswith("#area-") or href == "#cost" for href in entries), entries
    assert page.find("article").find(id=entries[0][1:]) is not None


def test_nav_follows_the_data_order(built_site):
    nav = soup(built_site / "levels" / "3-scale" / "people" / "index.html").find("nav", class_="md-nav--primary")
    labels = [a.get_text(" ", strip=True) for a in nav.find_all("a", class_="md-nav__link")]
    titles = [f"Level {lv.number}: {lv.name}" for lv in BOOK.levels]
    assert [label for label in labels if label in titles][:len(titles)] == titles
    start = labels.index(titles[2])
    assert [label for label in labels[start:] if label in DIMENSION_NAMES][:len(DIMENSION_NAMES)] == DIMENSION_NAMES


def test_cell_page_shows_practices_with_anchors(rendered):
    page = rendered.soup("levels/3-scale/policy.md")
    practice_headings = [h["id"] for h in page.find_all("h3") if h.get("id", "").startswith("l3-pol-")]
    assert practice_headings == [p.id for p in BOOK.cell("3-scale", "policy").practices]
    items = page.find_all("span", class_="handbook-item")
    assert len(items) >= 8
    assert all(span["id"] == span.get_text() for span in items)


def test_tools_page_lists_named_projects_with_status(rendered):
    text = rendered.soup("tools.md").get_text(" ")
    for project in BOOK.projects:
        assert project.name in text
    assert "Graduated" in text and "Incubating" in text


def test_search_index_is_built(built_site):
    index = built_site / "search" / "search_index.json"
    assert index.is_file() and "Scale" in index.read_text(encoding="utf-8")


def test_search_finds_each_checklist_item_on_its_cell_page_not_on_every_checklist(built_site):
    """The checklist parts repeat the cell pages item for item; in the index they listed one item six times."""
    import json

    from macros.registry import PAGE_KINDS, plan_pages

    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    unsearched_kinds = {k.name for k in PAGE_KINDS if not k.searched}
    unsearched = {page.uri.removesuffix(".md") + "/" for page in plan_pages(BOOK) if page.kind in unsearched_kinds}
    assert len(unsearched) > 60  # every role's and dimension's level pages
    indexed = {doc["location"].split("#")[0] for doc in docs}
    assert not unsearched & indexed, sorted(unsearched & indexed)[:5]
    plain = [pi for pi in BOOK.items if not re.search(r"[`*_\[<&\\]", pi.item.text)]
    assert len(plain) > len(BOOK.items) / 2
    for pi in plain:
        cell = f"levels/{pi.placed.level.id}/{pi.placed.dimension.id}/#{pi.placed.practice.id}"
        holders = [doc["location"] for doc in docs if pi.item.text in doc["text"]]
        assert cell in holders, (pi.item.id, holders)
        assert not [h for h in holders if h.startswith("checklists/")], (pi.item.id, holders)


def test_credit_to_the_maturity_model_on_every_page(built_site):
    for page in ["index.html", "levels/3-scale/index.html", "tools/index.html"]:
        footer = soup(built_site / page).find("footer").get_text(" ")
        assert "CNCF Cloud Native Maturity Model" in footer and "Apache-2.0" in footer


HOSTILE = "<script>alert('x')</script> {{ 7*7 }} {% if true %}jinja-ran{% endif %} <img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    cell = "levels/1-build/business-outcomes.yml"
    files = minimal_data()
    files = edited(files, cell, ["practices", 0, "why"], HOSTILE)
    files = edited(files, cell, ["practices", 0, "steps", 0], "Run `kubectl get pods {{ x }}`{: onclick=alert(1) } now | not a cell")
    files = edited(files, cell, ["practices", 0, "checklist", 0, "text"], "# not a heading [ok](https://example.org) <b>bold</b>")
    files = edited(files, cell, ["summary"], "{{ config.site_name }} and {% raw %} <iframe src=https://evil.example>")
    project = make_site_project(tmp / "project", files)
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return tmp / "site"


@pytest.mark.slow
def test_data_text_is_never_markup_or_template(hostile_site):
    page = article(hostile_site / "levels" / "1-build" / "business-outcomes" / "index.html")
    html = str(page)
    text = page.get_text(" ")
    assert page.find("script") is None and page.find("iframe") is None and page.find("b") is None
    assert page.find("img") is None
    assert not page.find_all(attrs={"onclick": True}) and not page.find_all(attrs={"onerror": True})
    assert "{{ 7*7 }}" in text and "49" not in text
    assert "{% if true %}jinja-ran{% endif %}" in text  # shown, not evaluated
    assert "{{ config.site_name }}" in text
    assert "<script>alert('x')</script>" in text  # shown as text
    assert page.find("a", href="https://example.org") is not None  # Markdown links in prose still work
    steps = page.find("ol").find_all("li")
    assert "not a cell" in steps[0].get_text()
    assert "onclick" not in html.split("<code>")[0]


@pytest.mark.slow
def test_hostile_text_is_escaped_on_every_page_it_reaches(hostile_site):
    for page in hostile_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "alert('x')</script>" not in html.replace("&lt;script&gt;alert('x')&lt;/script&gt;", ""), page
        assert "onerror=alert" not in html or "&lt;img" in html, page


def test_cost_chart_is_an_accessible_inline_svg(rendered):
    for page in ["levels/1-build/index.md", "levels/3-scale/index.md", "levels/3-scale/business-outcomes.md"]:
        art = rendered.soup(page)
        svg = art.find("svg", class_="hb-chart")
        assert svg is not None and svg["role"] == "img", page
        title, desc = svg.find("title"), svg.find("desc")
        assert title.get_text().strip() and len(desc.get_text()) > 50
        assert set(svg["aria-labelledby"].split()) == {title["id"], desc["id"]}
        texts = [t.get_text() for t in svg.find_all("text")]
        assert any("Time" in t for t in texts) and any("Relative cost" in t for t in texts)
        assert all(f"{lv.number} " in " ".join(texts) for lv in BOOK.levels)  # every level is marked
        assert len(svg.find_all("polyline")) == 3
        assert art.find("details", class_="hb-figures").find("table") is not None


def test_level_pages_show_how_to_reach_the_next_level(rendered):
    for number, level in enumerate(LEVELS[:-1], 1):
        art = rendered.soup(f"levels/{level}/index.md")
        heading = art.find(id="next-level")
        assert heading is not None and f"Level {number + 1}" in heading.get_text()
        moves = [h for h in art.find_all("h3") if h.get("id", "").startswith(f"l{number}-to-l{number + 1}-")]
        assert 5 <= len(moves) <= 10
        for move in moves:
            following = []
            for el in move.find_next_siblings():
                if el.name in ("h2", "h3"):
                    break
                following.append(el)
            links = [a["href"] for el in following for a in el.find_all("a")]
            assert any(f"../{LEVELS[number]}/" in href for href in links), move.get_text()
            assert any("Done when" in el.get_text() for el in following)
    assert rendered.soup(f"levels/{LEVELS[-1]}/index.md").find(id="next-level") is None


def test_dimension_page_follows_each_area_across_levels(rendered):
    art = rendered.soup("dimensions/people.md")
    section = art.find(id="area-upskilling")
    table = section.find_next("table")
    rows = table.find("tbody").find_all("tr")
    assert [r.find("td").get_text(" ", strip=True) for r in rows] == LEVEL_LABELS
    assert all(r.find_all("td")[1].find("a") for r in rows)


def test_tools_page_groups_by_category_and_level(rendered):
    art = rendered.soup("tools.md")
    by_level = art.find(id="by-level").find_next("table")
    headers = [th.get_text(strip=True) for th in by_level.find_all("th")]
    assert headers == ["Project", *LEVEL_LABELS]
    rows = {r.find("td").get_text(strip=True): [td.get_text(strip=True) for td in r.find_all("td")[1:]]
            for r in by_level.find("tbody").find_all("tr")}
    assert sum(bool(cell) for cell in rows["Kubernetes"]) >= 3
    # Sandbox projects stay out of levels 1 to 3 except where the model itself names them.
    for sandbox, allowed in (("K8sGPT", []), ("Kepler", []), ("OpenTofu", [0]), ("Capsule", [1])):
        if sandbox in rows:
            assert [i for i, cell in enumerate(rows[sandbox][:3]) if cell] in ([], allowed), sandbox
    assert len(art.find_all("h2")) >= 5


def test_level_page_shows_the_cumulative_team_plan(rendered):
    book = BOOK
    table = rendered.soup("levels/3-scale/index.md").find(id="team-plan").find_next("table")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")[:3]] for tr in table.find("tbody").find_all("tr")]
    expected = [[book.role(e.role).name, book.certification(e.certification).abbreviation,
                 "Everyone in the role" if e.holders == "all" else f"At least {e.holders}"] for e in book.staffing_plan("3-scale")]
    assert rows == expected
    assert len(rows) > len(book.level("3-scale").staffing)  # earlier levels' targets carry forward
