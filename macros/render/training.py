"""Training paths: the index (/training/) and one page per certification (/training/<cert>/)."""

from __future__ import annotations

from markupsafe import Markup

from macros.handbook import Handbook
from macros.model import CertificationFile
from macros.pages import TRAINING_URI, cell_uri, level_title, pdf_name, role_uri, training_uri
from macros.render.common import holders_text, item_row, items_table, level_label, priority_label, role_names_html, toolbar
from macros.render.markdown import Links, bullets, fill, heading, html_text, join_blocks, joined, numbered, prose, table, text, url


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


def weight_chart(cert: CertificationFile) -> Markup:
    """The domains' official weights as a horizontal bar chart (inline SVG, no script)."""
    bar_h, gap, label_w, width = 22, 8, 330, 720
    height = len(cert.domains) * (bar_h + gap) + 10
    chart_id = f"{cert.id}-weights"
    parts = [fill('<svg class="hb-chart hb-bars" id="{0}" viewBox="0 0 {1} {2}" role="img" '
                    'aria-labelledby="{0}-title" xmlns="http://www.w3.org/2000/svg">', chart_id, width, height),
             fill('<title id="{}-title">{} domain weights: {}</title>',
                 chart_id, html_text(cert.abbreviation), html_text("; ".join(f"{d.name} {d.weight}%" for d in cert.domains)))]
    scale = (width - label_w - 60) / max(d.weight for d in cert.domains)
    for i, d in enumerate(cert.domains):
        y = 5 + i * (bar_h + gap)
        parts.append(fill('<text x="{}" y="{}" text-anchor="end" font-size="12">{}</text>', label_w - 8, y + 15, html_text(d.name)))
        parts.append(fill('<rect x="{}" y="{}" width="{:.1f}" height="{}" fill="#3f51b5"/>', label_w, y, d.weight * scale, bar_h))
        parts.append(fill('<text x="{:.1f}" y="{}" font-size="12">{}%</text>', label_w + d.weight * scale + 6, y + 15, d.weight))
    parts.append(Markup("</svg>"))
    return Markup().join(parts)


def render_training_index(handbook: Handbook) -> Markup:
    links = Links(TRAINING_URI)
    order = handbook.training_order()
    headers = [Markup("Role")] + [level_label(lv) for lv in handbook.levels]
    rows = []
    for role in handbook.roles:
        row = [links.link(text(role.name), role_uri(role.id))]
        for lv in handbook.levels:
            certs = [c for c in order if role.id in c.recommended_roles and lv.id in c.recommended_levels]
            row.append(joined(", ", [links.link(text(c.abbreviation), training_uri(c.id)) for c in certs]))
        rows.append(row)
    path = [fill("{}: {}", links.link(text(f"{c.abbreviation}: {c.name}"), training_uri(c.id)), prose(c.summary))
            + (fill(" *Prerequisite: {}.*", text(c.exam.prerequisites)) if c.exam.prerequisites else Markup()) for c in order]
    blocks = [
        heading(1, Markup("Training")),
        Markup("Which CNCF certification suits which role, at which level of the maturity model, and in what order. "
               "The model suggests the CKA and CKAD around levels 2 and 3. Each certification page has the official "
               "domains and weights, a study plan, a hands-on lab for every competency and a readiness checklist."),
        heading(2, Markup("By role and level"), "matrix"),
        table(headers, rows),
        heading(2, Markup("Recommended order"), "order"),
        numbered(path),
        heading(2, Markup("Team plan by level"), "team-plan"),
        Markup("How many people in each role should hold which certification by each level. A later level's target "
               "replaces an earlier one for the same role and certification."),
    ]
    for lv in handbook.levels:
        plan = handbook.staffing_plan(lv.id)
        if plan:
            blocks += [heading(3, text(level_title(lv)), f"team-plan-{lv.id}"),
                       table([Markup("Role"), Markup("Certification"), Markup("Holders")],
                             [[text(handbook.role(e.role).name),
                               links.link(text(handbook.certification(e.certification).abbreviation), training_uri(e.certification)),
                               holders_text(e)] for e in plan])]
    return join_blocks(*blocks)


def render_training(handbook: Handbook, cert_id: str, here: str, pdf: bool) -> Markup:
    cert = handbook.certification(cert_id)
    links = Links(here)
    facts = [[Markup("Curriculum version"), text(cert.curriculum_version)], [Markup("Curriculum source"), text(cert.source)]]
    if cert.audience:
        facts.append([Markup("Audience"), text(cert.audience)])
    levels = joined(", ", [links.link(text(level_title(handbook.level(lv))), f"levels/{lv}/index.md") for lv in cert.recommended_levels])
    roles = joined(", ", [links.link(text(handbook.role(r).name), role_uri(r)) for r in cert.recommended_roles])
    facts += [[Markup("Recommended around"), levels or Markup("—")],
              [Markup("For"), roles or Markup("—")]]
    blocks = [
        heading(1, text(f"{cert.abbreviation}: {cert.name}")),
        prose(cert.summary),
        table([Markup("Certification"), text(cert.abbreviation)], facts),
        _exam(cert),
        heading(2, Markup("Domains and weights"), "domains"),
        fill('<figure class="hb-figure">{}<figcaption>Official domain weights, curriculum {}</figcaption></figure>',
             weight_chart(cert), html_text(cert.curriculum_version)),
        table([Markup("Domain"), Markup("Weight"), Markup("Competencies")],
              [[text(d.name), fill("{}%", d.weight), text(str(len(d.competencies)))] for d in cert.domains]),
    ]
    if cert.notes:
        blocks.append(fill("*Note on the source: {}*", prose(cert.notes)))
    blocks.append(_study_plan(cert))
    blocks.append(_competencies(cert))
    blocks.append(_readiness(handbook, cert, here, pdf))
    blocks.append(_prepares_for(handbook, cert, links))
    return join_blocks(*blocks)


def _exam(cert: CertificationFile) -> Markup:
    """The exam's own facts, each from the one page named as their source."""
    exam = cert.exam
    rows = [[Markup("Format"), Markup("Performance-based: hands-on tasks at a command line" if exam.performance_based else "Multiple choice")]]
    if exam.prerequisites:
        rows.append([Markup("Prerequisites"), text(exam.prerequisites)])
    figures = [("Duration", exam.duration_minutes, "{} minutes"), ("Pass mark", exam.pass_mark_percent, "{}%"),
               ("Tasks or questions", exam.tasks, "{}"), ("Valid for", exam.validity_months, "{} months")]
    rows += [[Markup(label), text(shape.format(value))] for label, value, shape in figures if value is not None]
    return joined("\n\n", [
        heading(2, Markup("The exam"), "exam"),
        table([Markup("Exam fact"), Markup("Value")], rows),
        fill("Source: [{}](<{}>). Exam rules, durations and pass marks change; check that page before booking. "
             "Time limits and scores on this page are the handbook's own readiness targets, not exam rules.",
             text(exam.source.title), url(exam.source.url)),
    ])


def _study_plan(cert: CertificationFile) -> Markup:
    plan = cert.study_plan
    if plan is None:
        return Markup()
    total = plan.weeks * plan.hours_per_week
    hours = domain_hours(cert)
    by_domain = table([Markup("Domain"), Markup("Weight"), Markup("Hours")],
                      [[text(d.name), fill("{}%", d.weight), text(str(h))] for d, h in zip(cert.domains, hours)]
                      + [[Markup("**Total**"), Markup("100%"), fill("**{}**", total)]])
    weeks = table([Markup("Week"), Markup("Focus"), Markup("Hours")], [
        [text(str(week)), joined("; ", [fill("{} ({} h)", text(name), h) for name, h in slots]),
         text(str(sum(h for _, h in slots)))]
        for week, slots in weekly_schedule(cert)])
    return joined("\n\n", [
        heading(2, Markup("Study plan"), "study-plan"),
        fill("{} weeks at {} hours a week: **{} hours**, shared between the domains in proportion to their exam weight. "
               "Change `study_plan` in the certification's data file to fit your team.", plan.weeks, plan.hours_per_week, total),
        by_domain, heading(3, Markup("Week by week"), "weeks"), weeks,
    ])


def _competencies(cert: CertificationFile) -> Markup:
    labs = {lab.competency: lab for lab in cert.labs}
    parts = [heading(2, Markup("Competencies and labs"), "competencies")]
    number = 0
    for d in cert.domains:
        parts.append(heading(3, text(f"{d.name} ({d.weight}%)")))
        for comp in d.competencies:
            number += 1
            lab = labs.get(comp)
            anchor = f"lab-{number}"
            parts.append(heading(4, text(comp), anchor))
            if lab is None:
                parts.append(Markup("*No lab written yet for this competency.*"))
                continue
            lab_parts = [fill("**Lab: {}**", text(lab.title))]
            if lab.setup:
                lab_parts.append(Markup("*Setup:* ") + prose(lab.setup))
            lab_parts += [numbered([prose(s) for s in lab.steps]), Markup("**Check:**"), bullets([prose(c) for c in lab.check])]
            parts.append(joined("\n\n", lab_parts))
    return joined("\n\n", parts)


def _readiness(handbook: Handbook, cert: CertificationFile, here: str, pdf: bool) -> Markup:
    if not cert.readiness:
        return Markup()
    rows = [item_row(item, fill("{} · {} priority", role_names_html(handbook, item.roles), priority_label(item.priority)))
            for item in cert.readiness]
    return joined("\n\n", [heading(2, Markup("Readiness checklist"), "readiness"), Markup("Tick these before booking the exam."),
                                 toolbar(here, pdf_name("training", cert.id) if pdf else None), items_table(rows)])


def _prepares_for(handbook: Handbook, cert: CertificationFile, links: Links) -> Markup:
    placed = handbook.practices_preparing_for(cert.id)
    if not placed:
        return Markup()
    rows = [[links.link(text(pp.practice.title), cell_uri(pp.level.id, pp.dimension.id), pp.practice.id),
             level_label(pp.level), text(pp.dimension.name)] for pp in placed]
    return (heading(2, Markup("Practices this prepares people for"), "practices") + Markup("\n\n")
            + fill("The maturity-model practices that list the {} among the certifications that prepare people for them.\n\n",
                text(cert.abbreviation))
            + table([Markup("Practice"), Markup("Level"), Markup("Dimension")], rows))
