"""Faithful to the maturity model: what the built pages say where the handbook once contradicted it.

Each test reads the built site (or, for rules about how data is written, the data files) and
names the kind of defect it keeps from coming back: secrets in audit logs, certifications
pushed earlier than the model puts them, the handbook's own structure passed off as the
model's, illustrative figures shown as facts, and "likely exploring" turned into "must".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from macros.loader import load_handbook

LEVELS = ["1-build", "2-operate", "3-scale", "4-improve", "5-adapt"]
DIMENSIONS = ["business-outcomes", "people", "process", "policy", "technology"]
AUDIT_LEVELS = ("None", "Metadata", "RequestResponse", "Request")  # longest first among the R's


@pytest.fixture(scope="module")
def book():
    return load_handbook(ROOT / "data")


def article(site: Path, page: str):
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").find("article")


def _audit_level_before(text: str, position: int) -> str | None:
    """The audit level named last before `position` in the same sentence."""
    start = max(text.rfind(". ", 0, position), 0)
    found = None
    for match in re.finditer(r"\b(None|Metadata|RequestResponse|Request)\b", text[start:position]):
        found = match.group(1)
    return found


def secret_audit_levels(text: str) -> list[str]:
    """Audit levels a sentence assigns to Secrets, read as "<level> for ... Secrets"."""
    if not re.search(r"\baudit\b|RequestResponse|`Metadata`", text, re.I):
        return []
    return [level for m in re.finditer(r"\bsecrets?\b", text, re.I)
            if (level := _audit_level_before(text, m.start())) is not None]


def test_the_secret_audit_reader_catches_the_old_wording():
    """The checker would have caught the defect it guards against (issue 12, point 2)."""
    old = ("Enable the Kubernetes API server audit log with an audit policy that records `Metadata` for most "
           "resources and `RequestResponse` for Secrets access, RBAC changes and exec into pods.")
    assert secret_audit_levels(old) == ["RequestResponse"]
    good = "`Metadata` level for most resources, `RequestResponse` for RBAC objects, and never more than `Metadata` for Secrets."
    assert secret_audit_levels(good) == ["Metadata"]


def test_no_page_puts_secrets_above_metadata_in_an_audit_policy(built_site):
    checked = 0
    for page in sorted(built_site.rglob("*.html")):
        art = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
        if art is None:
            continue
        for block in art.find_all(["p", "li", "td"]):
            levels = secret_audit_levels(block.get_text(" ", strip=True))
            checked += bool(levels)
            assert set(levels) <= {"None", "Metadata"}, (page.relative_to(built_site), block.get_text(" ", strip=True))
        for code in art.find_all("code"):  # audit Policy manifests: a rule naming secrets logs at most Metadata
            body = code.get_text()
            if "audit.k8s.io" in body and "kind: Policy" in body:
                for rule in re.split(r"\n\s*- level:", body)[1:]:
                    if re.search(r"\bsecrets\b", rule):
                        assert rule.split()[0] in ("None", "Metadata"), (page.relative_to(built_site), rule)
    assert checked >= 4  # levels 1 to 4 each say how Secrets are audited


def test_certifications_before_their_recommended_level_say_why_on_the_page(built_site, book):
    """Issue 12, point 1: CKS is not a Level 1 certification, and early ones are optional groundwork."""
    first = {c.id: min(LEVELS.index(lv) for lv in c.recommended_levels) for c in book.certifications if c.recommended_levels}
    early = 0
    for pp in book.practices:
        for cert_id in pp.practice.certifications:
            if LEVELS.index(pp.level.id) < first[cert_id]:
                early += 1
                art = article(built_site, f"levels/{pp.level.id}/{pp.dimension.id}/index.html")
                section = art.find(id=pp.practice.id).find_next(string=re.compile("Certifications that prepare people")).find_parent("p")
                note = section.find_next_sibling("ul")
                abbreviation = book.certification(cert_id).abbreviation
                assert note is not None and f"{abbreviation} at this level" in note.get_text(), (pp.practice.id, cert_id)
    assert early >= 3
    for dim in DIMENSIONS:
        art = article(built_site, f"levels/1-build/{dim}/index.html")
        for line in art.find_all(string=re.compile("Certifications that prepare people")):
            assert "CKS" not in line.find_parent("p").get_text(), dim
    people = article(built_site, "levels/1-build/people/index.html").get_text(" ")
    assert "CKS for whoever holds cluster-admin" not in people
    assert "holds CKA before" not in people  # not a gate at Build


def test_team_plan_shows_why_a_target_comes_early_and_only_while_it_is_early(built_site, book):
    table = article(built_site, "levels/1-build/index.html").find(id="team-plan").find_next("table")
    rows = {tr.find_all("td")[1].get_text(strip=True): tr.find_all("td")[3].get_text(" ", strip=True)
            for tr in table.find("tbody").find_all("tr")}
    assert "Ahead of its recommended levels" in rows["CKA"] and "not a gate" in rows["CKA"]
    by_abbreviation = {c.abbreviation: c for c in book.certifications}
    for number, level in enumerate(LEVELS, 1):
        table = article(built_site, f"levels/{level}/index.html").find(id="team-plan").find_next("table")
        for tr in table.find("tbody").find_all("tr"):
            cert = by_abbreviation[tr.find_all("td")[1].get_text(strip=True)]
            early = number < min(LEVELS.index(lv) + 1 for lv in cert.recommended_levels)
            if "Ahead of its recommended levels" in tr.get_text():
                assert early, (level, cert.id)


def test_handbook_additions_are_labelled_and_model_areas_are_not(built_site, book):
    """Issue 12, point 9: areas, transitions and team plans the model does not have say so."""
    added = [(dim.id, area.id) for dim in book.dimensions for area in dim.areas if area.handbook_addition]
    assert ("process", "platform-lifecycle") in added and ("people", "developer-agility") in added
    for dim in book.dimensions:
        art = article(built_site, f"dimensions/{dim.id}/index.html")
        for area in dim.areas:
            heading = art.find(id=f"area-{area.id}")
            label = heading.find_next_sibling()
            is_labelled = label.name == "p" and "hb-addition" in label.get("class", [])
            assert is_labelled == area.handbook_addition, (dim.id, area.id)
            if is_labelled:
                assert "not an area of the model" in label.get_text()
    cell = article(built_site, "levels/3-scale/process/index.html")
    assert "hb-addition" in cell.find(id="area-platform-lifecycle").find_next_sibling()["class"]
    level = article(built_site, "levels/2-operate/index.html")
    for anchor in ("next-level", "team-plan"):
        label = level.find(id=anchor).find_next_sibling()
        assert "hb-addition" in label["class"] and "Handbook addition" in label.get_text(), anchor


def test_cost_chart_says_it_is_illustrative_wherever_it_appears(built_site, book):
    """Issue 12, point 10: on the page, in the chart's text alternative and in its table's caption."""
    caveat = book.cost_curve.caveat
    assert "illustrative" in caveat.lower() and "not a forecast" in caveat.lower()
    pages = [f"levels/{lv}/index.html" for lv in LEVELS] + [f"levels/{lv}/business-outcomes/index.html" for lv in LEVELS]
    for page in pages:
        art = article(built_site, page)
        svg = art.find("svg", class_="hb-chart")
        assert caveat in art.find("p", class_="hb-caveat").get_text(), page
        assert caveat in svg.find("title").get_text() and caveat in svg.find("desc").get_text(), page
        assert caveat in art.find("details", class_="hb-figures").find("caption").get_text(), page
        assert caveat in art.find("figcaption").get_text(), page


def test_durations_without_a_source_are_not_stated_as_fact():
    """No fixed "12 to 18 months" of parallel running: a range from practice is said to be one."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in [*sorted((ROOT / "data" / "levels").rglob("*.yml")), ROOT / "data" / "roles.yml"])
    assert not re.search(r"\b\d+ to \d+ months\b", text)


EXAM_FIGURES = [
    r"requires an? (active|current) CKA", r"percent of the exam", r"\b\d+ to \d+ hours of\b", r"hands-on exams?\b",
    r"\bvalid (for|only)\b", r"\bpass(ing)? (mark|score)\b",
    r"\b\d+[- ](minutes?|hours?)\b[^.]{0,40}\bexam\b", r"\bexam\b[^.]{0,40}\b\d+[- ](minutes?|hours?)\b",
]


@pytest.mark.parametrize("path", sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "data" / "levels").rglob("*.yml")))
def test_level_files_leave_exam_rules_to_the_training_pages(path):
    """Exam formats, durations, pass marks and validity live with each certification's source."""
    text = " ".join((ROOT / path).read_text(encoding="utf-8").split())
    found = [pattern for pattern in EXAM_FIGURES if re.search(pattern, text, re.I)]
    assert found == []


def test_level_5_ai_states_the_model_and_the_handbooks_more_conservative_advice(built_site):
    """Issue 12, point 4."""
    tech = article(built_site, "levels/5-adapt/technology/index.html")
    section = tech.find(id="l5-tech-ai-for-operations").find_next("p").get_text(" ")
    assert "model" in section and "operational tasks" in section and "more conservative" in section
    policy = article(built_site, "levels/5-adapt/policy/index.html")
    section = policy.find(id="l5-pol-responsible-ai-by-design").find_next("p").get_text(" ")
    assert "future state" in section and "more conservative" in section


def test_both_plateaus_are_named_where_a_reader_decides_to_move_on(built_site):
    """Issue 12, point 6: many organisations plateau at Level 2; Level 4 is a place most can stay."""
    for level, words in (("2-operate", ["plateau"]), ("4-improve", ["plateau", "stay"])):
        next_level = article(built_site, f"levels/{level}/index.html").find(id="next-level").find_parent()
        text = next_level.get_text(" ")
        assert all(w in text for w in words), level


def test_slsa_build_level_3_is_described_as_the_specification_does(built_site):
    """Issue 12, point 11: builds isolated from one another, signing material out of reach of build steps."""
    text = article(built_site, "levels/4-improve/index.html").get_text(" ")
    assert "from the people who trigger them" not in text
    assert re.search(r"isolated from every other build", text) and "signing material" in text


def test_what_the_model_only_expects_you_to_explore_is_not_a_high_priority_item(book):
    """Issue 12, point 7: Cluster API and DORA metrics ("likely exploring", "may have implemented")."""
    for pp in book.practices_where(level="4-improve"):
        for item in pp.practice.checklist:
            if re.search(r"Cluster API|DORA", item.text):
                assert item.priority != "high", item.id


def test_level_5_trials_are_new_at_level_5(book):
    """Issue 12, point 3: a Level 5 sandbox trial does not reuse a project earlier levels already run."""
    earlier = {t for pp in book.practices if pp.level.number < 5 for t in pp.practice.tools}
    for pp in book.practices_where(level="5-adapt"):
        if "trial" in pp.practice.title.lower() or "trial" in " ".join(pp.practice.steps).lower():
            reused = [t for t in pp.practice.tools if t in earlier and book.project(t).cncf_status == "sandbox"]
            assert reused == [], pp.practice.id


def test_tools_page_says_which_projects_are_exceptions_and_which_are_not_cncf(built_site, book):
    """Issue 12, point 8: OpenTofu (level 1), Capsule (level 2) and OpenBao (level 4), as the model names them."""
    art = article(built_site, "tools/index.html")
    rows = {tr.find("td").get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in art.find_all("tr") if tr.find("td") and tr.find("td").find("span", id=True)}
    assert rows["OpenBao"][1].startswith("Not a CNCF project: OpenSSF")
    assert rows["OpenTofu"][1] == "Sandbox" and rows["Capsule"][1] == "Sandbox"
    exceptions = art.find(string=re.compile("Exceptions, named because the model itself names them")).find_parent("p").find_next_sibling("ul")
    listed = {li.find("a").get_text(): li.get_text(" ", strip=True) for li in exceptions.find_all("li")}
    assert set(listed) == {"OpenTofu", "Capsule", "OpenBao"}
    assert "level 1 Build" in listed["OpenTofu"] and "level 2 Operate" in listed["Capsule"] and "level 4 Improve" in listed["OpenBao"]
    for project in book.projects:  # nothing outside the CNCF is described as a CNCF project
        if project.cncf_status == "not-cncf":
            assert "CNCF" not in rows[project.name][1].replace("Not a CNCF project", "")
    cell = article(built_site, "levels/4-improve/technology/index.html").find(id="l4-tech-design-review-environments").find_parent()
    assert "OpenBao (not a CNCF project)" in " ".join(cell.get_text(" ").split())
