"""Practice dependencies and effort as readers see them: cell and level pages, the picture, exports.

The refusals (unknown id, higher level, cycle, effort off the scale, a variant removing a practice
others require) are cases of the bad-input corpus, run through `handbook validate`
(tests/bad_inputs/requires-*, effort-not-in-scale, variant-removes-required-practice).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import posixpath
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, require_pdftotext
from factory import minimal_data, write_data

from macros.loader import load_handbook
from macros.render.depgraph import render_dependency_graph

LEVEL_PAGE_LIMIT = 150 * 1024


@functools.cache
def soup(path: Path) -> BeautifulSoup:
    """Each built page parsed once (read only): the link checks below open the same 25 cell pages
    for every one of their ~600 links, which took minutes when each was parsed anew."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def book():
    return load_handbook(ROOT / "data")


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The built file and the anchor a relative link from `page` points to."""
    path, _, anchor = href.partition("#")
    assert not re.match(r"^[a-z]+:|^/", path), f"{href} is not a relative link"
    target = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), path))
    return site / target / "index.html", anchor


def practice_ids_linked(site: Path, page: Path, paragraph) -> list[str]:
    """Ids of the practices a paragraph links to; each link must reach a page holding that anchor."""
    ids = []
    for a in paragraph.find_all("a"):
        target, anchor = resolve(site, page, a["href"])
        assert target.is_file(), f"{page}: {a['href']} leads nowhere"
        assert soup(target).find(id=anchor) is not None, f"{page}: {a['href']} has no #{anchor} there"
        ids.append(anchor)
    return ids


def labelled(heading, label: str):
    """The paragraph starting with **label:** in a practice's section (before the next heading)."""
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h2", "h3"):
            return None
        strong = sibling.find("strong") if sibling.name == "p" else None
        if strong is not None and strong.get_text() == label and sibling.contents[0] is strong:
            return sibling
    return None


def test_each_practice_links_what_it_builds_on_and_what_it_unlocks(built_site, book):
    checked = 0
    for level in book.levels:
        for dim in book.dimensions:
            page = built_site / "levels" / level.id / dim.id / "index.html"
            art = soup(page).find("article")
            for pp in book.practices_where(level=level.id, dimension=dim.id):
                p = pp.practice
                heading = art.find("h3", id=p.id)
                builds_on, unlocks = labelled(heading, "Builds on:"), labelled(heading, "Unlocks:")
                expected_unlocks = [x.practice.id for x in book.practices if p.id in x.practice.requires]
                assert (practice_ids_linked(built_site, page, builds_on) if builds_on else []) == list(p.requires), p.id
                assert (practice_ids_linked(built_site, page, unlocks) if unlocks else []) == expected_unlocks, p.id
                checked += bool(builds_on) + bool(unlocks)
    assert checked > 262  # most practices build on something, and most are built on


def test_each_practice_shows_its_effort_in_words(built_site, book):
    page = built_site / "levels" / "2-operate" / "technology" / "index.html"
    art = soup(page).find("article")
    p = book.practice("l2-tech-gitops-delivery").practice
    size = book.effort_size(p.effort)
    owners = labelled(art.find("h3", id=p.id), "Owners:")
    assert f"Effort: {size.label} ({size.description})" in owners.get_text(" ", strip=True).replace(" ,", ",")


@pytest.mark.parametrize("level", ["1-build", "2-operate", "3-scale", "4-improve", "5-adapt"])
def test_level_page_draws_the_dependencies_as_an_accessible_svg_with_a_list(built_site, book, level):
    page = built_site / "levels" / level / "index.html"
    assert page.stat().st_size <= LEVEL_PAGE_LIMIT, f"{page}: {page.stat().st_size} bytes"
    art = soup(page).find("article")
    svg = art.find("svg", id="dependency-graph")
    assert svg is not None and svg["role"] == "img"
    title, desc = svg.find("title", recursive=False), svg.find("desc", recursive=False)
    assert title.get_text() == f"Practice dependencies at Level {book.level(level).number}: {book.level(level).name}"
    assert svg["aria-labelledby"].split() == [title["id"], desc["id"]] and desc.get_text().strip()
    assert svg.find("script") is None and svg.find("image") is None and svg.find("foreignobject") is None

    own = book.practices_where(level=level)
    relations = [(r, pp.practice.id) for pp in own for r in pp.practice.requires]
    lower = {r for r, _ in relations if book.practice(r).level.id != level}
    arrows = svg.select("g.hb-dep-edges > path")
    boxes = svg.select("g.hb-dep-nodes > text")
    assert len(arrows) == len(relations)
    assert len(boxes) == len(own) + len(lower)
    # A box for each practice shown; the dashed ones are the lower-level ones.
    assert sorted(t["data-practice"] for t in boxes) == sorted({pp.practice.id for pp in own} | lower)
    dashed = svg.find("g", attrs={"stroke-dasharray": True})
    assert len(dashed.find_all("rect")) == len(lower)
    # Print: no text smaller than 11 px in the 900-unit picture (about 9 px on A4).
    sizes = [int(el["font-size"]) for el in [svg, *svg.find_all(attrs={"font-size": True})]]
    assert min(sizes) >= 11 and int(svg["viewbox"].split()[2]) <= 900  # html.parser lowercases names

    # The same content as a list: one entry per practice, one sub-entry per requires relation.
    listing = art.find("details", class_="hb-dep-list")
    assert listing.find("summary").get_text() == "Dependencies as a list"
    top = listing.find("ul").find_all("li", recursive=False)
    assert len(top) == len(own)
    listed = []
    for li, pp in zip(top, own):
        first = li.find("a")
        assert first["href"].endswith("#" + pp.practice.id)
        sub = li.find("ul")
        listed += [(a["href"].rpartition("#")[2], pp.practice.id) for a in (sub.find_all("a") if sub else [])]
    assert listed == relations


def test_the_picture_prints_as_text_without_the_list(built_site, page, tmp_path):
    """On paper the picture's titles are real text (not an image), in black, and the list is left out."""
    require_pdftotext()
    page.goto((built_site / "levels" / "1-build" / "index.html").as_uri(), wait_until="load")
    page.emulate_media(media="print")
    pdf = tmp_path / "level.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Practice dependencies at Level 1: Build" in printed
    assert "Rank the business" in printed and "An arrow points to the practice" in printed
    assert "Dependencies as a list" not in printed


def test_exports_carry_requires_and_effort(built_site, book):
    raw = (built_site / "exports" / "checklist.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    columns = list(rows[0])
    assert columns.index("practice_requires") == columns.index("practice_effort") + 1
    for row in rows:
        p = book.practice(row["practice"]).practice
        assert row["practice_effort"] == p.effort
        assert row["practice_requires"].split() == list(p.requires)
    assert any(len(row["practice_requires"].split()) >= 2 for row in rows)

    data = json.loads((built_site / "exports" / "handbook.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["model"]["effort_scale"]] == ["s", "m", "l"]
    practices = {p["id"]: p for lv in data["levels"] for cell in lv["cells"].values() for p in cell["practices"]}
    assert len(practices) == len(book.practices)
    for pp in book.practices:
        assert practices[pp.practice.id]["effort"] == pp.practice.effort
        assert practices[pp.practice.id]["requires"] == list(pp.practice.requires)


# ---- in process, on the small data set of tests/factory.py --------------------------------


@pytest.fixture(scope="module")
def small_book(tmp_path_factory):
    return load_handbook(write_data(tmp_path_factory.mktemp("small") / "data", minimal_data()))


def test_picture_shows_lower_level_and_other_dimension_prerequisites(small_book):
    out = render_dependency_graph(small_book, "2-operate", "levels/2-operate/index.md")
    html = BeautifulSoup(out, "html.parser")
    svg = html.find("svg")
    # Level 2's four practices require l1-bo-practice-1, l1-bo-practice-2 and l1-ppl-practice-2.
    assert len(svg.select("g.hb-dep-nodes > text")) == 4 + 3
    assert len(svg.select("g.hb-dep-edges > path")) == 5
    assert [t.get_text() for t in svg.find_all("text") if t.get("font-weight") is None and t.parent.name == "g"
            and "Level" in t.get_text()] == ["Level 1: Build (prerequisites)", "Level 2: Operate"]
    # The list (Markdown inside <details>): the people practice that builds on a business outcomes
    # practice says where each prerequisite lives.
    listing = out[out.index("Dependencies as a list"):]
    entry = listing[listing.index("(people.md#l2-ppl-practice-1)"):].split("\n")[:3]
    assert entry[0].endswith("(People) builds on:")
    assert entry[1] == "    - [Practice 2 of level 1](../1-build/people.md#l1-ppl-practice-2) (Build · People)"
    assert entry[2] == ("    - [Practice 1 of level 1](../1-build/business-outcomes.md#l1-bo-practice-1)"
                        " (Build · Business Outcomes)")


def test_same_data_same_picture(small_book, tmp_path):
    again = load_handbook(write_data(tmp_path / "data", minimal_data()))
    first = render_dependency_graph(small_book, "2-operate", "levels/2-operate/index.md")
    assert render_dependency_graph(again, "2-operate", "levels/2-operate/index.md") == first


def on_edge(x: int, y: int, rect: tuple[int, int, int, int]) -> bool:
    left, top, width, height = rect
    inside = left <= x <= left + width and top <= y <= top + height
    return inside and (x in (left, left + width) or y in (top, top + height))


def test_arrows_leave_the_prerequisite_and_enter_the_practice(small_book):
    """Each path starts on the edge of its prerequisite's box and ends on the edge of its practice's box."""
    svg = BeautifulSoup(render_dependency_graph(small_book, "2-operate", "levels/2-operate/index.md"), "html.parser")
    boxes = {t["data-practice"]: t for t in svg.select("g.hb-dep-nodes > text")}
    rects = svg.find_all("rect")
    assert len(rects) == len(boxes)

    def rect_of(practice_id: str) -> tuple[int, int, int, int]:
        """The box whose top-left corner is just above and left of the practice's text."""
        text_x, text_y = int(boxes[practice_id]["x"]), int(boxes[practice_id]["y"])
        r = next(r for r in rects if int(r["x"]) + 6 == text_x and int(r["y"]) + 16 == text_y)
        return int(r["x"]), int(r["y"]), int(r["width"]), int(r["height"])

    pairs = [(r, pp.practice.id) for pp in small_book.practices_where(level="2-operate") for r in pp.practice.requires]
    paths = svg.select("g.hb-dep-edges > path")
    assert len(paths) == len(pairs) == 5
    for (source, target), path in zip(pairs, paths):
        x1, y1, *_, x2, y2 = map(int, re.findall(r"-?\d+", path["d"]))
        assert on_edge(x1, y1, rect_of(source)), (source, path["d"])
        assert on_edge(x2, y2, rect_of(target)), (target, path["d"])
