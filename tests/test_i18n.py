"""The handbook in another language: the message catalogue, its checks and the German example.

The German example (examples/de) brings the whole catalogue; no English engine label may be left
on a page the engine generates. Data the example did not translate stays English, and is allowed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import BIN, ENGLISH_MESSAGES, ENV, ROOT, handbook, mkdocs_build, served
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
ENGLISH = ENGLISH_MESSAGES
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
    # The browser scripts' labels (assessment.* but the page's intro) are checked in the browser, below.
    english = {key: p for key, t in ENGLISH.items()
               if t not in GERMAN.values() and key not in BROWSER_ONLY and (p := _pattern(t))}
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
# The self-assessment scripts' texts (docs/assets/javascripts/assessment/, HA.t): not on a built page.
BROWSER_ONLY = {k for k in ENGLISH if k.startswith("assessment.") and k not in ("assessment.intro", "assessment.noscript")}


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


def test_a_key_glued_with_plus_is_refused_by_the_scan(tmp_path):
    """The scan cannot tell which keys "status." + k makes, so a fork's catalogue could lack one unnoticed."""
    code = tmp_path / "macros"
    code.mkdir()
    (code / "page.py").write_text(
        'def render(handbook, k, n):\n'
        '    return label(handbook, "status." + k), handbook.messages.count("plan." + k, n), label(handbook, f"status.{k}")\n',
        encoding="utf-8")
    assert scan(code, ENGLISH).unknown(ENGLISH) == [
        "macros/page.py:2: the key 'status.' + k is glued with +, which the scan cannot follow: write it as an f-string",
        "macros/page.py:2: the key 'plan.' + k is glued with +, which the scan cannot follow: write it as an f-string",
    ]


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



# ---- the self-assessment in German, in a browser ------------------------------------------------------


def _english_in(text: str) -> list[str]:
    """The English catalogue texts of the self-assessment (three words or more, other than the German
    text) found in text, their placeholders as wildcards."""
    found = []
    for key in sorted(BROWSER_ONLY | {k for k in ENGLISH if k.startswith("column.")}):
        parts = PLACEHOLDER.split(ENGLISH[key])
        if ENGLISH[key] == GERMAN[key] or len(" ".join(parts[::2]).split()) < 3:
            continue
        pattern = "".join(re.escape(p) if i % 2 == 0 else r".{1,200}?" for i, p in enumerate(parts))
        if re.search(pattern, text):
            found.append(f"{key}: {ENGLISH[key]!r}")
    return found


@pytest.fixture(scope="module")
def german_page_url(german_site):
    with served(german_site) as url:
        yield url + "/assessment/"


def _record(data: dict, answers: dict, **fields) -> str:
    return json.dumps({"schema": data["schema"], "handbook": data["handbook"], "variant": data["variant"],
                       "data_version": data["data_version"], "answers": answers, **fields})


@pytest.mark.slow  # builds the German example
def test_the_self_assessment_speaks_german(german_site, german_page_url, page, tmp_path):
    """Every section, message and refusal a user meets: no English text of the catalogue, no raw key."""
    prefix = "window.HANDBOOK_ASSESSMENT = "
    data = json.loads((german_site / "assets/javascripts/handbook-assessment-data.js").read_text(encoding="utf-8")
                      .removeprefix(prefix).rstrip().removesuffix(";"))
    items = data["items"]
    first, second, third = items[0], items[1], items[2]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    seen: list[str] = []

    def look() -> None:
        """The visible text, and the words only a screen reader or a pointer shows."""
        seen.append(page.evaluate("""() => [document.body.innerText].concat(
            Array.from(document.querySelectorAll("#handbook-assessment [title], #handbook-assessment [aria-label], "
              + "#handbook-assessment [placeholder]"), e => ["title", "aria-label", "placeholder"].map(
                a => e.getAttribute(a) || "").join("\\n")),
            Array.from(document.querySelectorAll("#handbook-assessment svg title, #handbook-assessment svg desc"),
              e => e.textContent)).join("\\n")"""))

    page.goto(german_page_url)
    page.wait_for_selector("#handbook-assessment[data-ha-ready='1'] #ha-plan-phases table")
    assert page.inner_text("#ha-result-heading") == GERMAN["assessment.result.heading"]
    assert page.inner_text("#ha-plan-md") == GERMAN["assessment.plan.export_md"]
    assert page.inner_text("#ha-tools-heading") == GERMAN["assessment.tools.heading"]
    look()

    # Answer, note, evidence (a refused date), the role filter, a snapshot.
    page.locator(f"details.ha-level[data-level='{first['level']}'] > summary").click()
    page.locator(f"details.ha-dimension[data-level='{first['level']}'][data-dimension='{first['dimension']}'] > summary").click()
    page.select_option(f"select.ha-status-select[data-item='{first['id']}']", "done")
    page.select_option(f"select.ha-status-select[data-item='{second['id']}']", "in-progress")
    page.select_option(f"select.ha-status-select[data-item='{third['id']}']", "na")
    page.fill(f"input.ha-note-input[data-item='{first['id']}']", "Notiz")
    page.locator(f"details.ha-evidence[data-item='{first['id']}'] > summary").click()
    page.fill(f"#ha-assessor-{first['id']}", "Erika")
    page.locator(f"#ha-assessor-{first['id']}").dispatch_event("change")
    page.fill(f"#ha-date-{first['id']}", "2999-01-01")
    page.locator(f"#ha-date-{first['id']}").dispatch_event("change")
    assert GERMAN["assessment.evidence.bad_date"].split("{id}")[0] in page.inner_text("#handbook-assessment > [role=alert]")
    page.select_option("#ha-filter-role", data["roles"][0]["id"])
    page.fill("#ha-snapshot-label", "Workshop")
    page.click("#ha-snapshot-save")
    look()

    # The plan refuses a bad capacity; paper entry: an unknown id, a wrong key, a good one.
    page.fill("#ha-plan-capacity", "0")
    page.locator("#ha-plan-capacity").dispatch_event("change")
    assert "capacity: " in page.inner_text("#ha-plan-error")
    page.fill("#ha-paper-id", "gibt-es-nicht")
    page.press("#ha-paper-id", "Enter")
    look()
    page.select_option("#ha-paper-level", second["level"])
    page.fill("#ha-paper-id", second["id"])
    page.press("#ha-paper-id", "Enter")
    look()
    page.press("#ha-paper-key", "q")
    look()
    page.press("#ha-paper-key", "d")

    # Imports: a refused file, then one from an older data version with an old, dated answer and an
    # answer for an item that is gone (the Review and Changes sections, the left-over answers).
    bad = tmp_path / "kaputt.json"
    bad.write_text(_record(data, {first["id"]: {"status": "fertig"}}), encoding="utf-8")
    page.set_input_files("#ha-import-file", str(bad))
    page.click("#ha-import-button")
    page.locator("#handbook-assessment > [role=alert]").filter(has_text="kaputt.json").wait_for()
    look()
    older = tmp_path / "aelter.json"
    fingerprints = {i["id"]: i["fp"] for i in items[1:]} | {first["id"]: "00000000", "bsp-weg-1": "11111111"}
    older.write_text(json.dumps({**json.loads(_record(data, {
        first["id"]: {"status": "done", "note": "", "date": "2020-01-15"},
        "bsp-weg-1": {"status": "done", "note": ""}}, team="Team Nord")), "data_version": "0.0.1",
        "item_fingerprints": fingerprints}), encoding="utf-8")
    page.set_input_files("#ha-import-file", str(older))
    page.check("#ha-import-merge")
    page.click("#ha-import-button")
    page.wait_for_selector("#ha-updates:not([hidden])")
    page.wait_for_selector("#ha-review-table")
    look()

    # Compare, consensus (an undecided tie is refused), proposals from tools.
    files = []
    for name, status in (("team-a.json", "done"), ("team-b.json", "in-progress")):
        path = tmp_path / name
        path.write_text(_record(data, {first["id"]: {"status": status, "note": "x"}, second["id"]: {"status": "done", "note": ""}},
                                team=name[:-5]), encoding="utf-8")
        files.append(str(path))
    page.set_input_files("#ha-compare-files", files)
    page.wait_for_selector("#ha-compare-items")
    page.set_input_files("#ha-consensus-files", files)
    page.wait_for_selector("#ha-consensus-table")
    page.click("#ha-consensus-apply")
    look()
    proposals = tmp_path / "vorschlaege.json"
    proposals.write_text(_record(data, {third["id"]: {"status": "done", "note": "kube-bench", "links": ["https://example.org/r"]}},
                                 proposals={"not_covered": [{"file": "b.json", "benchmark": "cis-1.9", "checked_against": ["cis-1.8"]}]}),
                         encoding="utf-8")
    page.set_input_files("#ha-proposals-file", str(proposals))
    page.wait_for_selector("#ha-proposals-table")
    look()
    page.click("#ha-proposals-accept-all")
    look()

    # On paper: the report's and the plan's print headers.
    page.emulate_media(media="print")
    look()
    page.evaluate("() => document.documentElement.classList.add('ha-print-plan')")
    look()
    page.evaluate("() => document.documentElement.classList.remove('ha-print-plan')")
    page.emulate_media(media="screen")

    # Export, the share link, and the shared (read-only) view it opens.
    with page.expect_download():
        page.click("#ha-export")
    look()
    page.click("#ha-share")
    page.wait_for_function("() => document.querySelector('#ha-share-url').value.includes('#share=')")
    look()
    link = page.input_value("#ha-share-url")
    page.goto(link)
    page.reload()
    page.wait_for_selector("#ha-adopt")
    look()
    page.goto(german_page_url + "#share=kaputt")
    page.reload()
    page.wait_for_selector("#handbook-assessment > [role=alert] p")
    look()
    page.click("#ha-reset")
    look()

    text = "\n".join(seen + dialogs)
    assert GERMAN["assessment.updates.heading"] in text and GERMAN["assessment.expiry.heading"] in text
    assert GERMAN["assessment.consensus.heading"] in text and "Erneut prüfen" in text
    assert GERMAN["assessment.result.chart_title"] in text and GERMAN["assessment.app.sections"] in text
    assert GERMAN["assessment.plan.for_team"].format(team="Team Nord") in text  # the plan's print header
    assert _english_in(text) == []
    assert re.findall(r"\b(?:assessment|column|level)\.[a-z_]+(?:\.[a-z_]+)*\b", text) == []
    assert dialogs and all(d in GERMAN.values() for d in dialogs), dialogs


@pytest.mark.slow  # builds the German example
def test_the_plan_files_are_german_and_the_same_from_the_command_line(german_site, german_page_url, page, tmp_path):
    """planexport.js and macros/planexport.py read the same catalogue: the same bytes in German too."""
    page.goto(german_page_url)
    page.wait_for_selector("#handbook-assessment[data-ha-ready='1'] #ha-plan-phases table")
    page.fill("#ha-team", "Team Süd")
    files = {}
    for fmt in ("md", "csv"):
        with page.expect_download() as info:
            page.click(f"#ha-plan-{fmt}")
        files[fmt] = Path(info.value.path()).read_bytes().decode("utf-8")
    assert files["md"].startswith("# Plan: Team Süd\n") and GERMAN["assessment.planexport.targets"] in files["md"]
    assert files["csv"].startswith(",".join(GERMAN[f"assessment.planexport.csv_{c}"]
                                            for c in ("summary", "description", "labels", "priority", "phase")) + "\r\n")
    assert _english_in(files["md"] + files["csv"]) == []
    with page.expect_download() as info:
        page.click("#ha-export")
    answers = tmp_path / "answers.json"
    info.value.save_as(answers)
    site_url = german_page_url.removesuffix("assessment/")
    for fmt, text in files.items():
        result = subprocess.run([str(BIN / "handbook"), "plan", str(answers), "--variant", str(EXAMPLE), "--format", fmt,
                                 "--site-url", site_url], capture_output=True, env=ENV, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert result.stdout.decode("utf-8") == text, fmt
