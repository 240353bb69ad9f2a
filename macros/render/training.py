"""Training paths: the index (/training/) and one page per certification (/training/<cert>/)."""

from __future__ import annotations

from markupsafe import Markup

from macros.handbook import Handbook
from macros.model import CertificationFile
from macros.pages import TRAINING_URI, cell_uri, level_title, pdf_name, role_uri, training_uri
from macros.render.common import (
    holders_text,
    item_row,
    items_table,
    label,
    label_html,
    level_label,
    priority_label_html,
    role_names_html,
    toolbar,
)
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


def weight_chart(handbook: Handbook, cert: CertificationFile) -> Markup:
    """The domains' official weights as a horizontal bar chart (inline SVG, no script)."""
    bar_h, gap, label_w, width = 22, 8, 330, 720
    height = len(cert.domains) * (bar_h + gap) + 10
    chart_id = f"{cert.id}-weights"
    parts = [fill('<svg class="hb-chart hb-bars" id="{0}" viewBox="0 0 {1} {2}" role="img" '
                    'aria-labelledby="{0}-title" xmlns="http://www.w3.org/2000/svg">', chart_id, width, height),
             fill('<title id="{}-title">{}</title>', chart_id, label_html(handbook, "training.chart_title",
                 certification=cert.abbreviation, weights="; ".join(f"{d.name} {d.weight}%" for d in cert.domains)))]
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
    headers = [label(handbook, "column.role")] + [level_label(handbook, lv) for lv in handbook.levels]
    rows = []
    for role in handbook.roles:
        row = [links.link(text(role.name), role_uri(role.id))]
        for lv in handbook.levels:
            certs = [c for c in order if role.id in c.recommended_roles and lv.id in c.recommended_levels]
            row.append(joined(", ", [links.link(text(c.abbreviation), training_uri(c.id)) for c in certs]))
        rows.append(row)
    path = [fill("{}: {}", links.link(text(f"{c.abbreviation}: {c.name}"), training_uri(c.id)), prose(c.summary))
            + (fill(" *{}*", label(handbook, "training.prerequisite", prerequisites=text(c.exam.prerequisites)))
               if c.exam.prerequisites else Markup()) for c in order]
    blocks = [
        heading(1, text(handbook.messages("title.training"))),
        label(handbook, "training.intro"),
        heading(2, label(handbook, "training.matrix"), "matrix"),
        table(headers, rows),
        heading(2, label(handbook, "training.order"), "order"),
        numbered(path),
        heading(2, label(handbook, "training.team_plan"), "team-plan"),
        label(handbook, "training.team_plan_intro"),
    ]
    for lv in handbook.levels:
        plan = handbook.staffing_plan(lv.id)
        if plan:
            blocks += [heading(3, text(level_title(handbook, lv)), f"team-plan-{lv.id}"),
                       table([label(handbook, f"column.{k}") for k in ("role", "certification", "holders")],
                             [[text(handbook.role(e.role).name),
                               links.link(text(handbook.certification(e.certification).abbreviation), training_uri(e.certification)),
                               holders_text(handbook, e)] for e in plan])]
    return join_blocks(*blocks)


def render_training(handbook: Handbook, cert_id: str, here: str, pdf: bool) -> Markup:
    cert = handbook.certification(cert_id)
    links = Links(here)
    def fact(key: str, value: Markup) -> list[Markup]:
        return [label(handbook, f"training.{key}"), value]

    facts = [fact("curriculum_version", text(cert.curriculum_version)), fact("curriculum_source", text(cert.source))]
    if cert.audience:
        facts.append(fact("audience", text(cert.audience)))
    levels = joined(", ", [links.link(text(level_title(handbook, handbook.level(lv))), f"levels/{lv}/index.md")
                           for lv in cert.recommended_levels])
    roles = joined(", ", [links.link(text(handbook.role(r).name), role_uri(r)) for r in cert.recommended_roles])
    facts += [fact("recommended_around", levels or Markup("—")), fact("for", roles or Markup("—"))]
    blocks = [
        heading(1, text(f"{cert.abbreviation}: {cert.name}")),
        prose(cert.summary),
        table([label(handbook, "training.certification"), text(cert.abbreviation)], facts),
        _exam(handbook, cert),
        heading(2, label(handbook, "training.domains"), "domains"),
        fill('<figure class="hb-figure">{}<figcaption>{}</figcaption></figure>',
             weight_chart(handbook, cert), label_html(handbook, "training.chart_caption", version=cert.curriculum_version)),
        table([label(handbook, f"column.{k}") for k in ("domain", "weight", "competencies")],
              [[text(d.name), fill("{}%", d.weight), text(str(len(d.competencies)))] for d in cert.domains]),
    ]
    if cert.notes:
        blocks.append(fill("*{}*", label(handbook, "training.source_note", note=prose(cert.notes))))
    blocks.append(_study_plan(handbook, cert))
    blocks.append(_competencies(handbook, cert))
    blocks.append(_readiness(handbook, cert, here, pdf))
    blocks.append(_prepares_for(handbook, cert, links))
    return join_blocks(*blocks)


def _exam(handbook: Handbook, cert: CertificationFile) -> Markup:
    """The exam's own facts, each from the one page named as their source."""
    exam = cert.exam

    def fact(key: str, value: Markup) -> list[Markup]:
        return [label(handbook, f"exam.{key}"), value]

    rows = [fact("format", label(handbook, "exam.performance_based" if exam.performance_based else "exam.multiple_choice"))]
    if exam.prerequisites:
        rows.append(fact("prerequisites", text(exam.prerequisites)))
    figures = [("duration", exam.duration_minutes), ("pass_mark", exam.pass_mark_percent),
               ("tasks", exam.tasks), ("valid_for", exam.validity_months)]
    rows += [fact(key, label(handbook, f"exam.{key}_value", value=value)) for key, value in figures if value is not None]
    return joined("\n\n", [
        heading(2, label(handbook, "exam.heading"), "exam"),
        table([label(handbook, "exam.fact"), label(handbook, "exam.value")], rows),
        label(handbook, "exam.source", source=fill("[{}](<{}>)", text(exam.source.title), url(exam.source.url))),
    ])


def _study_plan(handbook: Handbook, cert: CertificationFile) -> Markup:
    plan = cert.study_plan
    if plan is None:
        return Markup()
    total = plan.weeks * plan.hours_per_week
    hours = domain_hours(cert)
    by_domain = table([label(handbook, f"column.{k}") for k in ("domain", "weight", "hours")],
                      [[text(d.name), fill("{}%", d.weight), text(str(h))] for d, h in zip(cert.domains, hours)]
                      + [[fill("**{}**", label(handbook, "training.total")), Markup("100%"), fill("**{}**", total)]])
    weeks = table([label(handbook, f"column.{k}") for k in ("week", "focus", "hours")], [
        [text(str(week)), joined("; ", [label(handbook, "training.slot", domain=text(name), hours=h) for name, h in slots]),
         text(str(sum(h for _, h in slots)))]
        for week, slots in weekly_schedule(cert)])
    return joined("\n\n", [
        heading(2, label(handbook, "training.study_plan"), "study-plan"),
        label(handbook, "training.study_plan_intro", weeks=plan.weeks, hours_per_week=plan.hours_per_week, total=total),
        by_domain, heading(3, label(handbook, "training.week_by_week"), "weeks"), weeks,
    ])


def _competencies(handbook: Handbook, cert: CertificationFile) -> Markup:
    labs = {lab.competency: lab for lab in cert.labs}
    parts = [heading(2, label(handbook, "training.competencies"), "competencies")]
    number = 0
    for d in cert.domains:
        parts.append(heading(3, text(f"{d.name} ({d.weight}%)")))
        for comp in d.competencies:
            number += 1
            lab = labs.get(comp)
            anchor = f"lab-{number}"
            parts.append(heading(4, text(comp), anchor))
            if lab is None:
                parts.append(fill("*{}*", label(handbook, "training.no_lab")))
                continue
            lab_parts = [fill("**{}**", label(handbook, "training.lab", title=text(lab.title)))]
            if lab.setup:
                lab_parts.append(fill("*{}* {}", label(handbook, "training.setup"), prose(lab.setup)))
            lab_parts += [numbered([prose(s) for s in lab.steps]), fill("**{}**", label(handbook, "training.check")), bullets([prose(c) for c in lab.check])]
            parts.append(joined("\n\n", lab_parts))
    return joined("\n\n", parts)


def _readiness(handbook: Handbook, cert: CertificationFile, here: str, pdf: bool) -> Markup:
    if not cert.readiness:
        return Markup()
    rows = [item_row(handbook, item, fill("{} · {}", role_names_html(handbook, item.roles), label_html(
                handbook, "checklist.priority", priority=priority_label_html(handbook, item.priority))))
            for item in cert.readiness]
    return joined("\n\n", [heading(2, label(handbook, "training.readiness"), "readiness"), label(handbook, "training.readiness_intro"),
                           toolbar(handbook, here, pdf_name("training", cert.id) if pdf else None), items_table(handbook, rows)])


def _prepares_for(handbook: Handbook, cert: CertificationFile, links: Links) -> Markup:
    placed = handbook.practices_preparing_for(cert.id)
    if not placed:
        return Markup()
    rows = [[links.link(text(pp.practice.title), cell_uri(pp.level.id, pp.dimension.id), pp.practice.id),
             level_label(handbook, pp.level), text(pp.dimension.name)] for pp in placed]
    return (heading(2, label(handbook, "training.prepares"), "practices") + Markup("\n\n")
            + label(handbook, "training.prepares_intro", certification=text(cert.abbreviation)) + Markup("\n\n")
            + table([label(handbook, f"column.{k}") for k in ("practice", "level", "dimension")], rows))
