"""A plan (``macros.plan.make_plan``) as Markdown, CSV or JSON text.

The assessment page writes the same three files (docs/assets/javascripts/assessment/planexport.js):
byte for byte the same text for the same plan and site address, which a browser test checks.

- Markdown, for a wiki page or a pull request: a summary, then one table per phase.
- CSV for issue trackers' importers: Summary, Description, Labels, Priority, Phase (the column
  mapping for Jira and GitHub is in docs/plan.md). UTF-8 without a byte order mark (importers
  would read it as part of the first header), CRLF line ends, fields quoted when needed.
- JSON: the plan itself, plus the site address its practice links are relative to.

Links: ``site_url`` + the practice's path when a site address is known, else the path alone.
"""

from __future__ import annotations

import json
import re

CSV_COLUMNS = ["Summary", "Description", "Labels", "Priority", "Phase"]
CSV_PRIORITY = {"high": "High", "medium": "Medium", "low": "Low"}


def plan_json(plan: dict, site_url: str = "") -> str:
    return json.dumps({"site_url": site_url, **plan}, ensure_ascii=False, indent=2) + "\n"


def plan_markdown(plan: dict, site_url: str = "") -> str:
    by_id = {line["practice"]: line for line in plan["lines"]}
    title = f"Plan: {plan['team']}" if plan["team"] else f"Plan: {plan['handbook']}"
    out = [f"# {md_text(title)}", "", md_text(summary(plan)), ""]
    out += ["Targets:", ""] + [f"- {md_text(t)}" for t in target_lines(plan)] + [""]
    if not plan["lines"]:
        out += ["Nothing to do: every item up to the targets is done or not applicable.", ""]
    for phase in plan["phases"]:
        out += [f"## {md_text(phase_title(plan, phase))}", ""]
        out += ["| # | Practice | Dimension | Level | Owners | Effort | Items that prove it done |",
                "|---|---|---|---|---|---|---|"]
        for pid in phase["practices"]:
            line = by_id[pid]
            practice = f"[{md_text(line['title'])}]({site_url}{line['url']})"
            if line["requires"]:
                practice += "<br>after: " + ", ".join(md_text(by_id[r]["title"]) for r in line["requires"])
            if line["reason"] == "prerequisite":
                practice += "<br>(prerequisite of a target)"
            items = "<br>".join(f"`{i['id']}` ({i['priority']}) {md_text(i['text'])}" for i in line["items"])
            out.append("| " + " | ".join([
                str(line["order"]), practice, md_text(line["dimension_name"]),
                md_text(f"{line['level_number']} {line['level_name']}"), md_text(", ".join(line["owner_names"])),
                md_text(effort_text(line)), items,
            ]) + " |")
        out.append("")
    return "\n".join(out)


def plan_csv(plan: dict, site_url: str = "") -> str:
    by_id = {line["practice"]: line for line in plan["lines"]}
    rows = [CSV_COLUMNS]
    for line in plan["lines"]:
        description = [
            f"{line['dimension_name']}, level {line['level_number']} {line['level_name']}. Effort: {effort_text(line)}.",
            f"Owners: {', '.join(line['owner_names'])}.",
        ]
        if line["requires"]:
            description.append("After: " + ", ".join(by_id[r]["title"] for r in line["requires"]) + ".")
        if line["reason"] == "prerequisite":
            description.append("Planned as a prerequisite of a target practice.")
        description.append("Items that prove it done:")
        description += [f"- {i['id']} ({i['priority']}): {i['text']} Done looks like: {i['done_looks_like']}"
                        for i in line["items"]]
        description.append(f"Practice: {site_url}{line['url']}")
        labels = ["maturity-plan", line["dimension"], line["level"], f"phase-{line['phase']}"]
        rows.append([line["title"], "\n".join(description), " ".join(labels),
                     CSV_PRIORITY.get(line["priority"], "Medium"), f"Phase {line['phase']}"])
    return "".join(",".join(csv_field(value) for value in row) + "\r\n" for row in rows)


def summary(plan: dict) -> str:
    count = len(plan["lines"])
    phases = len(plan["phases"])
    return (f"{count} practice{'s' if count != 1 else ''}, {num(plan['total_person_weeks'])} person-weeks, "
            f"{phases} phase{'s' if phases != 1 else ''} ({plan['total_weeks']} weeks) at "
            f"{num(plan['capacity'])} person-weeks per {plan['phase_weeks']}-week phase. "
            f"{plan['handbook']}, data version {plan['data_version']}.")


def target_lines(plan: dict) -> list[str]:
    return [f"{d['name']}: level {d['target']} (achieved: {d['achieved']})" for d in plan["dimensions"]]


def phase_title(plan: dict, phase: dict) -> str:
    text = (f"Phase {phase['number']}: weeks {phase['start_week']} to {phase['end_week']}, "
            f"{num(phase['person_weeks'])} of {num(plan['capacity'])} person-weeks")
    if phase["oversized"]:
        text += (f" (one practice larger than a phase: it has this phase to itself, "
                 f"{phase['end_week'] - phase['start_week'] + 1} weeks)")
    return text


def effort_text(line: dict) -> str:
    return f"{line['effort_label']} ({num(line['person_weeks'])} person-weeks)"


def num(value: float) -> str:
    """As JavaScript's String(number) writes it: 12, 1.5 (both print the shortest round-trip form)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def md_text(value: str) -> str:
    """Text for a Markdown table cell: no raw HTML, no table breaks, one line."""
    # Only ASCII blanks are folded, as plan.js does: the two must write the same bytes.
    return (re.sub(r"[ \t\r\n]+", " ", str(value)).strip(" ").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|"))


def csv_field(value: str) -> str:
    """RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled."""
    value = str(value)
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value
