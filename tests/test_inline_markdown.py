"""The checklist rows' inline Markdown: the fast path for plain text gives what Python-Markdown gives."""

from __future__ import annotations

import markdown
import pytest
from conftest import ROOT

from macros.loader import load_handbook
from macros.render.markdown import inline_html, prose

TRICKY = [
    "# not a heading", "1. not a list", "- not a bullet", "+ nor this", "> nor a quote", "a * b * c", "snake_case_name",
    "`kubectl get pods`", "[a link](https://example.org)", "![image](https://example.org/x.png)", "<b>bold</b>",
    "AT&T and &copy;", "{{ 7*7 }} {% raw %}", "a | b", "!", "  spaced   out  ", "", "back\\slash", "https://example.org",
    "<https://example.org>", "2 > 1 < 3", "***", "__init__", "a  \nb", "tab\there", "*emphasis* and **strong**",
]


def _reference(value: str) -> str:
    html = markdown.Markdown(extensions=[]).convert(prose(value))
    return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") else html


@pytest.mark.parametrize("value", TRICKY)
def test_inline_html_matches_python_markdown(value):
    assert inline_html(value) == _reference(value)


def test_inline_html_matches_python_markdown_for_every_checklist_text():
    handbook = load_handbook(ROOT / "data")
    texts = {t for pi in handbook.items for t in (pi.item.text, pi.item.done_looks_like)}
    texts |= {t for c in handbook.certifications for r in c.readiness for t in (r.text, r.done_looks_like)}
    assert len(texts) > 100
    assert [t for t in sorted(texts) if inline_html(t) != _reference(t)] == []
