"""The handbook in a real browser: pages render, navigation works, search finds content offline."""

from __future__ import annotations

import pytest


def test_home_page_renders_the_matrix_and_links_work(page, served_site):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served_site + "/")
    assert page.locator("article table").first.is_visible()
    page.locator("article table a", has_text="3 Scale").first.click()
    page.wait_for_url("**/levels/3-scale/")
    assert page.locator("h1").inner_text().startswith("Level 3: Scale")
    outside = [u for u in requests if not u.startswith(served_site) and not u.startswith("data:") and not u.startswith("blob:")]
    assert outside == []


@pytest.mark.real_search
def test_search_finds_a_practice_offline(page, served_site):
    page.goto(served_site + "/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").fill("lighthouse")
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=15000)
    assert "lighthouse" in page.locator(".md-search-result").inner_text().lower()


def test_browser_tests_get_an_empty_search_index_unless_they_search(browser, served_site):
    """tests/conftest.py serves tests that never search an index with no documents (Material's worker
    indexed the whole site on every page load); a test that searches asks for the real one."""
    for real in (False, True):
        context = browser.new_context(real_search=real)
        try:
            page = context.new_page()
            page.goto(served_site + "/")
            docs = page.evaluate("() => fetch('search/search_index.json').then(r => r.json()).then(i => i.docs.length)")
            assert docs > 1000 if real else docs == 0, (real, docs)
        finally:
            context.close()
