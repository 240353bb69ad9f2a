"""The self-assessment's answers file, read in Python (``handbook plan``).

The format is the one the assessment page exports (docs/assets/javascripts/assessment/records.js,
``checkRecord``); this module applies the same checks, so a file the page refuses is refused
here too, and the plan settings the page keeps with the answers are checked the same way:

    {"schema": 2, "handbook": "...", "variant": "", "data_version": "...", "saved_at": "...",
     "team": "Platform team",                         (optional)
     "answers": {"<item id>": {"status": "done", "note": "...",
                               "links": ["https://..."], "assessor": "...", "date": "2026-05-04"}, ...},
     "snapshots": [{"date": "2026-01-10", "label": "...", "answers": {"<item id>": "done"}}],  (optional)
     "item_fingerprints": {...}, "consensus": {...},  (optional: read by the page only)
     "targets": {"<dimension id>": 3, ...},           (optional: level numbers, 0 plans nothing)
     "capacity": 12,                                  (optional: person-weeks per phase)
     "phase_weeks": 6}                                (optional: weeks per phase)

Answers for items the handbook no longer has are kept (they count for nothing), as on the page.
A malformed target, capacity or phase length is an error naming the field, never ignored.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NoReturn

from macros.handbook import Handbook
from macros.problems import DataError, Problem, display_path

# Version 2 added evidence (links, assessor, date) per answer, snapshots, consensus and item
# fingerprints; version 1 files are read as they are.
SCHEMA_VERSION = 2
MAX_NOTE = 5000  # characters, as records.js
STATUSES = ("not-started", "in-progress", "done", "na")
CAPACITY_MAX = 10000  # person-weeks per phase: anything above is a typo
PHASE_WEEKS_MAX = 104  # two years


class AnswersError(DataError):
    """Problems in an answers file or in the plan options given on the command line."""

    def report(self) -> str:
        # Line 0: a problem of the whole file or of a command-line option, which has no line.
        lines = [str(p) if p.line else ": ".join(x for x in (p.file, p.field, p.message) if x) for p in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found in the answers or the plan options.")
        return "\n".join(lines)


@dataclass(frozen=True)
class AnswersRecord:
    statuses: Mapping[str, str]  # item id -> status (not-started items may be left out)
    team: str = ""
    targets: Mapping[str, int] = field(default_factory=dict)  # dimension id -> level number
    capacity: float | None = None
    phase_weeks: int | None = None


def level_numbers(handbook: Handbook) -> list[int]:
    return sorted(lv.number for lv in handbook.levels)


def target_error(handbook: Handbook, value: Any) -> str | None:
    """Why a target value is not acceptable, or None. The same rule as plan.js ``targetError``."""
    top = max(level_numbers(handbook))
    if not _is_number(value) or not float(value).is_integer() or not 0 <= value <= top:
        return f"expected a level number from 0 to {top} (0 plans nothing in this dimension), found {_shown(value)}"
    return None


def capacity_error(value: Any) -> str | None:
    if not _is_number(value) or not 0 < value <= CAPACITY_MAX:
        return f"expected person-weeks per phase, a number above 0 and at most {CAPACITY_MAX}, found {_shown(value)}"
    return None


def phase_weeks_error(value: Any) -> str | None:
    if not _is_number(value) or not float(value).is_integer() or not 1 <= value <= PHASE_WEEKS_MAX:
        return f"expected whole weeks per phase from 1 to {PHASE_WEEKS_MAX}, found {_shown(value)}"
    return None


def read_answers(path: Path, handbook: Handbook) -> AnswersRecord:
    """The answers file at path, checked; AnswersError names the file, line and field of each problem."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte order mark is fine, as in the browser
    except FileNotFoundError:
        raise AnswersError([Problem(shown, 0, "", "no such file")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswersError([Problem(shown, 0, "", f"cannot be read ({exc.__class__.__name__}: {exc})")]) from None
    try:
        obj = json.loads(text, parse_constant=_refuse_constant)
    except (json.JSONDecodeError, ValueError) as exc:
        line = getattr(exc, "lineno", 1)
        raise AnswersError([Problem(shown, line, "", f"not a JSON file ({getattr(exc, 'msg', exc)})")]) from None
    return check_record(obj, handbook, shown, text)


def check_record(obj: Any, handbook: Handbook, shown: str = "answers", text: str = "") -> AnswersRecord:
    problems: list[Problem] = []

    def problem(path: list[str], message: str) -> None:
        problems.append(Problem(shown, _line_of(text, path), ".".join(path), message))

    if not isinstance(obj, dict):
        raise AnswersError([Problem(shown, 1, "", "expected a JSON object with an \"answers\" field")])
    schema = obj.get("schema", SCHEMA_VERSION)
    if not _is_number(schema) or not 1 <= schema <= SCHEMA_VERSION:
        problem(["schema"], f"this handbook reads answer format version {SCHEMA_VERSION}, found {_shown(schema)}")
    statuses: dict[str, str] = {}
    if "answers" not in obj:
        problem(["answers"], "missing: expected an object of item id -> {status, note}")
    elif not isinstance(obj["answers"], dict):
        problem(["answers"], f"expected an object of item id -> {{status, note}}, found {_shown(obj['answers'])}")
    else:
        for item_id, answer in obj["answers"].items():
            if not isinstance(answer, dict):
                problem(["answers", item_id], f"expected an object {{status, note}}, found {_shown(answer)}")
            elif answer.get("status") not in STATUSES:
                problem(["answers", item_id, "status"],
                        f"expected one of {', '.join(STATUSES)}, found {_shown(answer.get('status'))}")
            elif bad := _evidence_problem(answer):
                problem(["answers", item_id, bad[0]], bad[1])
            else:
                statuses[item_id] = answer["status"]
    team = obj.get("team")
    if team is not None and not isinstance(team, str):
        problem(["team"], f"expected text, found {_shown(team)}")
    if "snapshots" in obj and (message := _snapshots_problem(obj["snapshots"])):
        problem(["snapshots"], message)
    for key in ("item_fingerprints", "consensus"):
        if key in obj and not isinstance(obj[key], dict):
            problem([key], f"expected an object, found {_shown(obj[key])}")
    targets = _check_targets(obj, handbook, problem)
    capacity = obj.get("capacity")
    if capacity is not None and (message := capacity_error(capacity)):
        problem(["capacity"], message)
    phase_weeks = obj.get("phase_weeks")
    if phase_weeks is not None and (message := phase_weeks_error(phase_weeks)):
        problem(["phase_weeks"], message)
    if problems:
        raise AnswersError(problems)
    return AnswersRecord(
        statuses=statuses,
        team=team if isinstance(team, str) else "",
        targets=targets,
        capacity=capacity,
        phase_weeks=int(phase_weeks) if phase_weeks is not None else None,
    )


def _check_targets(obj: dict, handbook: Handbook, problem: Callable[[list[str], str], None]) -> dict[str, int]:
    raw = obj.get("targets")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problem(["targets"], f"expected an object of dimension id -> level number, found {_shown(raw)}")
        return {}
    known = [d.id for d in handbook.dimensions]
    targets = {}
    for dim, value in raw.items():
        if dim not in known:
            problem(["targets", dim], f"unknown dimension; expected one of {', '.join(known)}")
        elif message := target_error(handbook, value):
            problem(["targets", dim], message)
        else:
            targets[dim] = int(value)
    return targets


def _is_date(value: Any) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _evidence_problem(answer: dict) -> tuple[str, str] | None:
    """(field, message) for the first bad field of one answer; the same checks as records.js."""
    note = answer.get("note")
    if note is not None and not isinstance(note, str):
        return "note", f"expected text, found {_shown(note)}"
    if isinstance(note, str) and len(note) > MAX_NOTE:
        return "note", f"longer than {MAX_NOTE} characters"
    links = answer.get("links")
    if "links" in answer and (not isinstance(links, list) or not all(isinstance(x, str) and len(x) <= 2000 for x in links)):
        return "links", f"expected a list of addresses, found {_shown(links)}"
    if "assessor" in answer and not isinstance(answer["assessor"], str):
        return "assessor", f"expected text, found {_shown(answer['assessor'])}"
    when = answer.get("date")
    if when not in (None, "") and not _is_date(when):
        return "date", f"expected a YYYY-MM-DD date, found {_shown(when)}"
    if isinstance(when, str) and _is_date(when) and when > datetime.now(UTC).date().isoformat():
        return "date", f"{when} is in the future"
    return None


def _snapshots_problem(snapshots: Any) -> str | None:
    if not isinstance(snapshots, list):
        return f"expected a list, found {_shown(snapshots)}"
    for k, snap in enumerate(snapshots, start=1):
        if not isinstance(snap, dict) or not _is_date(snap.get("date")):
            return f"snapshot {k}: expected {{date: YYYY-MM-DD, label, answers}}, found {_shown(snap)}"
        if "label" in snap and not isinstance(snap["label"], str):
            return f"snapshot {k}: the label is not text"
        answers = snap.get("answers")
        if not isinstance(answers, dict) or any(s not in STATUSES for s in answers.values()):
            return f"snapshot {k}: expected answers of item id -> one of {', '.join(STATUSES)}"
    return None


def _is_number(value: Any) -> bool:
    # JSON true/false are not numbers, even though Python's bool is an int.
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not valid JSON")


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _line_of(text: str, path: list[str]) -> int:
    """The line of the last key of path in the JSON text (each key searched after the previous one)."""
    position = 0
    for key in path:
        match = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:").search(text, position)
        if not match:
            break
        position = match.start()
    return text.count("\n", 0, position) + 1 if text else 1
