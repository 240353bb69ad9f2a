"""The handbook in another language: the message catalogue, its checks and the German example.

The German example (examples/de) brings the whole catalogue; no English engine label may be left
on a page the engine generates. Data the example did not translate stays English, and is allowed.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, handbook, mkdocs_build
from factory import minimal_data, write_data

from macros.exports import CSV_COLUMNS
from macros.loader import load_handbook
from macros.messagekeys import listed_keys, scan
from macros.model import PLACEHOLDER
from macros.pages import EVIDENCE_URI
from macros.problems import DataError
from macros.registry import plan_pages
from macros.render.markdown import built_file

EXAMPLE = ROOT / "examples" / "de"
ENGLISH = yaml.safe_load((ROOT / "data" / "messages" / "en.yml").read_text(encoding="utf-8"))["messages"]
GERMAN = yaml.safe_load((EXAMPLE / "messages" / "de.yml").read_text(encoding="utf-8"))["messages"]
NUMBERS = {"number", "count", "threshold", "weeks", "hours", "hours_per_week", "total", "lower", "arrows"}
LEVEL = r"(?:Level|Stufe) \d+: .+"  # a {level} placeholder holds a level's title, in either language
# Where the engine writes labels: headings, table headers, buttons, captions, bold lead-ins.
LABELS = "article h1, article h2, article h3, article h4, article th, article button, article a.md-button, " \
         "article summary, article figcaption, article caption, article strong"


def _pattern(template: str) -> re.Pattern[str] | None:
    """The English label as a regular expression, its placeholders as wildcards; None when too
    little of it is words to tell it from data (``{number} {name}``, ``L{number} {dimension}``).
    Its Markdown marks (``*Passes when:*``, ```handbook evidence```) are not in the page's text."""
    parts = PLACEHOLDER.split(re.sub(r"[*`]", "", template))
    if sum(c.isalpha() for c in "".join(parts[::2])) < 3:
        return None
    wildcard = {**dict.fromkeys(NUMBERS, r"\d+"), "level": LEVEL}
    return re.compile("".join(re.escape(p) if i % 2 == 0 else wildcard.get(p, ".+") for i, p in enumerate(parts)))


def _text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).replace("¶", "").split())


@pytest.fixture(scope="module")
def german_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("de") / "site"
    result = mkdocs_build(ROOT, site, HANDBOOK_VARIANT=str(EXAMPLE))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_the_german_catalogue_translates_every_entry():
    assert set(GERMAN) == set(ENGLISH)
    # Words that are the same in both languages (Agenda, Format, Sandbox ...) are few.
    same = [k for k in ENGLISH if ENGLISH[k] == GERMAN[k]]
    assert len(same) < len(ENGLISH) // 10, same


@pytest.mark.slow  # builds the German example
def test_no_english_engine_label_on_a_generated_page(german_site):
    # An English text that is also a German one ("Start": a table column in English, the home page in German) tells nothing.
    # The browser scripts' labels (assessment.plan.*) are checked in the browser, below.
    english = {key: p for key, t in ENGLISH.items()
               if t not in GERMAN.values() and not key.startswith("assessment.plan.") and (p := _pattern(t))}
    german = {key: p for key, t in GERMAN.items() if t != ENGLISH[key] and (p := _pattern(t))}
    handbook = load_handbook(ROOT / "data", EXAMPLE)
    left, seen = [], set()
    for page in plan_pages(handbook):
        html = BeautifulSoup((german_site / built_file(page.uri)).read_text(encoding="utf-8"), "html.parser")
        labels = [_text(e) for e in html.select(LABELS)]
        labels += [_text(e) for e in html.select("nav.md-nav--primary label.md-nav__link, nav.md-nav--primary a.md-nav__link")]
        # The footer (variant, credit), the lead-ins in italics (Tool evidence:) and the links to the evidence page.
        labels += [part for e in html.select("footer .md-copyright") for part in _text(e).split(" · ")]
        labels += [_text(e) for e in html.select('article em, article a[href*="evidence/"]')]
        for label in set(labels):
            left += [(page.uri, label, key) for key, p in english.items() if p.fullmatch(label.rstrip(":").strip())
                     or p.fullmatch(label)]
            seen |= {key for key, p in german.items() if p.fullmatch(label)}
        if page.uri == EVIDENCE_URI:  # its paragraphs and list items are sentences of the evidence.* entries
            for sentence in {_text(e) for e in html.select("article p, article li")}:
                left += [(page.uri, sentence, key) for key, p in english.items() if key.startswith("evidence.")
                         and p.fullmatch(sentence)]
                seen |= {key for key, p in german.items() if key.startswith("evidence.") and p.fullmatch(sentence)}
    assert not left, left[:20]
    # The check reads the right elements: the German labels are there instead.
    for key in ("practice.steps", "practice.owners", "column.checklist_items", "nav.levels", "nav.by_level",
                "level.dimensions", "workshop.scoring", "print.button", "checklist.column_owner", "depgraph.as_list",
                "evidence.intro", "evidence.policy_report", "evidence.policy_report_how", "evidence.check_item",
                "evidence.tool_evidence", "evidence.rule_scorecard", "footer.credit", "print.variant"):
        assert key in seen, key


@pytest.mark.slow  # builds the German example
def test_the_german_site_says_it_is_german(german_site):
    home = BeautifulSoup((german_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.html["lang"] == "de"  # mkdocs-material's theme.language, so its own texts are German too
    assert home.select_one("input.md-search__input")["placeholder"] == "Suche"
    tools = BeautifulSoup((german_site / "tools/index.html").read_text(encoding="utf-8"), "html.parser")
    assert tools.select_one("title").get_text().startswith("Werkzeuge - ")  # a page title the engine makes
    level = BeautifulSoup((german_site / "levels/1-build/index.html").read_text(encoding="utf-8"), "html.parser")
    assert _text(level.select_one("article h1")) == "Stufe 1: Aufbau"  # the example's translated data
    css = (german_site / "checklists/levels/1-build/index.html").read_text(encoding="utf-8")
    assert '"Seite " counter(page) " von " counter(pages)' in css  # the print footer
    search = json.loads((german_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert search["config"]["lang"] == ["de"]  # German stemming for the search


@pytest.mark.slow  # builds the German example
def test_the_csv_header_is_in_the_catalogue_language(german_site):
    header = (german_site / "exports" / "checklist.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",") == [GERMAN[f"csv.{c}"] for c in CSV_COLUMNS]


@pytest.mark.slow  # builds the German example and prints with the browser
def test_a_printed_workshop_pack_is_german_blank_pages_included(german_site, browser, tmp_path):
    from conftest import require_pdftotext, run

    from macros.pdf import print_with_browser
    from macros.registry import printed_checklists

    require_pdftotext()
    site = tmp_path / "site"
    shutil.copytree(german_site, site)
    handbook = load_handbook(ROOT / "data", EXAMPLE)
    pack = [c for c in printed_checklists(handbook) if c.pdf_name == "workshop-3-scale"]  # with its parts
    [pdf] = print_with_browser(browser, site, pack, papers=("a4",), blank_page=handbook.messages("print.blank_page"))
    text = " ".join(run(["pdftotext", "-layout", str(pdf), "-"]).stdout.split())
    assert GERMAN["print.blank_page"] in text and ENGLISH["print.blank_page"] not in text
    assert "Variante Beispiel GmbH" in text and "Datenstand" in text and "Data version" not in text  # the running header


ENGLISH_CSV = [k.removeprefix("csv.") for k in ENGLISH if k.startswith("csv.")]


# ---- validation of a catalogue (in process) ----------------------------------------------------


@pytest.fixture(autouse=True)
def _in_tmp(request, tmp_path, monkeypatch):
    """Problems name files relative to the working directory, as a person running validate sees them."""
    if "german_site" not in request.fixturenames:
        monkeypatch.chdir(tmp_path)


def _load(tmp_path: Path, messages: dict | None, *, language: str = "de", name: str = "de") -> list[str]:
    write_data(tmp_path / "data", minimal_data())
    variant = {"variant.yml": {"name": "Beispiel", "prefix": "bsp", "language": language}}
    if messages is not None:
        variant[f"messages/{name}.yml"] = {"language": name, "messages": messages}
    write_data(tmp_path / "variant", variant)
    try:
        load_handbook(tmp_path / "data", tmp_path / "variant")
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return []


def test_a_complete_catalogue_loads(tmp_path):
    assert _load(tmp_path, dict(GERMAN)) == []


def test_a_missing_entry_is_named_with_its_english_text(tmp_path):
    messages = {k: v for k, v in GERMAN.items() if k != "column.owners"}
    problems = _load(tmp_path, messages)
    assert problems == ["variant/messages/de.yml:2: messages: missing message 'column.owners' (English: 'Owners')"]


def test_an_unknown_key_is_named_at_its_line(tmp_path):
    problems = _load(tmp_path, {**GERMAN, "column.owner": "Verantwortlich"})
    assert len(problems) == 1 and "messages.column.owner: unknown message 'column.owner'" in problems[0]
    assert re.match(r"variant/messages/de\.yml:\d+:", problems[0])


def test_placeholders_must_match_the_english_entry(tmp_path):
    problems = _load(tmp_path, {**GERMAN, "level.title": "Stufe {nummer}: {name}"})
    assert any("placeholder {nummer} is not in the English message 'Level {number}: {name}'" in p for p in problems), problems
    assert any("lacks the placeholder {number} of the English message" in p for p in problems), problems


def test_a_language_without_a_catalogue_is_refused(tmp_path):
    problems = _load(tmp_path, None, language="fr")
    assert len(problems) == 1 and "variant/variant.yml:3: language: no catalogue for 'fr'" in problems[0]


def test_markup_in_a_catalogue_entry_is_refused(tmp_path):
    problems = _load(tmp_path, {**GERMAN, "practice.steps": "<b>Schritte</b>"})
    assert len(problems) == 1 and "messages.practice.steps: expected text without < > &" in problems[0]


def test_the_file_name_is_the_language(tmp_path):
    write_data(tmp_path / "data", {**minimal_data(), "messages/fr.yml": {"language": "de", "messages": dict(GERMAN)}})
    with pytest.raises(DataError) as caught:
        load_handbook(tmp_path / "data")
    assert "language: expected 'fr', the file's name, found 'de'" in caught.value.report()


def test_the_list_of_message_keys_the_engine_uses_is_current():
    """macros/message-keys.txt, which validate checks catalogues against, is what the code names today."""
    result = handbook("message-keys", "--check", "--data", str(ROOT / "data"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_key_the_code_names_is_in_the_english_catalogue():
    assert scan(ROOT / "macros", ENGLISH).unknown(ENGLISH) == []
    assert set(listed_keys()) <= set(ENGLISH)
    assert {k for k in ENGLISH if k.startswith("assessment.")} <= set(listed_keys())  # the browser's, by name


def test_the_scan_finds_keys_written_out_and_built_with_f_strings(tmp_path):
    code = tmp_path / "macros" / "render"
    code.mkdir(parents=True)
    (code / "page.py").write_text(
        'PAGE = "tools.md"  # a file name, not a key\n'
        'def render(handbook, k):\n'
        '    return (label(handbook, "practice.steps"), _title("title.home"), label(handbook, f"status.{k}"),\n'
        '            label(handbook, "brand.new"), _title("title.missing"), label_html(handbook, f"nothing.{k}"))\n',
        encoding="utf-8")
    found = scan(tmp_path / "macros", ENGLISH)
    assert set(found.keys) == {"practice.steps", "title.home", "brand.new", "title.missing"}
    assert set(found.patterns) == {"status.*", "nothing.*"}
    assert found.unknown(ENGLISH) == [
        "macros/render/page.py:4: 'brand.new' is not in data/messages/en.yml",
        "macros/render/page.py:4: 'title.missing' is not in data/messages/en.yml",
        "macros/render/page.py:4: f-string key 'nothing.*' makes no key of data/messages/en.yml",
    ]
    assert {"status.graduated", "status.sandbox", "practice.steps"} <= set(found.used(ENGLISH))


def test_a_key_the_engine_uses_missing_from_both_catalogues_is_named_in_each(tmp_path):
    data = minimal_data()
    del data["messages/en.yml"]["messages"]["practice.steps"]
    write_data(tmp_path / "data", data)
    write_data(tmp_path / "variant", {
        "variant.yml": {"name": "Beispiel", "prefix": "bsp", "language": "de"},
        "messages/de.yml": {"language": "de", "messages": {k: v for k, v in GERMAN.items() if k != "practice.steps"}},
    })
    with pytest.raises(DataError) as caught:
        load_handbook(tmp_path / "data", tmp_path / "variant")
    assert [str(p) for p in caught.value.problems] == [
        f"{name}:2: messages: missing message 'practice.steps': the engine writes it "
        "(macros/message-keys.txt lists the keys it uses)" for name in ("data/messages/en.yml", "variant/messages/de.yml")]


def test_every_csv_column_has_a_header_in_the_catalogue():
    assert sorted(CSV_COLUMNS) == sorted(ENGLISH_CSV)  # a column added to the export needs its csv.<column> entry


@pytest.mark.slow  # builds the German example
def test_the_plan_section_of_the_self_assessment_is_german(german_site, page):
    """The browser scripts read their labels from the catalogue too (HA.t, dom.js); planview.js so far."""
    page.goto((german_site / "assessment" / "index.html").as_uri())
    page.wait_for_selector("#ha-plan-phases table")
    assert page.inner_text("#ha-plan-md") == GERMAN["assessment.plan.export_md"]
    assert page.inner_text("#ha-plan-targets caption") == GERMAN["assessment.plan.targets_caption"]
    plan = page.inner_text("#ha-plan")
    assert GERMAN["assessment.plan.column_items"] in plan and "Stufe 1: Aufbau" in plan
    left = [ENGLISH[k] for k in ENGLISH if k.startswith("assessment.plan.") and ENGLISH[k] != GERMAN[k]
            and "{" not in ENGLISH[k] and ENGLISH[k] in plan]
    assert left == []
