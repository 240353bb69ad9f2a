"""Holes a newcomer's trial found: data islands, script schemes in prose, variant logos."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import handbook, mkdocs_build, serve
from factory import make_site_project, minimal_data, write_data

HOSTILE = "Close the <!-- <script> comment & say a > b \u2028 on two lines"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """A small site whose first checklist item holds text that used to end the data island early."""
    root = tmp_path_factory.mktemp("hostile")
    files = minimal_data()
    files["levels/1-build/people.yml"]["practices"][0]["checklist"][0]["text"] = HOSTILE
    project = make_site_project(root / "project", files)
    site = root / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.slow
def test_assessment_data_escapes_every_angle_bracket_and_ampersand(hostile_site):
    """The items reach the page as a script (window.HANDBOOK_ASSESSMENT = {...}): no < > & or U+2028 in it."""
    script = (hostile_site / "assets" / "javascripts" / "handbook-assessment-data.js").read_text(encoding="utf-8")
    payload = script.removeprefix("window.HANDBOOK_ASSESSMENT = ").rstrip().removesuffix(";")
    assert not re.search("[<>&\u2028\u2029]", payload)
    items = json.loads(payload)["items"]
    assert HOSTILE in [i["text"] for i in items]


@pytest.mark.slow
def test_assessment_renders_every_item_despite_comment_and_script_text(hostile_site, page):
    server = serve(hostile_site)
    try:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/assessment/")
        page.wait_for_selector("#handbook-assessment[data-ha-ready='1']", state="attached")
        items = page.eval_on_selector_all("li.ha-item", "els => els.map(e => e.dataset.item)")
        expected = sorted(f"l{n}-{d}-practice-{p}-{i}" for n in (1, 2) for d in ("bo", "ppl") for p in (1, 2) for i in (1, 2))
        assert sorted(items) == expected
        shown = page.locator("li.ha-item[data-item='l1-ppl-practice-1-1'] .ha-text").text_content()
        assert "<!-- <script> comment & say a > b" in shown
        assert errors == []
    finally:
        server.shutdown()


@pytest.mark.slow
def test_prose_may_mention_javascript_urls_in_inline_code(tmp_path):
    """A security handbook must be able to say "reject `javascript:` URLs"."""
    files = minimal_data()
    files["levels/1-build/people.yml"]["practices"][0]["why"] = "Reject `javascript:` URLs and `<a href=\"javascript:x\">` in input."
    project = make_site_project(tmp_path / "project", files)
    assert handbook("validate", cwd=project).returncode == 0
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    html = (site / "levels" / "1-build" / "people" / "index.html").read_text(encoding="utf-8")
    assert "<code>javascript:</code>" in html
    assert '<a href="javascript' not in html and "&lt;a href=" in html


@pytest.mark.slow
def test_a_logo_symlinked_out_of_the_variant_is_never_published(tmp_path):
    project = make_site_project(tmp_path / "project", minimal_data())
    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg"><text>build machine secret</text></svg>\n', encoding="utf-8")
    variant = write_data(tmp_path / "variant", {"variant.yml": {"name": "T", "prefix": "t", "site": {"logo": "logo.svg"}}})
    (variant / "logo.svg").symlink_to(secret)
    site = tmp_path / "site"
    result = mkdocs_build(project, site, HANDBOOK_VARIANT=str(variant))
    assert result.returncode == 1 and "is a symlink leading out of the variant directory" in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists() or not any("build machine secret" in p.read_text(errors="ignore") for p in site.rglob("*") if p.is_file())


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 8 8">{}</svg>\n'
REFUSED_SVG = {
    "foreign object": ('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>', "<foreignObject> element"),
    "xlink to another file": ('<use xlink:href="other.svg#a"/>', "refers to 'other.svg#a'"),
    "style url": ('<rect style="fill: url(https://example.org/x.png)" width="8" height="8"/>', "loads another file"),
    "style element import": ("<style>@import url(#x);</style>", "loads another file"),
    "event handler on a child": ('<rect onclick="x()" width="8" height="8"/>', "onclick= on <rect>"),
    "not svg at all": (None, "root element is 'html'"),
}


@pytest.mark.parametrize("case", sorted(REFUSED_SVG))
def test_svg_logo_rules(case, tmp_path):
    from macros.variant import logo_problem

    body, message = REFUSED_SVG[case]
    (tmp_path / "logo.svg").write_text(SVG.format(body) if body else "<html><body>x</body></html>", encoding="utf-8")
    refused = logo_problem(tmp_path, "logo.svg")
    assert refused is not None and message in refused


def test_a_plain_svg_logo_with_internal_references_passes(tmp_path):
    from macros.variant import logo_problem

    body = ('<defs><linearGradient id="g"><stop offset="0" stop-color="#123456"/></linearGradient></defs>'
            '<rect width="8" height="8" style="fill: url(#g)"/><use href="#g"/>')
    (tmp_path / "logo.svg").write_text(SVG.format(body), encoding="utf-8")
    assert logo_problem(tmp_path, "logo.svg") is None
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    assert logo_problem(tmp_path, "logo.png") is None
