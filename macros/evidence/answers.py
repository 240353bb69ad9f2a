"""Writing proposals as an answers file the self-assessment imports for review.

The file is an answers record of the self-assessment (schema 2, the shape
docs/assets/javascripts/assessment/records.js reads and writes): per proposed item a status and
its evidence: a note naming source, check, result, report date and file, the Scorecard check's
documentation as a link, ``handbook evidence`` as the assessor and the report's date. The
``proposals`` field says the answers are proposals: the page shows each one against the current
answer and changes nothing the user has not accepted. The same provenance is kept there as data.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from macros.answers import MAX_NOTE, SCHEMA_VERSION
from macros.evidence.reports import Report, Result
from macros.evidence.rules import Match, Outcome, Proposal
from macros.handbook import Handbook

ASSESSOR = "handbook evidence"
NOTE_LIMIT = MAX_NOTE - 200  # the page refuses longer notes; room for the user's own note kept beside it
MAX_LISTED = 10  # failing resources or checks named per match


def result_text(match: Match) -> str:
    """"12 pass, 1 fail" or "score 6 (needs 8)"."""
    if match.rule.source == "scorecard":
        scores = ", ".join(f"score {r.score}" for r in match.results)
        return f"{scores} (passes at {match.rule.min_score})"
    counts: dict[str, int] = {}
    for r in match.results:
        counts[r.outcome] = counts.get(r.outcome, 0) + 1
    return ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items()))


def _failing_text(source: str, result: Result) -> str:
    if source == "scorecard":
        return f"{result.check} score {result.score}" + (f": {result.detail}" if result.detail else "")
    if source == "kube-bench":
        return f"{result.check} {result.detail} ({result.outcome.upper()}, {result.subject} node)".replace("  ", " ")
    rule = f", rule {result.rule}" if result.rule else ""
    return f"{result.subject or 'the report scope'} ({result.outcome}{rule})"


def failing_list(match: Match) -> list[str]:
    seen = list(dict.fromkeys(_failing_text(match.rule.source, r) for r in match.failing))
    return seen[:MAX_LISTED] + ([f"and {len(seen) - MAX_LISTED} more"] if len(seen) > MAX_LISTED else [])


def check_text(match: Match) -> str:
    """The check as the report names it: kube-bench ids are those the report held."""
    rule = match.rule
    if rule.source == "kube-bench":
        return ", ".join(c for c in rule.checks if any(r.check == c for r in match.results))
    checks = ", ".join(rule.checks)
    return f"{checks} rule {rule.rule}" if rule.rule else checks


def _report_text(report: Report) -> str:
    dated = "file date" if report.date_from_file else "report date"
    return f"{report.label}, {dated} {report.date}, file {report.file}"


def note(proposal: Proposal) -> str:
    lines = [f"Proposed by {ASSESSOR} from {len({m.report.file for m in proposal.matches})} report file(s)."]
    for m in proposal.matches:
        lines.append(f"- {m.rule.source} {check_text(m)}: {result_text(m)} ({_report_text(m.report)}). "
                     f"Proves: {m.rule.proves}")
        failing = failing_list(m)
        if failing:
            lines.append("  Not passing: " + "; ".join(failing))
    text = "\n".join(lines)
    return text if len(text) <= NOTE_LIMIT else text[: NOTE_LIMIT - 1] + "…"


def provenance(match: Match) -> dict:
    return {
        "source": match.rule.source,
        "check": check_text(match),
        "proves": match.rule.proves,
        "result": "pass" if not match.failing else "not passing",
        "summary": result_text(match),
        "not_passing": failing_list(match),
        "report": match.report.label,
        "report_date": match.report.date,
        "date_from_file": match.report.date_from_file,
        "file": match.report.file,
        **({"benchmark": match.report.version} if match.report.version else {}),
    }


def answers_record(handbook: Handbook, outcome: Outcome, team: str, variant: str = "") -> dict:
    answers = {}
    items = {}
    for p in outcome.proposals:
        links = sorted({r.url for m in p.matches for r in m.results if r.url})
        answers[p.item.item.id] = {
            "status": p.status,
            "note": note(p),
            **({"links": links} if links else {}),
            "assessor": ASSESSOR,
            "date": p.date,
        }
        items[p.item.item.id] = [provenance(m) for m in p.matches]
    record = {
        "schema": SCHEMA_VERSION,
        "handbook": handbook.model.name,
        "variant": variant,
        "variant_name": handbook.variant.file.name if handbook.variant else "",
        "data_version": handbook.model.data_version,
        "saved_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "answers": answers,
        "proposals": {
            "tool": ASSESSOR,
            "items": items,
            "not_covered": [{"file": u.report.file, "report": u.report.label, "benchmark": u.report.version,
                             "checked_against": list(u.versions), "checks": list(u.checks)} for u in outcome.uncovered],
        },
    }
    if team:
        record["team"] = team
    return record


def write_atomically(path: Path, text: str) -> None:
    """Write beside the target and rename: a failed run never leaves a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def record_json(record: dict) -> str:
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"
