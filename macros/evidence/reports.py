"""Reading report files: policy reports, OpenSSF Scorecard results and kube-bench results.

A file holds JSON or YAML: one report, a list of reports, or a Kubernetes List (what
``kubectl get policyreports -A -o json`` prints). Each report becomes a ``Report`` of plain
``Result`` rows, whatever tool wrote it. These files are not handbook data: they are read with
``yaml.safe_load_all`` here, never through the data loader.

Formats (see tests/fixtures/reports/README.md for where each is defined):

- PolicyReport / ClusterPolicyReport (``wgpolicyk8s.io/v1alpha2``) and Report / ClusterReport
  (``openreports.io/v1alpha1``): ``results[]`` with ``policy``, ``rule``, ``result``
  (pass, fail, warn, error, skip), ``resources[]`` and ``timestamp``; a report may name its one
  resource in ``scope``.
- Scorecard ``--format json``: ``date``, ``repo.name``, ``checks[]`` with ``name``, ``score``
  (-1 when the check could not run), ``reason`` and ``documentation.url``.
- kube-bench ``--json``: ``{"Controls": [...], "Totals": ...}`` or one Controls object; each has
  ``version`` (the benchmark, e.g. ``cis-1.10``), ``node_type`` and ``tests[].results[]`` with
  ``test_number``, ``test_desc`` and ``status`` (PASS, FAIL, WARN, INFO). It has no date: the
  file's modification date stands in for it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from macros.problems import display_path

MAX_BYTES = 200 * 1024 * 1024  # a whole cluster's policy reports run to tens of megabytes
POLICY_REPORT_KINDS = {
    "wgpolicyk8s.io/v1alpha2": ("PolicyReport", "ClusterPolicyReport"),
    "openreports.io/v1alpha1": ("Report", "ClusterReport"),
}
POLICY_OUTCOMES = ("pass", "fail", "warn", "error", "skip")
KUBE_BENCH_OUTCOMES = {"PASS": "pass", "FAIL": "fail", "WARN": "warn", "INFO": "info"}
EXPECTED = "a policy report, an OpenSSF Scorecard result (--format json) or a kube-bench result (--json)"
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


class ReportError(Exception):
    """A file (or one object in it) that is not a report this command reads."""

    def __init__(self, file: str, message: str):
        self.file = file
        self.message = message
        super().__init__(f"{file}: {message}")


@dataclass(frozen=True)
class Result:
    check: str  # policy name, Scorecard check name or CIS Benchmark id
    outcome: str  # pass, fail, warn, error, skip, info; for Scorecard "score" (see score)
    rule: str = ""  # the policy's rule (policy reports)
    subject: str = ""  # the resource, repository or node the result is about
    score: int | None = None  # Scorecard: 0 to 10, -1 when the check could not run
    detail: str = ""  # the tool's message or reason
    url: str = ""  # Scorecard: the check's documentation


@dataclass(frozen=True)
class Report:
    file: str  # as given on the command line, shortened
    source: str  # policy-report, scorecard or kube-bench
    label: str  # what the report is, in a few words
    date: str  # YYYY-MM-DD
    results: tuple[Result, ...]
    version: str = ""  # kube-bench: the benchmark version, e.g. cis-1.10
    date_from_file: bool = False  # the report carries no date: the file's date stands in
    problems: tuple[str, ...] = field(default=())  # objects in the file that were left out


def read_report_file(path: Path) -> list[Report]:
    """Every report in one file; raises ReportError when the file holds none."""
    name = display_path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ReportError(name, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReportError(name, "no such file") from None
    except IsADirectoryError:
        raise ReportError(name, "is a directory, not a report file") from None
    except OSError as exc:
        raise ReportError(name, f"cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReportError(name, f"is not UTF-8 text (byte {exc.start}): not a JSON or YAML report") from None
    file_date = datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()
    objects = _objects(name, _parse(name, text))
    reports: list[Report] = []
    skipped: list[str] = []
    for where, obj in objects:
        try:
            reports.extend(_report(name, obj, file_date))
        except ReportError as exc:
            skipped.append(f"{where}: {exc.message}" if where else exc.message)
    if not reports:
        if len(skipped) == 1:
            raise ReportError(name, skipped[0])
        raise ReportError(name, "holds no report: " + "; ".join(skipped[:5]) if skipped else "holds no report")
    if skipped:
        reports[0] = Report(**{**reports[0].__dict__, "problems": tuple(skipped)})
    return reports


def _parse(name: str, text: str) -> Any:
    if not text.strip():
        raise ReportError(name, "is empty: not a JSON or YAML report")
    stripped = text.lstrip()
    if stripped[:1] in "{[":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReportError(name, f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg}); "
                                    "is the file cut short?") from None
    try:
        docs = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise ReportError(name, f"{where}not valid JSON or YAML ({problem})") from None
    if not docs:
        raise ReportError(name, "holds no YAML document: not a report")
    return docs[0] if len(docs) == 1 else docs


def _objects(name: str, data: Any) -> list[tuple[str, Any]]:
    """The report objects of a file: one, a list, or the items of a Kubernetes List."""
    if isinstance(data, dict) and isinstance(data.get("items"), list) and str(data.get("kind", "")).endswith("List"):
        return [(f"items[{i}]", obj) for i, obj in enumerate(data["items"])]
    if isinstance(data, list):
        if not data:
            raise ReportError(name, "is an empty list: no report in it")
        return [(f"[{i}]", obj) for i, obj in enumerate(data)]
    if isinstance(data, dict):
        return [("", data)]
    raise ReportError(name, f"holds {_kind_of(data)}, not {EXPECTED}")


def _kind_of(value: Any) -> str:
    if isinstance(value, str):
        return "plain text"
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, (int, float)):
        return "a number"
    return "an empty value" if value is None else type(value).__name__


def _report(name: str, obj: Any, file_date: str) -> list[Report]:
    if not isinstance(obj, dict):
        raise ReportError(name, f"holds {_kind_of(obj)} where a report object was expected")
    if "apiVersion" in obj or "kind" in obj:
        return [_policy_report(name, obj, file_date)]
    if isinstance(obj.get("checks"), list) and isinstance(obj.get("repo"), dict):
        return [_scorecard(name, obj, file_date)]
    if isinstance(obj.get("Controls"), list):
        return [_kube_bench(name, c, file_date) for c in obj["Controls"]]
    if isinstance(obj.get("tests"), list) and "node_type" in obj:
        return [_kube_bench(name, obj, file_date)]
    raise ReportError(name, f"is not {EXPECTED}")


# ---- policy reports -------------------------------------------------------------------


def _policy_report(name: str, obj: dict, file_date: str) -> Report:
    api, kind = str(obj.get("apiVersion", "")), str(obj.get("kind", ""))
    if kind not in POLICY_REPORT_KINDS.get(api, ()):
        known = "; ".join(f"{', '.join(kinds)} in {group}" for group, kinds in POLICY_REPORT_KINDS.items())
        raise ReportError(name, f"is a {kind or 'resource'} ({api or 'no apiVersion'}), not a policy report; "
                                f"expected {known}")
    meta = _mapping(obj.get("metadata"))
    namespace = str(meta.get("namespace") or "")
    scope = _resource_name(_mapping(obj.get("scope")), namespace) if obj.get("scope") else ""
    raw_results = obj.get("results") or []
    if not isinstance(raw_results, list):
        raise ReportError(name, f"{kind} {meta.get('name', '')}: results is not a list")
    results = []
    stamps = []
    for i, r in enumerate(raw_results):
        if not isinstance(r, dict) or not r.get("policy"):
            raise ReportError(name, f"{kind} {meta.get('name', '')}: results[{i}] has no policy")
        outcome = str(r.get("result", "")).lower()
        if outcome not in POLICY_OUTCOMES:
            raise ReportError(name, f"{kind} {meta.get('name', '')}: results[{i}].result is {r.get('result')!r}; "
                                    f"expected one of {', '.join(POLICY_OUTCOMES)}")
        resources = [_resource_name(res, namespace) for res in r.get("resources") or [] if isinstance(res, dict)]
        subjects = resources or ([scope] if scope else [])
        for subject in subjects or [""]:
            results.append(Result(check=str(r["policy"]), rule=str(r.get("rule") or ""), outcome=outcome,
                                  subject=subject, detail=str(r.get("message") or "")))
        stamp = r.get("timestamp")
        if isinstance(stamp, dict) and isinstance(stamp.get("seconds"), (int, str)) and str(stamp["seconds"]).isdigit():
            stamps.append(datetime.fromtimestamp(int(stamp["seconds"]), UTC).date().isoformat())
    created = _date(meta.get("creationTimestamp"))
    date = max(stamps) if stamps else created
    where = f" in {namespace}" if namespace else ""
    return Report(file=name, source="policy-report", label=f"{kind} {meta.get('name', '')}{where}".strip(),
                  date=date or file_date, results=tuple(results), date_from_file=not date)


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _resource_name(res: dict, namespace: str) -> str:
    ns = str(res.get("namespace") or namespace or "")
    kind = str(res.get("kind") or "")
    parts = [p for p in (ns, kind, str(res.get("name") or "")) if p]
    return "/".join(parts)


def _date(value: Any) -> str:
    match = _DATE.match(str(value or ""))
    if not match:
        return ""
    try:
        return datetime.strptime(match.group(1), "%Y-%m-%d").date().isoformat()
    except ValueError:
        return ""


# ---- OpenSSF Scorecard ----------------------------------------------------------------


def _scorecard(name: str, obj: dict, file_date: str) -> Report:
    repo = str(obj["repo"].get("name") or "")
    results = []
    for i, c in enumerate(obj["checks"]):
        if not isinstance(c, dict) or not c.get("name") or not isinstance(c.get("score"), int) or isinstance(c.get("score"), bool):
            raise ReportError(name, f"Scorecard checks[{i}] needs a name and a whole-number score")
        doc = _mapping(c.get("documentation"))
        url = str(doc.get("url") or "")
        results.append(Result(check=str(c["name"]), outcome="score", subject=repo, score=c["score"],
                              detail=str(c.get("reason") or ""),
                              url=url if re.match(r"^https?://\S+$", url) else ""))
    date = _date(obj.get("date"))
    return Report(file=name, source="scorecard", label=f"Scorecard {repo}".strip(), date=date or file_date,
                  results=tuple(results), date_from_file=not date)


# ---- kube-bench -----------------------------------------------------------------------


def _kube_bench(name: str, controls: Any, file_date: str) -> Report:
    """One Controls object: the checks of one node type against one benchmark version."""
    if not isinstance(controls, dict) or not isinstance(controls.get("tests"), list):
        raise ReportError(name, "kube-bench Controls need a tests list")
    results = []
    node_type = str(controls.get("node_type") or "")
    for group in controls["tests"]:
        for check in (group.get("results") if isinstance(group, dict) else None) or []:
            status = str(check.get("status", "")) if isinstance(check, dict) else ""
            if status not in KUBE_BENCH_OUTCOMES or not check.get("test_number"):
                number = check.get("test_number", "?") if isinstance(check, dict) else "?"
                raise ReportError(name, f"kube-bench result {number!r} has status {status!r}; "
                                        "expected PASS, FAIL, WARN or INFO")
            results.append(Result(check=str(check["test_number"]), outcome=KUBE_BENCH_OUTCOMES[status],
                                  subject=node_type, detail=str(check.get("test_desc") or "")))
    version = str(controls.get("version") or "")
    return Report(file=name, source="kube-bench",
                  label=f"kube-bench {version or 'of unknown benchmark version'} {node_type}".strip(),
                  date=file_date, results=tuple(results), version=version, date_from_file=True)
