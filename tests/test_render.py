"""Every page kind, rendered in this process (tests/inprocess.py): fast, and complete by construction.

The kinds come from the page plan, so a page kind added to the engine is rendered and checked
here without anyone adding a test. The built-site tests check what surrounds the article.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from inprocess import first_of_each_kind

from macros.loader import load_handbook
from macros.registry import plan_pages

BOOK = load_handbook(ROOT / "data")
PLAN = plan_pages(BOOK)
FIRST_OF_KIND = first_of_each_kind(PLAN)
TEMPLATE = re.compile(r"\{\{|\{%|%\}|\}\}")


def test_the_plan_has_every_kind_of_page():
    from macros.registry import PAGE_KINDS

    # Every kind of the registry with a page on the real data, each page's source calling its kind's macro.
    assert set(FIRST_OF_KIND) == {k.name for k in PAGE_KINDS if k.instances(BOOK)}
    assert {"home_page", "level_page", "cell_page", "dimension_page", "role_page", "role_checklist",
            "role_level_checklist", "training_page", "workshop_pack", "assessment_page"} <= set(FIRST_OF_KIND)
    assert all("{{ " + p.kind + "(" in p.source for p in PLAN)


@pytest.mark.parametrize("kind", sorted(FIRST_OF_KIND))
def test_each_kind_of_page_renders_a_sound_article(kind, rendered):
    page = FIRST_OF_KIND[kind]
    soup = rendered.soup(page.uri)
    assert len(soup.find_all("h1")) == 1, page.uri
    assert all(h.get("id") for h in soup.find_all(re.compile("^h[1-6]$"))), "every heading is a link target"
    assert not TEMPLATE.search(soup.get_text()), "template syntax reached the page"
    # Page styles live in stylesheets (<style> is valid only in <head>); scripts are data islands or
    # files of the site, never inline code (the server's Content-Security-Policy allows none).
    assert soup.find("style") is None
    for script in soup.find_all("script"):
        assert script.get("type") == "application/json" or (script.get("src") and not script.string), script
        assert not re.match(r"(https?:)?//", script.get("src", "")), script
    items = {pi.item.id for pi in rendered.handbook.items} | {r.id for c in rendered.handbook.certifications for r in c.readiness}
    assert {tr["id"] for tr in soup.select("tr.hb-item")} <= items


def test_every_page_renders_and_every_link_and_anchor_resolves(rendered):
    """What `mkdocs build --strict` checks (links to pages and #anchors), over every page, in process."""
    pages = [f.src_uri for f in rendered.files.documentation_pages()]
    assert {p.uri for p in PLAN} <= set(pages)
    for uri in pages:
        rendered.article(uri)
    rendered.check_anchors()
    assert rendered.warnings.messages == []


def test_a_broken_link_is_caught(tmp_path):
    """The in-process rendering reports what a strict build fails on: here a link to a missing anchor."""
    from factory import make_site_project, minimal_data
    from inprocess import Site

    project = make_site_project(tmp_path / "project", minimal_data())
    (project / "docs" / "about.md").write_text("# About\n\n[gone](data-format.md#no-such-anchor)\n", encoding="utf-8")
    site = Site(project)
    try:
        site.article("about.md")
        site.article("data-format.md")
        site.check_anchors()
        assert any("no-such-anchor" in m for m in site.warnings.messages), site.warnings.messages
    finally:
        site.close()
