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
