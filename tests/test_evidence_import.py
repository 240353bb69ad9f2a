"""The self-assessment imports a `handbook evidence` file as proposals, in a real browser:
each proposal is shown against the current answer, and only accepted ones change anything.

The proposals file is made by the CLI from the report fixtures, as a team would make it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import handbook, says
from test_assessment import (
    import_file,
    open_assessment,
    page_data,
    record,
    seed,
    stored,
    write_json,
)
from test_workshops import no_script_errors  # noqa: F401  (autouse: an uncaught page error fails the test)

REPORTS = Path(__file__).parent / "fixtures" / "reports"


@pytest.fixture(scope="module")
def data(built_site) -> dict:
    return page_data(built_site)


@pytest.fixture(scope="module")
def proposals_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("proposals") / "proposals.json"
    result = handbook("evidence", *(str(REPORTS / f) for f in (
        "policyreport-pass.yaml", "policyreports-list.json", "scorecard.json")), "--team", "Platform", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


CHANGED = "l1-tech-ephemeral-design-2"  # answered "in progress" with a note; proposed done
NEW = "l4-tech-secure-release-1"  # not answered; proposed in progress (verify-image fails once)
SAME = "l2-proc-git-ci-workflow-1"  # already done; proposed done with evidence
OTHER = "l1-tech-hard-to-change-1"  # no rule: must never change


def load_proposals(page, path: Path) -> None:
    page.set_input_files("#ha-proposals-file", str(path))
    page.wait_for_selector("#ha-proposals-table tbody tr")


def test_proposals_are_shown_against_the_current_answers_and_only_accepted_ones_apply(page, served_site, data, proposals_file):
    proposed = json.loads(proposals_file.read_text(encoding="utf-8"))["answers"]
    mine = {CHANGED: {"status": "in-progress", "note": "Checked two services by hand."},
            SAME: {"status": "done", "note": ""},
            OTHER: {"status": "done", "note": "Ours."}}
    seed(page, served_site, data, mine)
    load_proposals(page, proposals_file)

    rows = page.eval_on_selector_all("#ha-proposals-table tbody tr", "rs => rs.map(r => [r.dataset.item, r.dataset.change,"
                                     " r.querySelector('.ha-proposal-current').innerText,"
                                     " r.querySelector('.ha-proposal-proposed').innerText])")
    by_id = {r[0]: r[1:] for r in rows}
    assert set(by_id) == set(proposed)  # one row per proposal, nothing else
    assert by_id[CHANGED][:3] == ["changed", "In progress", "Done"]
    assert by_id[NEW][:3] == ["new", "Not started", "In progress"]
    assert by_id[SAME][0] == "same" and by_id[SAME][2].startswith("Done")
    summary = page.inner_text("#ha-proposals-summary")
    assert f"{len(proposed)} proposals for team Platform" in summary
    # The evidence of a proposal is shown as text; Scorecard documentation as a link.
    row = page.locator(f"#ha-proposals-table tr[data-item='{SAME}']")
    row.locator("summary").click()
    assert "scorecard Branch-Protection" in row.locator(".ha-proposal-note").inner_text()
    assert row.locator("a[href^='https://github.com/ossf/scorecard']").count() == 1

    # Loading the file changed nothing.
    assert stored(page, data)["answers"] == {k: v for k, v in mine.items()}

    # Accept one: only that item changes, and the user's own note is kept beside the evidence.
    page.check(f"#ha-proposals-table tr[data-item='{CHANGED}'] input.ha-proposal-accept")
    page.click("#ha-proposals-accept")
    answers = stored(page, data)["answers"]
    assert answers[CHANGED]["status"] == "done"
    assert answers[CHANGED]["assessor"] == "handbook evidence"
    assert answers[CHANGED]["date"] == proposed[CHANGED]["date"]
    assert answers[CHANGED]["note"].startswith("Proposed by handbook evidence")
    assert "Earlier note: Checked two services by hand." in answers[CHANGED]["note"]
    assert NEW not in answers
    assert answers[SAME] == mine[SAME] and answers[OTHER] == mine[OTHER]
    assert page.locator(f"#ha-proposals-table tr[data-item='{CHANGED}']").count() == 0
    assert says(page.inner_text(".ha-message"), "assessment.proposals.accepted.one", count=1)
    # The checklist shows the accepted status.
    assert page.locator(f"select.ha-status-select[data-item='{CHANGED}']").input_value() == "done"

    # Accept all: the rest arrive; answers without a proposal stay as they were.
    page.click("#ha-proposals-accept-all")
    answers = stored(page, data)["answers"]
    assert answers[NEW]["status"] == "in-progress" and "refunds-2" in answers[NEW]["note"]
    assert answers[SAME]["status"] == "done" and answers[SAME]["assessor"] == "handbook evidence"
    assert answers[OTHER] == mine[OTHER]
    assert set(proposed) <= set(answers)
    assert says(page.inner_text("#ha-proposals-summary"), "assessment.proposals.none_left")

    # After a reload the accepted answers are still there.
    open_assessment(page, served_site)
    assert stored(page, data)["answers"][NEW]["status"] == "in-progress"


def test_accepting_nothing_changes_nothing_and_an_ordinary_answers_file_is_not_taken_as_proposals(page, served_site, data, tmp_path):
    mine = {CHANGED: {"status": "in-progress", "note": ""}}
    seed(page, served_site, data, mine)
    plain = write_json(tmp_path / "answers.json", record(data, {NEW: {"status": "done", "note": ""}}))
    page.set_input_files("#ha-proposals-file", str(plain))
    page.wait_for_selector("#ha-proposals .ha-alert p")
    assert says(page.inner_text("#ha-proposals .ha-alert"), "assessment.proposals.not_proposals")
    assert stored(page, data)["answers"] == mine


def test_the_ordinary_import_does_not_apply_a_proposals_file(page, served_site, data, proposals_file):
    mine = {CHANGED: {"status": "in-progress", "note": ""}}
    seed(page, served_site, data, mine)
    import_file(page, proposals_file, mode="replace")
    page.wait_for_selector(".ha-alert p")
    assert says(page.inner_text(".ha-alert"), "assessment.records.holds_proposals", section="Evidence from tools")
    assert stored(page, data)["answers"] == mine


def test_the_proposal_rules_as_plain_functions(page, served_site, data):
    open_assessment(page, served_site)
    ids = [i["id"] for i in data["items"][:3]]
    out = page.evaluate("""ids => {
      const HA = window.HandbookAssessment;
      const model = document.getElementById('handbook-assessment').haApp.model;
      const current = {[ids[0]]: {status: 'in-progress', note: 'mine', links: ['https://example.org/a']},
                       [ids[2]]: {status: 'done', note: ''}};
      const proposed = {[ids[0]]: {status: 'done', note: 'evidence', links: ['https://example.org/b'],
                                   assessor: 'handbook evidence', date: '2026-11-20'},
                        [ids[1]]: {status: 'in-progress', note: 'evidence 2'},
                        [ids[2]]: {status: 'done', note: 'evidence 3'}};
      return {
        rows: HA.proposalRows(model, current, proposed).map(r => [r.id, r.change, r.current, r.proposed]),
        accepted: HA.acceptProposals(current, proposed, [ids[0]]),
        plain: HA.checkProposals(model, {schema: 2, answers: {}}).error || '',
        unknown: HA.checkProposals(model, {schema: 2, answers: {'no-such-item': {status: 'done', note: ''}},
                                           proposals: {items: {}}}).unknown
      };
    }""", ids)
    assert out["rows"] == [[ids[0], "changed", "in-progress", "done"], [ids[1], "new", "not-started", "in-progress"],
                           [ids[2], "same", "done", "done"]]
    accepted = out["accepted"]
    assert accepted[ids[0]]["note"] == "evidence\n\nEarlier note: mine"
    assert accepted[ids[0]]["links"] == ["https://example.org/b", "https://example.org/a"]
    assert accepted[ids[0]]["assessor"] == "handbook evidence" and accepted[ids[0]]["date"] == "2026-11-20"
    assert ids[1] not in accepted and accepted[ids[2]] == {"status": "done", "note": ""}
    assert "not a proposals file" in out["plain"]
    assert out["unknown"] == ["no-such-item"]
