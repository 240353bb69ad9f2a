"""Organisation variants: the example overlay, the diff, branding, bad overlays, and no writes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import BIN, ROOT, handbook, mkdocs_build, run
from factory import FORK_DIMENSION_NAME, FORK_PRACTICE_TITLE, make_site_project, minimal_data, write_data

EXAMPLE = ROOT / "examples" / "acme"
REMOVED = "l3-ppl-trust-and-tool-choices-2"
EDITED = "l3-ppl-centre-of-excellence-1"


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def acme_site(tmp_path_factory):
    before = digest(EXAMPLE)
    site = tmp_path_factory.mktemp("acme") / "site"
    result = mkdocs_build(ROOT, site, HANDBOOK_VARIANT=str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert digest(EXAMPLE) == before  # the build never writes into the variant
    return site


@pytest.mark.slow
def test_printed_pages_and_the_assessment_name_the_variant(acme_site):
    """Every printed checklist page's running header, and the assessment's exports, carry the variant and data version."""
    workshop = (acme_site / "checklists" / "workshop" / "3-scale" / "index.html").read_text(encoding="utf-8")
    assert "ACME Corp variant, revision 2026.11 · Data version" in workshop
    assessment = (acme_site / "assets" / "javascripts" / "handbook-assessment-data.js").read_text(encoding="utf-8")
    assert '"variant_name": "ACME Corp"' in assessment
    exported = json.loads((acme_site / "exports" / "handbook.json").read_text(encoding="utf-8"))
    assert exported["variant"] == "ACME Corp" and exported["model"]["data_version"]
    rows = list(csv.DictReader(io.StringIO((acme_site / "exports" / "checklist.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert {(r["variant"], r["data_version"]) for r in rows} == {("ACME Corp", exported["model"]["data_version"])}


@pytest.mark.slow
def test_branding_on_every_page(acme_site):
    for page in ["index.html", "levels/3-scale/people/index.html", "roles/index.html", "checklists/index.html"]:
        html = soup(acme_site / page)
        assert "ACME Cloud Native Handbook" in html.find("title").get_text()
        assert "Internal to ACME Corp" in html.find("footer").get_text()
        assert "CNCF Cloud Native Maturity Model" in html.find("footer").get_text()
        logo = html.select_one(".md-header__button.md-logo img")
        assert logo is not None and logo["src"].endswith("assets/variant/logo.svg")
        assert html.find("link", rel="icon")["href"].endswith("assets/variant/logo.svg")  # the favicon follows
        assert any(link["href"].endswith("assets/variant/variant.css") for link in html.find_all("link", rel="stylesheet"))
    assert "#1f5f8b" in (acme_site / "assets" / "variant" / "variant.css").read_text()
    assert (acme_site / "assets" / "variant" / "logo.svg").is_file()


@pytest.mark.slow
def test_edited_added_and_removed_content(acme_site):
    cell = soup(acme_site / "levels" / "3-scale" / "people" / "index.html")
    edited = cell.find(id=EDITED).find_parent("tr").get_text(" ")
    assert "approved by the CTO staff meeting" in edited
    assert cell.find(id="acme-l3-ppl-guild") is not None
    assert cell.find(id="acme-l3-ppl-guild-1") is not None
    for page in acme_site.rglob("*.html"):
        if page.parent.name != "variant":  # the "what changed" page names it, on purpose
            assert REMOVED not in page.read_text(encoding="utf-8"), page
    rows = list(csv.DictReader(io.StringIO((acme_site / "exports" / "checklist.csv").read_text(encoding="utf-8-sig"), newline="")))
    ids = {r["id"] for r in rows}
    assert REMOVED not in ids and "acme-l3-ppl-guild-2" in ids
    assert next(r for r in rows if r["id"] == EDITED)["text"].startswith("ACME's centre of excellence")
    exported = (acme_site / "exports" / "handbook.json").read_text(encoding="utf-8")
    assert REMOVED not in exported and "acme-data-steward" in exported
    # The self-assessment's items are in its data script (the page loads it).
    assessment = (acme_site / "assets" / "javascripts" / "handbook-assessment-data.js").read_text(encoding="utf-8")
    assert REMOVED not in assessment and "acme-l3-ppl-guild-1" in assessment


@pytest.mark.slow
def test_new_role_gets_its_page_and_nav_entry(acme_site):
    page = soup(acme_site / "roles" / "acme-data-steward" / "index.html")
    assert "Data steward" in page.find("h1").get_text()
    assert "Your checklist (1 items)" in page.find(id="3-scale-checklist").get_text()  # a low-priority item: counted
    rows = soup(acme_site / "checklists" / "roles" / "acme-data-steward" / "3-scale" / "index.html").select("article tr.hb-item")
    assert [tr["id"] for tr in rows] == ["acme-l3-ppl-guild-2"]
    nav = soup(acme_site / "roles" / "index.html").find("nav", class_="md-nav--primary")
    assert "Data steward" in nav.get_text()
    assert (acme_site / "checklists" / "roles" / "acme-data-steward" / "index.html").is_file()


EXPECTED_DIFF = {
    "added": [("practice", "acme-l3-ppl-guild"), ("checklist item", "acme-l3-ppl-guild-1"),
              ("checklist item", "acme-l3-ppl-guild-2"), ("checklist item", "acme-l3-ppl-trust-and-tool-choices-3"),
              ("role", "acme-data-steward")],
    "changed": [("model", "model", ["name"]), ("checklist item", EDITED, ["text"]),
                ("practice", "l3-ppl-trust-and-tool-choices", ["contributors"])],
    "removed": [("checklist item", REMOVED)],
}


def test_diff_reports_exactly_the_changes():
    result = handbook("diff", "--variant", str(EXAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert sorted((c["kind"], c["id"]) for c in data["added"]) == sorted(EXPECTED_DIFF["added"])
    assert sorted((c["kind"], c["id"], sorted(c["fields"])) for c in data["changed"]) == sorted(EXPECTED_DIFF["changed"])
    assert [(c["kind"], c["id"]) for c in data["removed"]] == EXPECTED_DIFF["removed"]
    name = next(c for c in data["changed"] if c["kind"] == "model")["fields"]["name"]
    assert name == {"old": "Cloud Native Maturity Handbook", "new": "ACME Cloud Native Handbook"}
    text = handbook("diff", "--variant", str(EXAMPLE)).stdout
    assert "Added (5):" in text and "Changed (3):" in text and "Removed (1):" in text
    edited = next(c for c in data["changed"] if c["id"] == EDITED)
    line = next(i for i, t in enumerate((EXAMPLE / "levels/3-scale/people.yml").read_text().splitlines(), 1) if EDITED in t)
    assert edited["place"] == "Level 3: Scale · People" and edited["at"] == f"examples/acme/levels/3-scale/people.yml:{line}"
    assert edited["fields"]["text"]["old"].startswith("The centre of excellence") and len(edited["fields"]["text"]["old"]) > 120
    assert "words:    [-The-]{+ACME's+} centre of excellence" in text
    assert data["branding"]["primary_colour"] == {"old": None, "new": "#1f5f8b"}
    assert data["branding"]["logo"]["new"] == "logo.svg" and "Internal to ACME" in data["branding"]["footer_note"]["new"]
    removed_line = next(i for i, t in enumerate((EXAMPLE / "variant.yml").read_text().splitlines(), 1) if REMOVED in t)
    assert data["removed"][0]["at"] == f"examples/acme/variant.yml:{removed_line}"
    markdown = handbook("diff", "--variant", str(EXAMPLE), "--format", "markdown").stdout
    assert markdown.startswith("## What ACME Corp changes\n")
    assert "| primary_colour | (not set) | #1f5f8b |" in markdown
    assert f"- checklist item `{EDITED}` (Level 3: Scale · People · `examples/acme/levels/3-scale/people.yml:{line}`)" in markdown
    assert "  - The centre of excellence has a charter" in markdown and "  + ACME's centre of excellence charter" in markdown


@pytest.mark.slow
def test_variant_page_shows_the_changes(acme_site):
    page = soup(acme_site / "variant" / "index.html").find("article")
    assert "What ACME Corp changed" in page.find("h1").get_text()
    text = page.get_text(" ")
    for _, ident in EXPECTED_DIFF["added"] + EXPECTED_DIFF["removed"]:
        assert ident in text
    assert EDITED in text


def test_variant_chosen_in_mkdocs_yml_and_env_wins(tmp_path):
    """The site name a build would show (the hook's on_config, run in process), and what `handbook validate` reads."""
    from inprocess import Site

    project = make_site_project(tmp_path / "project", minimal_data())
    overlay = tmp_path / "project" / "variants" / "blue"
    write_data(overlay, {"variant.yml": {"name": "Blue Org", "prefix": "blue", "site": {"name": "Blue Handbook"}}})
    green = tmp_path / "green"
    write_data(green, {"variant.yml": {"name": "Green Org", "prefix": "green", "site": {"name": "Green Handbook"}}})
    config = (project / "mkdocs.yml").read_text().replace("    data_dir: data", "    data_dir: data\n    variant: variants/blue")
    (project / "mkdocs.yml").write_text(config)
    for env, name in (({}, "Blue Handbook"), ({"HANDBOOK_VARIANT": str(green)}, "Green Handbook")):
        site = Site(project, **env)
        site.close()
        assert site.config["site_name"] == name
        assert name in site.soup("index.md").find("h1").get_text()
    result = handbook("validate", cwd=project)
    assert "variant Blue Org" in result.stdout


def overlay_case(tmp_path: Path, files: dict) -> tuple:
    write_data(tmp_path / "data", minimal_data())
    variant = {"variant.yml": {"name": "Test Org", "prefix": "test"}, **files}
    write_data(tmp_path / "variant", variant)
    return tmp_path / "variant"


CELL = "levels/1-build/people.yml"
BAD_VARIANTS = {
    "yaml error": ({"roles.yml": "roles: [unclosed\n"}, "variant/roles.yml:1:", "YAML syntax error"),
    "wrong type": ({CELL: {"practices": [{"id": "l1-ppl-practice-1", "steps": "one string"}]}},
                   "variant/levels/1-build/people.yml:", "expected a list"),
    "unknown id under remove": ({"variant.yml": {"name": "T", "prefix": "test", "remove": ["no-such-id"]}},
                                "variant/variant.yml:", "nothing upstream has the id 'no-such-id'"),
    "added id without prefix": ({"roles.yml": {"roles": [{"id": "auditor", "name": "Auditor", "who": "x", "owns": "y"}]}},
                                "variant/roles.yml:2:", "an entry the variant adds needs an id starting with 'test-'"),
    "target gone upstream": ({CELL: {"practices": [{"id": "l1-ppl-renamed-upstream", "title": "New title"}]}},
                             "variant/levels/1-build/people.yml:", "no upstream entry with id 'l1-ppl-renamed-upstream'"),
    "dangling reference after remove": ({"variant.yml": {"name": "T", "prefix": "test", "remove": ["architect"]}},
                                        "variant/variant.yml:", "removing 'architect' leaves 8 problems behind"),
    "checklist left with one item after remove": (
        {"variant.yml": {"name": "T", "prefix": "test", "remove": ["l1-ppl-practice-1-2"]}},
        "variant/variant.yml:", "removing 'l1-ppl-practice-1-2' leaves 1 problem behind (1 checklist(s) left with fewer than two items)"),
    "list edit on an entry upstream lacks": (
        {CELL: {"practices": [{"id": "test-l1-ppl-new", "contributors+": ["architect"]}]}},
        "variant/levels/1-build/people.yml:", "`contributors+:` edits an upstream list, and this entry is not in upstream"),
    "replace and edit the same list": (
        {CELL: {"practices": [{"id": "l1-ppl-practice-1", "contributors": ["architect"], "contributors+": ["platform-engineer"]}]}},
        "variant/levels/1-build/people.yml:", "give either `contributors:`"),
    "misspelt level folder": ({"levels/1-biuld/people.yml": {"practices": []}}, "variant/levels/1-biuld/people.yml:1:",
                              "no such upstream file 'levels/1-biuld/people.yml'"),
    "dangling reference in overlay": ({CELL: {"practices": [{"id": "l1-ppl-practice-1", "owners": ["ghost"]}]}},
                                      "variant/levels/1-build/people.yml:", "unknown role 'ghost'"),
    "bad prefix": ({"variant.yml": {"name": "T", "prefix": "Bad Prefix"}}, "variant/variant.yml:", "expected an id"),
    "missing logo": ({"variant.yml": {"name": "T", "prefix": "test", "site": {"logo": "nope.svg"}}}, "variant/variant.yml:", "logo file 'nope.svg' not found"),
}


@pytest.mark.parametrize("case", sorted(BAD_VARIANTS))
def test_bad_variant_is_reported_with_file_and_line(case, tmp_path):
    files, where, message = BAD_VARIANTS[case]
    overlay_case(tmp_path, files)
    result = handbook("validate", "--variant", "variant", cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert any(line.startswith(where) and message in line for line in result.stderr.splitlines()), result.stderr
    if where.startswith("variant/"):  # one mistake, one report: no follow-on lines about upstream files
        assert not [line for line in result.stderr.splitlines() if line.startswith("data/")], result.stderr


@pytest.mark.slow
def test_bad_variant_stops_the_build_before_writing(tmp_path):
    project = make_site_project(tmp_path / "project", minimal_data())
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<p>the previous build</p>")
    (site / "assets" / "site.css").write_text("p { }")
    before = digest(site)
    variant = tmp_path / "variant"
    write_data(variant, {"variant.yml": {"name": "T", "prefix": "test", "remove": ["no-such-id"]}})
    result = mkdocs_build(project, site, HANDBOOK_VARIANT=str(variant))
    assert result.returncode == 1 and "nothing upstream has the id 'no-such-id'" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(site) == before


def test_new_variant_scaffold_validates_and_refuses_to_overwrite(tmp_path):
    result = handbook("new-variant", str(tmp_path / "acme"), "--name", "ACME Corp", "--prefix", "acme")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "acme" / ".base" / "roles.yml").read_bytes() == (ROOT / "data" / "roles.yml").read_bytes()
    for path in (tmp_path / "acme").rglob("*.yml"):
        if ".base" in path.parts:
            continue  # upstream's files as they were, kept for comparison, not for editing
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        assert (path.parent / first.split("=", 1)[1]).resolve().is_file()
    assert yaml.safe_load((tmp_path / "acme" / "variant.yml").read_text())["prefix"] == "acme"
    assert handbook("validate", "--variant", str(tmp_path / "acme")).returncode == 0
    before = digest(tmp_path / "acme")
    again = handbook("new-variant", str(tmp_path / "acme"), "--name", "Other", "--prefix", "other")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert digest(tmp_path / "acme") == before


def test_plain_fork_edit_flows_everywhere(fork_site):
    """Editing data/ directly (a plain fork): page, nav, checklist, export and matrix follow."""
    site, _ = fork_site  # tests/factory.py: fork_data renames a dimension and retitles a practice
    assert FORK_DIMENSION_NAME in soup(site / "index.html").find("article").find("table").get_text()
    assert FORK_PRACTICE_TITLE in soup(site / "levels" / "1-build" / "people" / "index.html").get_text()
    assert FORK_PRACTICE_TITLE in soup(site / "checklists" / "dimensions" / "people" / "1-build" / "index.html").get_text()
    assert FORK_DIMENSION_NAME in soup(site / "levels" / "1-build" / "index.html").find("nav", class_="md-nav--primary").get_text()


def test_mkdocs_serve_watches_the_variant_directory(monkeypatch):
    from mkdocs.config import load_config

    from macros import hook

    monkeypatch.setenv("HANDBOOK_VARIANT", str(EXAMPLE))
    config = load_config(str(ROOT / "mkdocs.yml"))
    config = hook.on_config(config)
    assert str(EXAMPLE.resolve()) in config["watch"]
    assert config["site_name"] == "ACME Cloud Native Handbook"


def test_export_follows_the_variant():
    result = handbook("export", "--format", "csv", "--variant", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    ids = {row["id"] for row in csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"), newline=""))}
    assert "acme-l3-ppl-guild-1" in ids and REMOVED not in ids


# ---- settings: one typed model for the hook and the CLI -------------------------------------


def _fork_with_data_dir(tmp_path: Path, extra: str = "") -> Path:
    """A fork that keeps its data in content/ and says so in mkdocs.yml."""
    project = make_site_project(tmp_path / "fork", minimal_data())
    (project / "data").rename(project / "content")
    config = (project / "mkdocs.yml").read_text().replace("    data_dir: data", "    data_dir: content" + extra)
    (project / "mkdocs.yml").write_text(config)
    return project


@pytest.mark.slow
def test_validate_honours_data_dir_in_mkdocs_yml(tmp_path):
    project = _fork_with_data_dir(tmp_path)
    result = handbook("validate", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "data version 9.9.9" in result.stdout
    assert mkdocs_build(project, tmp_path / "site").returncode == 0


@pytest.mark.slow
def test_unknown_setting_is_refused_by_cli_and_build(tmp_path):
    project = _fork_with_data_dir(tmp_path, "\n    varient: variants/acme")
    line = next(i for i, text in enumerate((project / "mkdocs.yml").read_text().splitlines(), 1) if "varient" in text)
    for result in (handbook("validate", cwd=project), mkdocs_build(project, tmp_path / "site")):
        assert result.returncode == 1
        assert f"mkdocs.yml:{line}: extra.handbook.varient: unknown setting" in result.stderr
        assert "Traceback" not in result.stderr


def test_environment_overrides_the_file(tmp_path):
    from macros.settings import load_settings

    config = tmp_path / "mkdocs.yml"
    section = {"data_dir": "content", "variant": "v", "pdf": True}
    assert load_settings(section, config, {}).data_dir == tmp_path / "content"
    over = load_settings(section, config, {"HANDBOOK_DATA_DIR": str(tmp_path / "other"), "HANDBOOK_PDF": "0",
                                           "HANDBOOK_VARIANT": str(tmp_path / "w")})
    assert (over.data_dir, over.variant, over.pdf) == (tmp_path / "other", tmp_path / "w", False)
    result = run([str(BIN / "handbook"), "validate"], cwd=_fork_with_data_dir(tmp_path), env={"HANDBOOK_PDF": "maybe"})
    assert result.returncode == 1 and "HANDBOOK_PDF='maybe': expected 1 or 0" in result.stderr


def test_hook_watches_the_configured_data_and_variant_folders(tmp_path, monkeypatch):
    from mkdocs.config import load_config

    from macros import hook

    project = _fork_with_data_dir(tmp_path)
    write_data(project / "ours", {"variant.yml": {"name": "Ours", "prefix": "ours"}})
    monkeypatch.setenv("HANDBOOK_VARIANT", str(project / "ours"))
    monkeypatch.chdir(project)
    config = hook.on_config(load_config(str(project / "mkdocs.yml")))
    assert str((project / "content").resolve()) in config["watch"]
    assert str((project / "ours").resolve()) in config["watch"]


# ---- upstream updates: a variant made, upstream changed, warnings, merge and diff -----------

OVERLAY_CELL = """\
# Our changes to level 1 / People.
level: 1-build
dimension: people
practices:
  - id: l1-ppl-practice-1
    title: Our own title                      # overrides upstream's title
    contributors+: [platform-engineer]        # extends upstream's list
  - id: ours-l1-ppl-guild
    area: upskilling
    title: Run a platform guild
    why: Engineers learn fastest from each other.
    steps: [Book a slot, Rotate the host, Publish notes]
    owners: [architect]                       # references an upstream role
    effort: s
    checklist:
      - id: ours-l1-ppl-guild-1
        text: The guild met this month.
        done_looks_like: Notes in the wiki.
        roles: [architect]
        priority: medium
      - id: ours-l1-ppl-guild-2
        text: Each session ends with an owned action.
        done_looks_like: Actions with owners in the notes.
        roles: [platform-engineer]
        priority: low
"""


def _upstream(title: str, why: str, contributors: list[str], architect: str = "architect") -> dict:
    files = minimal_data()
    practice = files["levels/1-build/people.yml"]["practices"][0]
    practice.update(title=title, why=why, contributors=contributors)
    if architect != "architect":  # upstream renames the role everywhere
        text = yaml.safe_dump(files, sort_keys=False).replace(": architect\n", f": {architect}\n").replace("- architect\n", f"- {architect}\n")
        files = yaml.safe_load(text)
    return files


def _line(path: Path, needle: str) -> int:
    return next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)


@pytest.mark.slow
def test_upstream_update_end_to_end(tmp_path):
    project = make_site_project(tmp_path / "p", _upstream("Practice 1 of level 1", "Because it *matters*.", ["executive-sponsor"]))
    variant = project / "ours"
    assert handbook("new-variant", str(variant), "--name", "Ours", "--prefix", "ours", cwd=project).returncode == 0
    assert (variant / ".base" / "roles.yml").is_file()
    write_data(variant, {"levels/1-build/people.yml": OVERLAY_CELL})
    rebased = handbook("rebase", "--variant", "ours", cwd=project)
    assert rebased.returncode == 0 and "wrote ours/.base/levels/1-build/people.yml" in rebased.stdout, rebased.stderr
    first = handbook("validate", "--variant", "ours", cwd=project)
    assert first.returncode == 0 and "WARNING" not in first.stderr, first.stderr

    # Upstream moves on: the overridden title, a field the variant leaves alone, the extended
    # list, and the role the variant references is renamed.
    shutil.rmtree(project / "data")
    write_data(project / "data", _upstream("Upstream's better title", "Upstream's sharper why.",
                                           ["executive-sponsor", "solution-architect"], architect="solution-architect"))
    broken = handbook("validate", "--variant", "ours", cwd=project)
    overlay = variant / "levels" / "1-build" / "people.yml"
    assert broken.returncode == 1
    owners_line = _line(overlay, "owners: [architect]")
    assert f"ours/levels/1-build/people.yml:{owners_line}: practices[ours-l1-ppl-guild].owners[0]: unknown role 'architect'" in broken.stderr
    overlay.write_text(OVERLAY_CELL.replace("[architect]", "[solution-architect]"), encoding="utf-8")

    warned = handbook("validate", "--variant", "ours", cwd=project)
    assert warned.returncode == 0, warned.stderr
    title_line = _line(overlay, "title: Our own title")
    upstream_line = _line(project / "data" / "levels" / "1-build" / "people.yml", "title: Upstream's better title")
    assert (f"WARNING: ours/levels/1-build/people.yml:{title_line}: practices[l1-ppl-practice-1].title: "
            "upstream changed a field this variant overrides") in warned.stderr
    assert 'upstream then: "Practice 1 of level 1"' in warned.stderr
    assert f'upstream now:  "Upstream\'s better title"  (data/levels/1-build/people.yml:{upstream_line})' in warned.stderr
    assert f'this variant:  "Our own title"  (ours/levels/1-build/people.yml:{title_line})' in warned.stderr
    assert warned.stderr.count("WARNING: ours/") == 1  # not the why, not the extended list
    assert "1 WARNING(s)" in warned.stderr and "handbook rebase --variant ours" in warned.stderr

    merged = json.loads(handbook("export", "--format", "json", "--variant", "ours", cwd=project).stdout)
    practice = next(p for lv in merged["levels"] for cell in lv["cells"].values() for p in cell["practices"] if p["id"] == "l1-ppl-practice-1")
    assert practice["title"] == "Our own title"
    assert practice["why"] == "Upstream's sharper why."
    assert practice["contributors"] == ["executive-sponsor", "solution-architect", "platform-engineer"]

    changes = json.loads(handbook("diff", "--variant", "ours", "--format", "json", cwd=project).stdout)
    changed = {(c["kind"], c["id"]): c for c in changes["changed"]}
    title = changed[("practice", "l1-ppl-practice-1")]
    assert title["fields"]["title"] == {"old": "Upstream's better title", "new": "Our own title"}
    assert title["fields"]["contributors"]["new"][-1] == "platform-engineer"
    assert title["place"] == "Level 1: Build · People" and title["at"] == f"ours/levels/1-build/people.yml:{_line(overlay, 'id: l1-ppl-practice-1')}"
    assert "why" not in title["fields"]
    text = handbook("diff", "--variant", "ours", cwd=project).stdout
    assert "words:    [-Upstream's better-]{+Our own+} title" in text

    built = mkdocs_build(project, tmp_path / "site", HANDBOOK_VARIANT=str(variant))
    assert built.returncode == 0, built.stderr  # warnings do not fail a --strict build
    assert "handbook variant: upstream changed 1 field(s) it overrides since its base" in built.stderr

    before = (variant / "variant.yml").read_text()
    assert handbook("rebase", "--variant", "ours", cwd=project).returncode == 0
    after = (variant / "variant.yml").read_text()
    assert after.startswith(before.split("based_on:")[0])  # the author's lines and comments are kept
    quiet = handbook("validate", "--variant", "ours", cwd=project)
    assert quiet.returncode == 0 and "WARNING" not in quiet.stderr, quiet.stderr


# ---- which handbook this is: the variant's name and revision everywhere ----------------------

ACME_EDITION = "ACME Corp variant, revision 2026.11"


@pytest.mark.slow
def test_variant_name_and_revision_in_footer_pdf_header_and_exports(acme_site):
    from macros.loader import load_handbook
    from macros.pdf import page_file
    from macros.registry import printed_checklists

    for page in ["index.html", "roles/index.html"]:
        assert ACME_EDITION in soup(acme_site / page).find("footer").get_text()
    printed = printed_checklists(load_handbook(ROOT / "data", EXAMPLE))
    assert printed
    for checklist in printed:  # the @page rule the PDFs are printed with
        styles = " ".join(s.get_text() for s in soup(page_file(acme_site, checklist.uri)).find_all("style"))
        assert f'@top-right {{ content: "{ACME_EDITION} · Data version 0.1.0"' in styles, checklist.uri
    rows = list(csv.DictReader(io.StringIO((acme_site / "exports" / "checklist.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert {(r["variant"], r["variant_revision"], r["data_version"]) for r in rows} == {("ACME Corp", "2026.11", "0.1.0")}
    guild = next(r for r in rows if r["id"] == "acme-l3-ppl-guild-2")
    assert guild["practice_title"] == "Run a monthly ACME platform guild"
    assert guild["role_names"] == "Engineering manager; Data steward"
    exported = json.loads((acme_site / "exports" / "handbook.json").read_text(encoding="utf-8"))
    assert (exported["variant"], exported["variant_revision"]) == ("ACME Corp", "2026.11")


@pytest.mark.slow
def test_pdf_running_header_names_the_variant(acme_site, tmp_path, browser):
    from conftest import require_pdftotext

    from macros.loader import load_handbook
    from macros.pdf import print_with_browser
    from macros.registry import printed_checklists

    require_pdftotext()
    site = tmp_path / "site"
    shutil.copytree(acme_site, site)
    handbook = load_handbook(ROOT / "data", EXAMPLE)
    first = printed_checklists(handbook)[:1]
    # The session's browser: a second Playwright instance in the same thread is refused.
    [pdf] = print_with_browser(browser, site, first, papers=("a4",), blank_page=handbook.messages("print.blank_page"))
    text = run(["pdftotext", "-layout", str(pdf), "-"]).stdout
    assert " ".join(ACME_EDITION.split()) in " ".join(text.split())


@pytest.mark.slow
def test_build_log_names_the_variant(tmp_path):
    project = make_site_project(tmp_path / "project", minimal_data())
    variant = tmp_path / "ours"
    write_data(variant, {"variant.yml": {"name": "Ours", "prefix": "ours"}})
    # A variant kept in its own Git checkout takes its revision from `git describe`.
    for args in (["init", "-q"], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "x"],
                 ["tag", "v1.2"]):
        assert run(["git", *args], cwd=variant).returncode == 0
    run(["git", "add", "-A"], cwd=variant)
    run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "variant"], cwd=variant)
    result = mkdocs_build(project, tmp_path / "site", HANDBOOK_VARIANT=str(variant))
    assert result.returncode == 0, result.stderr
    assert "handbook variant: Ours variant, revision v1.2-1-g" in result.stderr
    assert "Ours variant, revision v1.2-1-g" in soup(tmp_path / "site" / "index.html").find("footer").get_text()
    plain = mkdocs_build(project, tmp_path / "site2")
    assert "handbook variant: none (upstream data only)" in plain.stderr


def test_list_trim_keeps_what_upstream_adds_later(tmp_path):
    variant = overlay_case(tmp_path, {CELL: {"level": "1-build", "dimension": "people", "practices": [
        {"id": "l1-ppl-practice-1", "contributors-": ["architect"], "steps+": ["Our own last step."]}]}})
    result = handbook("export", "--format", "json", "--variant", str(variant), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    merged = json.loads(result.stdout)
    practice = next(p for lv in merged["levels"] for cell in lv["cells"].values() for p in cell["practices"] if p["id"] == "l1-ppl-practice-1")
    assert practice["contributors"] == ["executive-sponsor"]
    assert practice["steps"] == ["First step.", "Second step with `kubectl get pods`.", "Third step.", "Our own last step."]
