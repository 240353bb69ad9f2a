"""Level pages (/levels/<level>/) and cell playbooks (/levels/<level>/<dimension>/)."""

from __future__ import annotations

from markupsafe import Markup

from macros.handbook import Handbook, PlacedPractice
from macros.model import Dimension, LevelFile, Practice, Staffing
from macros.pages import TOOLS_URI, cell_uri, dimension_uri, level_title, level_uri
from macros.render.common import early_target, handbook_addition, holders_text, label, label_html, priority_label, role_names
from macros.render.costchart import render_cost_chart
from macros.render.depgraph import practice_link, render_dependency_graph
from macros.render.evidence import item_evidence
from macros.render.markdown import (
    Links,
    bullets,
    fill,
    first_sentence,
    heading,
    join_blocks,
    joined,
    numbered,
    prose,
    table,
    text,
    url,
)


def render_level(handbook: Handbook, level_id: str, here: str) -> Markup:
    level = handbook.level(level_id)
    links = Links(here)
    blocks = [
        heading(1, text(level_title(handbook, level))),
        fill("*{}*", prose(level.theme)),
        prose(level.summary),
    ]
    if level.business_outcomes:
        blocks += [heading(2, label(handbook, "level.business_outcomes"), "business-expectations"),
                   bullets([prose(o) for o in level.business_outcomes])]
    if level.cost or handbook.cost_curve:
        blocks.append(heading(2, label(handbook, "level.cost"), "cost"))
        if level.cost:
            blocks += [prose(level.cost.summary), bullets([prose(p) for p in level.cost.points])]
        blocks.append(render_cost_chart(handbook, highlight_level=level.id))
    blocks.append(heading(2, label(handbook, "level.dimensions"), "dimensions"))
    for dim in handbook.dimensions:
        cell = handbook.cell(level.id, dim.id)
        uri = cell_uri(level.id, dim.id)
        blocks.append(heading(3, links.link(text(dim.name), uri), f"dimension-{dim.id}"))
        blocks.append(prose(cell.summary))
        rows = [
            [links.link(text(p.title), uri, p.id), role_names(handbook, p.owners), text(str(len(p.checklist)))]
            for p in cell.practices
        ]
        if rows:
            blocks.append(table([label(handbook, k) for k in ("column.practice", "column.owners", "column.checklist_items")], rows))
    blocks += [heading(2, label(handbook, "level.dependencies"), "dependencies"),
               render_dependency_graph(handbook, level.id, here)]
    if level.pitfalls:
        blocks += [heading(2, label(handbook, "level.pitfalls"), "pitfalls"), bullets([prose(p) for p in level.pitfalls])]
    blocks.append(_staffing(handbook, level.id))
    blocks.append(_transition(handbook, level, links))
    blocks.append(_neighbours(handbook, level.id, links))
    return join_blocks(*blocks)


def _transition(handbook: Handbook, level: LevelFile, links: Links) -> Markup:
    following = handbook.next_level(level.id)
    if not level.next_level or not following:
        return Markup()
    moves = level.next_level.moves
    parts = [heading(2, label(handbook, "transition.heading", level=text(level_title(handbook, following))), "next-level"),
             handbook_addition(handbook, label_html(handbook, "transition.addition")),
             prose(level.next_level.summary)]
    parts.append(table([label(handbook, k) for k in ("column.move", "column.led_by", "column.needs")], [
        [fill("[{}](#{})", text(m.title), m.id), role_names(handbook, m.leads), label(handbook, "transition.practices", count=len(m.practices))]
        for m in moves]))
    by_id = {pp.practice.id: pp for pp in handbook.practices}
    for m in moves:
        needs = joined(", ", [links.link(text(by_id[pid].practice.title), cell_uri(by_id[pid].level.id, by_id[pid].dimension.id), pid)
            for pid in m.practices])
        parts += [
            heading(3, text(m.title), m.id),
            prose(m.why),
            fill("**{}** {}", label(handbook, "transition.led_by"), role_names(handbook, m.leads)),
            fill("**{}** {}", label(handbook, "transition.needs", level=text(level_title(handbook, following))), needs),
            fill("**{}**", label(handbook, "transition.done_when")),
            bullets([prose(c) for c in m.exit_criteria]),
        ]
    return joined("\n\n", parts)


def _staffing(handbook: Handbook, level_id: str) -> Markup:
    plan = handbook.staffing_plan(level_id)
    if not plan:
        return Markup()
    rows = [[text(handbook.role(e.role).name), text(handbook.certification(e.certification).abbreviation),
             holders_text(handbook, e), _staffing_note(handbook, e, level_id)] for e in plan]
    return (heading(2, label(handbook, "staffing.heading"), "team-plan") + Markup("\n\n")
            + handbook_addition(handbook, label_html(handbook, "staffing.addition")) + Markup("\n\n")
            + label(handbook, "staffing.intro") + Markup("\n\n")
            + table([label(handbook, k) for k in ("column.role", "column.certification", "column.holders", "column.note")], rows))


def _staffing_note(handbook: Handbook, entry: Staffing, level_id: str) -> Markup:
    parts = [prose(entry.note)] if entry.note else []
    if entry.certification_note and early_target(handbook, entry, level_id):
        parts.append(fill("*{}* {}", label(handbook, "staffing.ahead"), prose(entry.certification_note)))
    return joined(" ", parts)


def _neighbours(handbook: Handbook, level_id: str, links: Links) -> Markup:
    parts = []
    previous, following = handbook.previous_level(level_id), handbook.next_level(level_id)
    if previous:
        parts.append(label(handbook, "level.previous", level=links.link(text(level_title(handbook, previous)), level_uri(previous.id))))
    if following:
        parts.append(label(handbook, "level.next", level=links.link(text(level_title(handbook, following)), level_uri(following.id))))
    return heading(2, label(handbook, "level.where_next"), "where-next") + Markup("\n\n") + joined(" · ", parts) if parts else Markup()


def render_cell(handbook: Handbook, level_id: str, dimension_id: str, here: str) -> Markup:
    level = handbook.level(level_id)
    dim = handbook.dimension(dimension_id)
    cell = handbook.cell(level_id, dimension_id)
    links = Links(here)
    blocks = [
        heading(1, fill("{} · {}", text(level_title(handbook, level)), text(dim.name))),
        prose(cell.summary),
        label(handbook, "cell.part_of", level=links.link(text(level_title(handbook, level)), level_uri(level.id)),
              dimension=links.link(label(handbook, "cell.across_levels", dimension=text(dim.name)), dimension_uri(dim.id))),
    ]
    if handbook.cost_curve and handbook.cost_curve.shown_on == dimension_id:
        blocks += [heading(2, label(handbook, "cell.cost"), "cost"), render_cost_chart(handbook, highlight_level=level.id)]
    if not cell.practices:
        blocks.append(fill("*{}*", label(handbook, "cell.empty")))
        return join_blocks(*blocks)
    blocks.append(table(
        [label(handbook, k) for k in ("column.practice", "column.area", "column.owners", "column.checklist_items")],
        [[links.link(text(p.title), here, p.id), area_label(handbook, dim, p.area), role_names(handbook, p.owners),
          text(str(len(p.checklist)))]
         for p in cell.practices],
    ))
    for area in dim.areas:
        practices = [p for p in cell.practices if p.area == area.id]
        if not practices:
            continue
        blocks.append(heading(2, text(area.name), f"area-{area.id}"))
        if area.handbook_addition:
            blocks.append(area_addition(handbook))
        blocks += [_practice(handbook, p, links) for p in practices]
    return join_blocks(*blocks)


def area_addition(handbook: Handbook) -> Markup:
    return handbook_addition(handbook, label_html(handbook, "area.addition"))


def area_label(handbook: Handbook, dim: Dimension, area_id: str) -> Markup:
    area = next(a for a in dim.areas if a.id == area_id)
    return label(handbook, "area.addition_label", area=text(area.name)) if area.handbook_addition else text(area.name)


def _practice(handbook: Handbook, p: Practice, links: Links) -> Markup:
    parts = [heading(3, text(p.title), p.id), prose(p.why)]
    owners = fill("**{}** {}", label(handbook, "practice.owners"), role_names(handbook, p.owners))
    if p.contributors:
        owners += fill(" · **{}** {}", label(handbook, "practice.contributors"), role_names(handbook, p.contributors))
    size = handbook.effort_size(p.effort)
    owners += fill(" · **{}** {} ({})", label(handbook, "practice.effort"), text(size.label), text(size.description))
    parts.append(owners)
    # Level and dimension are named only for a practice on another page.
    here = handbook.practice(p.id)

    def related(pp: PlacedPractice) -> Markup:
        return practice_link(pp, links, context=(pp.level.id, pp.dimension.id) != (here.level.id, here.dimension.id))

    if p.requires:
        parts.append(fill("**{}** ", label(handbook, "practice.builds_on")) + joined(", ", [related(handbook.practice(r)) for r in p.requires]))
    if unlocks := handbook.unlocks(p.id):
        parts.append(fill("**{}** ", label(handbook, "practice.unlocks")) + joined(", ", [related(pp) for pp in unlocks]))
    parts += [fill("**{}**", label(handbook, "practice.steps")), numbered([prose(s) for s in p.steps])]
    if p.checklist:
        rows = [
            [fill('<span class="handbook-item" id="{0}">{0}</span>', item.id), prose(item.text),
             prose(item.done_looks_like) + item_evidence(handbook, item, links), role_names(handbook, item.roles),
             priority_label(handbook, item.priority)]
            for item in p.checklist
        ]
        parts += [fill("**{}**", label(handbook, "practice.checklist")), table([label(handbook, f"column.{k}") for k in (
            "id", "item", "done_looks_like", "roles", "priority")], rows)]
    if p.kpis:
        parts += [fill("**{}**", label(handbook, "practice.kpis")), table([label(handbook, f"column.{k}") for k in ("kpi", "measure", "target")],
                                            [[text(k.name), prose(k.measure), prose(k.target)] for k in p.kpis])]
    if p.evidence:
        parts += [fill("**{}**", label(handbook, "practice.evidence")), bullets([prose(e) for e in p.evidence])]
    if p.pitfalls:
        parts += [fill("**{}**", label(handbook, "practice.pitfalls")), bullets([prose(x) for x in p.pitfalls])]
    if p.tools:
        tools = joined(", ", [links.link(text(handbook.project(t).name), TOOLS_URI, t)
                              + (fill(" ({})", label(handbook, "practice.not_cncf")) if handbook.project(t).cncf_status == "not-cncf" else Markup())
                              for t in p.tools])
        parts.append(fill("**{}** {}", label(handbook, "practice.projects"), tools))
    if p.certifications:
        certs = joined(", ", [text(f"{c.abbreviation} ({c.name})") for c in map(handbook.certification, p.certifications)])
        parts.append(fill("**{}** {}", label(handbook, "practice.certifications"), certs))
        if p.certification_notes:
            parts.append(bullets([fill("*{}* {}", label(handbook, "practice.certification_note",
                                                        certification=text(handbook.certification(c).abbreviation)), prose(note))
                                  for c, note in p.certification_notes.items()]))
    if p.references:
        parts += [fill("**{}**", label(handbook, "practice.references")), bullets([fill("[{}](<{}>)", text(r.title), url(r.url)) for r in p.references])]
    return joined("\n\n", parts)


def cell_teaser(handbook: Handbook, level_id: str, dimension_id: str) -> Markup:
    """One line for the home matrix."""
    return prose(first_sentence(handbook.cell(level_id, dimension_id).summary, 110))
