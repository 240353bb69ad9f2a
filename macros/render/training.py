"""Training paths: the index (/training/) and one page per certification (/training/<cert>/)."""

from __future__ import annotations

from macros.handbook import Handbook
from macros.model import CertificationFile
from macros.pages import TRAINING_URI, cell_uri, level_title, pdf_name, role_uri, training_uri
from macros.render.checklists import item_row, items_table, toolbar
from macros.render.levels import holders_text
from macros.render.markdown import Links, bullets, heading, html_text, join_blocks, numbered, prose, table, text


def domain_hours(cert: CertificationFile) -> list[int]:
    """Study hours per domain, in proportion to the official weights, adding up to the plan's total.

    Largest-remainder rounding: the whole hours are shared out so that nothing is lost to rounding.
    """
    plan = cert.study_plan
    if plan is None:
        return []
    total = plan.weeks * plan.hours_per_week
    exact = [total * d.weight / 100 for d in cert.domains]
    hours = [int(e) for e in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (exact[i] - hours[i], cert.domains[i].weight), reverse=True)
    for i in by_remainder[: total - sum(hours)]:
        hours[i] += 1
    return hours


def weekly_schedule(cert: CertificationFile) -> list[tuple[int, list[tuple[str, int]]]]:
    """Week by week: which domains, for how many hours, filling each week in curriculum order."""
    plan = cert.study_plan
    if plan is None:
        return []
    remaining = list(zip([d.name for d in cert.domains], domain_hours(cert)))
    weeks = []
    for week in range(1, plan.weeks + 1):
        budget, slots = plan.hours_per_week, []
        while budget and remaining:
            name, left = remaining[0]
            used = min(budget, left)
            slots.append((name, used))
            budget -= used
            remaining[0] = (name, left - used)
            if remaining[0][1] == 0:
                remaining.pop(0)
        weeks.append((week, slots))
    return weeks


def weight_chart(cert: CertificationFile) -> str:
    """The domains' official weights as a horizontal bar chart (inline SVG, no script)."""
    bar_h, gap, label_w, width = 22, 8, 330, 720
    height = len(cert.domains) * (bar_h + gap) + 10
    chart_id = f"{cert.id}-weights"
    parts = [f'<svg class="hb-chart hb-bars" id="{chart_id}" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="{chart_id}-title" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{chart_id}-title">{html_text(cert.abbreviation)} domain weights: '
             + html_text("; ".join(f"{d.name} {d.weight}%" for d in cert.domains)) + "</title>"]
    scale = (width - label_w - 60) / max(d.weight for d in cert.domains)
    for i, d in enumerate(cert.domains):
        y = 5 + i * (bar_h + gap)
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-size="12">{html_text(d.name)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{d.weight * scale:.1f}" height="{bar_h}" fill="#3f51b5"/>')
        parts.append(f'<text x="{label_w + d.weight * scale + 6:.1f}" y="{y + 15}" font-size="12">{d.weight}%</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_training_index(handbook: Handbook) -> str:
    links = Links(TRAINING_URI)
    order = handbook.training_order()
    headers = ["Role"] + [text(f"{lv.number} {lv.name}") for lv in handbook.levels]
    rows = []
    for role in handbook.roles:
        row = [links.link(text(role.name), role_uri(role.id))]
        for lv in handbook.levels:
            certs = [c for c in order if role.id in c.recommended_roles and lv.id in c.recommended_levels]
            row.append(", ".join(links.link(text(c.abbreviation), training_uri(c.id)) for c in certs))
        rows.append(row)
    path = [f"{links.link(text(f'{c.abbreviation}: {c.name}'), training_uri(c.id))}: {prose(c.summary)}"
            + (f" *Prerequisite: {prose(c.prerequisites)}.*" if c.prerequisites else "") for c in order]
    blocks = [
        heading(1, "Training"),
        "Which CNCF certification suits which role, at which level of the maturity model, and in what order. "
        "The model suggests the CKA and CKAD around levels 2 and 3. Each certification page has the official "
        "domains and weights, a study plan, a hands-on lab for every competency and a readiness checklist.",
        heading(2, "By role and level", "matrix"),
        table(headers, rows),
        heading(2, "Recommended order", "order"),
        numbered(path),
        heading(2, "Team plan by level", "team-plan"),
        "How many people in each role should hold which certification by each level. A later level's target "
        "replaces an earlier one for the same role and certification.",
    ]
    for lv in handbook.levels:
        plan = handbook.staffing_plan(lv.id)
        if plan:
            blocks += [heading(3, text(level_title(lv)), f"team-plan-{lv.id}"),
                       table(["Role", "Certification", "Holders"],
                             [[text(handbook.role(e.role).name), links.link(text(handbook.certification(e.certification).abbreviation), training_uri(e.certification)),
                               holders_text(e)] for e in plan])]
    return join_blocks(*blocks)


def render_training(handbook: Handbook, cert_id: str, here: str, pdf: bool) -> str:
    cert = handbook.certification(cert_id)
    links = Links(here)
    facts = [["Curriculum version", text(cert.curriculum_version)], ["Format", text(cert.format)]]
    if cert.audience:
        facts.append(["Audience", text(cert.audience)])
    if cert.prerequisites:
        facts.append(["Prerequisites", text(cert.prerequisites)])
    facts += [["Source", text(cert.source)],
              ["Recommended around", ", ".join(links.link(text(level_title(handbook.level(lv))), f"levels/{lv}/index.md") for lv in cert.recommended_levels) or "—"],
              ["For", ", ".join(links.link(text(handbook.role(r).name), role_uri(r)) for r in cert.recommended_roles) or "—"]]
    blocks = [
        heading(1, text(f"{cert.abbreviation}: {cert.name}")),
        prose(cert.summary),
        table(["Exam", text(cert.abbreviation)], facts),
        heading(2, "Domains and weights", "domains"),
        f'<figure class="hb-figure">{weight_chart(cert)}<figcaption>Official domain weights, curriculum {html_text(cert.curriculum_version)}</figcaption></figure>',
        table(["Domain", "Weight", "Competencies"], [[text(d.name), f"{d.weight}%", str(len(d.competencies))] for d in cert.domains]),
    ]
    if cert.notes:
        blocks.append(f"*Note on the source: {prose(cert.notes)}*")
    blocks.append(_study_plan(cert))
    blocks.append(_competencies(cert))
    blocks.append(_readiness(handbook, cert, here, pdf))
    blocks.append(_prepares_for(handbook, cert, links))
    return join_blocks(*blocks)


def _study_plan(cert: CertificationFile) -> str:
    plan = cert.study_plan
    if plan is None:
        return ""
    total = plan.weeks * plan.hours_per_week
    hours = domain_hours(cert)
    by_domain = table(["Domain", "Weight", "Hours"], [[text(d.name), f"{d.weight}%", str(h)] for d, h in zip(cert.domains, hours)]
                      + [["**Total**", "100%", f"**{total}**"]])
    weeks = table(["Week", "Focus", "Hours"], [
        [str(week), "; ".join(f"{text(name)} ({h} h)" for name, h in slots), str(sum(h for _, h in slots))]
        for week, slots in weekly_schedule(cert)])
    return "\n\n".join([
        heading(2, "Study plan", "study-plan"),
        f"{plan.weeks} weeks at {plan.hours_per_week} hours a week: **{total} hours**, shared between the domains in "
        "proportion to their exam weight. Change `study_plan` in the certification's data file to fit your team.",
        by_domain, heading(3, "Week by week", "weeks"), weeks,
    ])


def _competencies(cert: CertificationFile) -> str:
    labs = {lab.competency: lab for lab in cert.labs}
    parts = [heading(2, "Competencies and labs", "competencies")]
    if not cert.competencies_published:
        parts.append("The official curriculum publishes only the domains and their weights for this exam, "
                     "not a list of competencies, so there are no per-competency labs here.")
    number = 0
    for d in cert.domains:
        parts.append(heading(3, text(f"{d.name} ({d.weight}%)")))
        for comp in d.competencies:
            number += 1
            lab = labs.get(comp)
            anchor = f"lab-{number}"
            parts.append(heading(4, text(comp), anchor))
            if lab is None:
                parts.append("*No lab written yet for this competency.*")
                continue
            lab_parts = [f"**Lab: {text(lab.title)}**"]
            if lab.setup:
                lab_parts.append(f"*Setup:* {prose(lab.setup)}")
            lab_parts += [numbered([prose(s) for s in lab.steps]), "**Check:**", bullets([prose(c) for c in lab.check])]
            parts.append("\n\n".join(lab_parts))
    return "\n\n".join(parts)


def _readiness(handbook: Handbook, cert: CertificationFile, here: str, pdf: bool) -> str:
    if not cert.readiness:
        return ""
    rows = [item_row(item, f"{html_text(', '.join(handbook.role(r).name for r in item.roles))} · {item.priority.title()} priority")
            for item in cert.readiness]
    return "\n\n".join([heading(2, "Readiness checklist", "readiness"), "Tick these before booking the exam.",
                          toolbar(here, pdf_name("training", cert.id) if pdf else None), items_table(rows)])


def _prepares_for(handbook: Handbook, cert: CertificationFile, links: Links) -> str:
    placed = handbook.practices_preparing_for(cert.id)
    if not placed:
        return ""
    rows = [[links.link(text(pp.practice.title), cell_uri(pp.level.id, pp.dimension.id), pp.practice.id),
             text(f"{pp.level.number} {pp.level.name}"), text(pp.dimension.name)] for pp in placed]
    return (heading(2, "Practices this prepares people for", "practices") + "\n\n"
            + f"The maturity-model practices that list the {text(cert.abbreviation)} among the certifications that prepare people for them.\n\n"
            + table(["Practice", "Level", "Dimension"], rows))
