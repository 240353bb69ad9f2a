"""A plan (``macros.plan.make_plan``) as Markdown, CSV or JSON text.

The assessment page writes the same three files (docs/assets/javascripts/assessment/planexport.js):
byte for byte the same text for the same plan and site address, which a browser test checks.

- Markdown, for a wiki page or a pull request: a summary, then one table per phase.
- CSV for issue trackers' importers: Summary, Description, Labels, Priority, Phase in English (the
  column mapping for Jira and GitHub is in docs/plan.md). UTF-8 without a byte order mark (importers
  would read it as part of the first header), CRLF line ends, fields quoted when needed.
- JSON: the plan itself, plus the site address its practice links are relative to.

Links: ``site_url`` + the practice's path when a site address is known, else the path alone.
Every word is the handbook's catalogue (``assessment.planexport.*`` and the Plan section's column
labels in ``data/messages/<language>.yml``), as planexport.js reads it with ``HA.t``.
"""

from __future__ import annotations

import json
import re

from macros.messages import Messages

# The CSV's columns, as keys: assessment.planexport.csv_<column> is the header (in English the
# names Jira's and GitHub's importers map: Summary, Description, Labels, Priority, Phase).
CSV_COLUMNS = ("summary", "description", "labels", "priority", "phase")
CSV_PRIORITIES = ("high", "medium", "low")
# The Markdown table's header, the same labels as the page's Plan section.
MD_COLUMNS = ("assessment.plan.column_order", "column.practice", "column.dimension", "column.level", "column.owners",
              "assessment.plan.column_effort", "assessment.plan.column_items")


def csv_header(messages: Messages) -> list[str]:
    return [messages(f"assessment.planexport.csv_{column}") for column in CSV_COLUMNS]


def plan_json(plan: dict, messages: Messages, site_url: str = "") -> str:
    return json.dumps({"site_url": site_url, **plan}, ensure_ascii=False, indent=2) + "\n"


def plan_markdown(plan: dict, messages: Messages, site_url: str = "") -> str:
    t = messages
    by_id = {line["practice"]: line for line in plan["lines"]}
    title = t("assessment.planexport.title", name=plan["team"] or plan["handbook"])
    out = [f"# {md_text(title)}", "", md_text(summary(plan, t)), ""]
    out += [t("assessment.planexport.targets"), ""] + [f"- {md_text(line)}" for line in target_lines(plan, t)] + [""]
    if not plan["lines"]:
        out += [t("assessment.plan.nothing_to_do"), ""]
    columns = [md_text(t(key)) for key in MD_COLUMNS]
    for phase in plan["phases"]:
        out += [f"## {md_text(phase_title(plan, phase, t))}", ""]
        out += ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
        for pid in phase["practices"]:
            line = by_id[pid]
            practice = f"[{md_text(line['title'])}]({site_url}{line['url']})"
            if line["requires"]:
                practice += "<br>" + t("assessment.plan.after", practices=", ".join(md_text(by_id[r]["title"]) for r in line["requires"]))
            if line["reason"] == "prerequisite":
                practice += "<br>(" + t("assessment.plan.prerequisite") + ")"
            items = "<br>".join(f"`{i['id']}` ({priority(i['priority'], t)}) {md_text(i['text'])}" for i in line["items"])
            out.append("| " + " | ".join([
                str(line["order"]), practice, md_text(line["dimension_name"]),
                md_text(f"{line['level_number']} {line['level_name']}"), md_text(", ".join(line["owner_names"])),
                md_text(effort_text(line, t)), items,
            ]) + " |")
        out.append("")
    return "\n".join(out)


def plan_csv(plan: dict, messages: Messages, site_url: str = "") -> str:
    t = messages
    by_id = {line["practice"]: line for line in plan["lines"]}
    rows = [csv_header(t)]
    for line in plan["lines"]:
        description = [
            t("assessment.planexport.csv_where", dimension=line["dimension_name"], number=line["level_number"],
              level=line["level_name"], effort=effort_text(line, t)),
            t("assessment.planexport.csv_owners", owners=", ".join(line["owner_names"])),
        ]
        if line["requires"]:
            description.append(t("assessment.planexport.csv_after", practices=", ".join(by_id[r]["title"] for r in line["requires"])))
        if line["reason"] == "prerequisite":
            description.append(t("assessment.planexport.csv_prerequisite"))
        description.append(t("assessment.planexport.csv_items"))
        description += [t("assessment.planexport.csv_item", id=i["id"], priority=priority(i["priority"], t), text=i["text"],
                          done_looks_like=i["done_looks_like"]) for i in line["items"]]
        description.append(t("assessment.planexport.csv_practice", url=f"{site_url}{line['url']}"))
        labels = ["maturity-plan", line["dimension"], line["level"], f"phase-{line['phase']}"]
        level = line["priority"] if line["priority"] in CSV_PRIORITIES else "medium"
        rows.append([line["title"], "\n".join(description), " ".join(labels),
                     t(f"assessment.planexport.csv_priority_{level}"), t("assessment.planexport.csv_phase_number", number=line["phase"])])
    return "".join(",".join(csv_field(value) for value in row) + "\r\n" for row in rows)


def summary(plan: dict, t: Messages) -> str:
    return t("assessment.planexport.summary",
             practices=t.count("assessment.planexport.practices", len(plan["lines"])),
             person_weeks=num(plan["total_person_weeks"]),
             phases=t.count("assessment.planexport.phases", len(plan["phases"])), weeks=plan["total_weeks"],
             capacity=num(plan["capacity"]), phase_weeks=plan["phase_weeks"], handbook=plan["handbook"],
             data_version=plan["data_version"])


def target_lines(plan: dict, t: Messages) -> list[str]:
    return [t("assessment.planexport.target", dimension=d["name"], target=d["target"], achieved=d["achieved"])
            for d in plan["dimensions"]]


def phase_title(plan: dict, phase: dict, t: Messages) -> str:
    text = t("assessment.planexport.phase_title", number=phase["number"], start=phase["start_week"], end=phase["end_week"],
             person_weeks=num(phase["person_weeks"]), capacity=num(plan["capacity"]))
    if phase["oversized"]:
        text += " " + t("assessment.planexport.oversized", weeks=phase["end_week"] - phase["start_week"] + 1)
    return text


def effort_text(line: dict, t: Messages) -> str:
    return f"{line['effort_label']} " + t("assessment.plan.person_weeks", count=num(line["person_weeks"]))


def priority(level: str, t: Messages) -> str:
    """An item's priority in words ("high"), as the page's HA.priorityLabel writes it."""
    return t(f"assessment.priority.{level}")


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
