"""The self-assessment's browser scripts write no English of their own: every word a user sees
(labels, hints, messages, file headers) comes from the catalogue through HA.t / HA.tn (dom.js).

Fast: reads the scripts as text, no browser. tests/test_i18n.py checks the German page in a browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ENGLISH_MESSAGES as ENGLISH
from conftest import ROOT

SCRIPTS = ROOT / "docs" / "assets" / "javascripts" / "assessment"
# The catalogue's browser part: what the page data hands to HA.t (macros/render/assessment.py, BROWSER_MESSAGES).
PAGE_ONLY = {"assessment.intro", "assessment.noscript"}  # written into the page by Python, not by a script
BROWSER = {k for k in ENGLISH if k.startswith("assessment.") and k not in PAGE_ONLY}

# String literals that look like English text but are not a label, and why.
NOT_LABELS = {
    "use strict": "the directive",
    "Enter": "a key name (KeyboardEvent.key)",
    "Tab": "a key name (KeyboardEvent.key)",
    "Escape": "a key name (KeyboardEvent.key)",
    "noopener noreferrer": "a link's rel attribute",
    ".json,application/json": "a file input's accept attribute",
    "targets.": "a field path of the answers file (targets.<dimension id>), the file format",
    "{status, note}": "the JSON shape an answers file must have, in a message about the file format",
    # Shown only when the page data (and so the catalogue) did not load: nothing to translate it with.
    "The self-assessment data could not be loaded (assets/javascripts/handbook-assessment-data.js).": "no catalogue without the data",
}

_TOKEN = re.compile(r"//[^\n]*|/\*.*?\*/|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'", re.S)
_KEY = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+\.?$|^[a-z0-9_.]+_$")


def literals(path: Path) -> list[tuple[int, str]]:
    """The string literals of a script (comments skipped), with their line numbers."""
    text = path.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, m.group(0)[1:-1]) for m in _TOKEN.finditer(text) if m.group(0)[0] in "\"'"]


def looks_like_text(literal: str) -> bool:
    """Words a person reads: two words in a row, a capitalised word, or a sentence's end.
    HTML fragments of checklist.js count by their text between the tags only."""
    if _KEY.match(literal):
        return False
    text = re.sub(r"<[^>]*(>|$)|^[^<]*?\">|^[^<\s]*>", " ", literal)
    if all(re.fullmatch(r"[a-z0-9]+(--?[a-z0-9]+)+-?", word) or "=" in word or ":" in word for word in text.split()):
        return False  # CSS classes, element ids, attributes
    return bool(re.search(r"[A-Za-z]{2,}[ ,;]+[A-Za-z]{2,}", text) or re.fullmatch(r"\s*[A-Z][a-z]+(-[a-z]+)*\s*", text)
                or re.search(r"[a-z]{2,}[.:?!]\s*$", text))


def script_keys() -> dict[str, set[str]]:
    """Keys (and key prefixes, for keys built from a status or a column) each script names."""
    found: dict[str, set[str]] = {}
    for path in sorted(SCRIPTS.glob("*.js")):
        found[path.name] = {lit for _, lit in literals(path) if lit.startswith(("assessment.", "column.", "level."))}
    return found


def test_no_english_text_in_the_scripts():
    left = [f"{path.name}:{line}: {lit!r}" for path in sorted(SCRIPTS.glob("*.js")) for line, lit in literals(path)
            if looks_like_text(lit) and lit not in NOT_LABELS]
    assert not left, "write these through HA.t with a key in data/messages/en.yml:\n" + "\n".join(left)


def test_the_check_finds_a_hard_coded_label():
    for label in ("Export answers", "Checklist", "Nothing was changed.", "Done looks like:",
                  '<summary>Evidence</summary>', '">Re-validate</span>'):
        assert looks_like_text(label), label
    for other in ("ha-table ha-heatmap", "assessment.plan.heading", "assessment.status.", "text/csv",
                  '<option value="', '<span class="ha-prio ha-prio-', "ha-radar-title ha-radar-desc", "T00:00:00Z"):
        assert not looks_like_text(other), other


@pytest.mark.parametrize("script", sorted(p.name for p in SCRIPTS.glob("*.js")))
def test_every_key_a_script_names_is_in_the_catalogue(script):
    keys = script_keys()[script]
    text = (SCRIPTS / script).read_text(encoding="utf-8")
    counted = set(re.findall(r"\btn\(\s*\"([a-z0-9_.]+)\"", text))
    for key in keys:
        if key.endswith((".", "_")) or key in {"assessment.tools.merged", "assessment.tools.imported"}:
            assert any(k.startswith(key) for k in ENGLISH), key  # a prefix: the rest is a status, a column ...
        elif key in counted:
            assert f"{key}.one" in ENGLISH and f"{key}.other" in ENGLISH, key
        else:
            assert key in ENGLISH, key


def test_every_browser_key_is_used():
    """A key no script (nor the plan's Python twin) reads is left over from a change."""
    named = set().union(*script_keys().values())
    named |= set(re.findall(r"\"(assessment\.[a-z0-9_.{}]+)\"", (ROOT / "macros" / "planexport.py").read_text(encoding="utf-8")))
    named = {re.sub(r"\{.*", "", key) for key in named}  # f"assessment.planexport.csv_{column}" -> its prefix
    unused = [k for k in sorted(BROWSER) if not any(k == n or k.startswith(n + ".") or (n.endswith(("_", ".")) and k.startswith(n))
                                                    or (n in {"assessment.tools.merged", "assessment.tools.imported"} and k.startswith(n))
                                                    for n in named)]
    assert not unused, unused


def test_counted_texts_have_both_forms():
    """HA.tn and Messages.count pick key.one for 1 and key.other otherwise: English and German need no more."""
    ones = {k.removesuffix(".one") for k in ENGLISH if k.endswith(".one")}
    others = {k.removesuffix(".other") for k in ENGLISH if k.endswith(".other")}
    assert ones == others
    assert all("{count}" in ENGLISH[f"{k}.{form}"] for k in ones for form in ("one", "other"))
