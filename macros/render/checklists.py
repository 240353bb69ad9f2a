"""Printable checklists: by level, dimension or role, the workshop pack, and the checklist macro.

Each item is a table row with an empty box to tick, its id in small type, its text and
"done looks like", and blank Owner, Due and Notes columns to fill in with a pen. The print
rules (docs/assets/stylesheets/print.css) keep rows whole and start each dimension of a level
pack on a new page; a per-page @page rule puts the handbook's name, the checklist's title and
the data version in the running header.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.handbook import Handbook, PlacedItem
from macros.pages import (
    CHECKLISTS_URI,
    cell_uri,
    checklist_dimension_uri,
    checklist_level_uri,
    checklist_role_uri,
    level_title,
    pdf_name,
    pdf_uri,
    workshop_uri,
)
from macros.render.markdown import Links, heading, html_text, inline_html, join_blocks, table, text

PRIORITY = {"high": "High", "medium": "Medium", "low": "Low"}


@dataclass(frozen=True)
class Selection:
    level: str | None = None
    dimension: str | None = None
    role: str | None = None
    area: str | None = None

    def describe(self, handbook: Handbook) -> str:
        parts = []
        if self.level:
            parts.append(level_title(handbook.level(self.level)))
        if self.dimension:
            parts.append(handbook.dimension(self.dimension).name)
        if self.area and self.dimension:
            dim = handbook.dimension(self.dimension)
            parts.append(next((a.name for a in dim.areas if a.id == self.area), self.area))
        elif self.area:
            parts.append(f"area {self.area}")
        if self.role:
            parts.append(handbook.role(self.role).name)
        return ", ".join(parts) or "all items"


def select_items(handbook: Handbook, sel: Selection) -> list[PlacedItem]:
    """Items matching every given filter; unknown ids raise KeyError naming the valid ones."""
    if sel.level:
        handbook.level(sel.level)
    if sel.dimension:
        dim = handbook.dimension(sel.dimension)
        if sel.area and sel.area not in {a.id for a in dim.areas}:
            raise KeyError(f"unknown area {sel.area!r} for {dim.id}; expected one of: {', '.join(a.id for a in dim.areas)}")
    if sel.role:
        handbook.role(sel.role)
    return [
        pi for pi in handbook.items
        if (sel.level is None or pi.placed.level.id == sel.level)
        and (sel.dimension is None or pi.placed.dimension.id == sel.dimension)
        and (sel.area is None or pi.placed.practice.area == sel.area)
        and (sel.role is None or sel.role in pi.item.roles)
    ]


def item_row(item, meta_html: str) -> str:
    """One checklist row: a box to tick, id, text, done looks like, and blank Owner, Due, Notes."""
    return (
        f'<tr class="hb-item" id="{item.id}">'
        '<td class="hb-box-cell"><span class="hb-box" aria-hidden="true"></span></td>'
        f'<td class="hb-text"><span class="hb-id">{item.id}</span> {inline_html(item.text)}'
        f'<div class="hb-done"><strong>Done looks like:</strong> {inline_html(item.done_looks_like)}</div>'
        f'<div class="hb-meta">{meta_html}</div></td>'
        '<td class="hb-write"></td><td class="hb-write"></td><td class="hb-write hb-notes"></td></tr>'
    )


def items_table(rows: list[str]) -> str:
    return (
        '<table class="hb-items">\n<thead><tr><th class="hb-box-cell" scope="col">Done</th><th scope="col">Item</th>'
        '<th scope="col" class="hb-write">Owner</th><th scope="col" class="hb-write">Due</th>'
        '<th scope="col" class="hb-write hb-notes">Notes</th></tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table>"
    )


def _items_table(handbook: Handbook, items: list[PlacedItem], links: Links) -> str:
    rows = []
    for pi in items:
        practice = pi.placed.practice
        roles = ", ".join(handbook.role(r).name for r in pi.item.roles)
        practice_link = links.html_url(cell_uri(pi.placed.level.id, pi.placed.dimension.id), practice.id)
        meta = (f'<a href="{practice_link}">{html_text(practice.title)}</a> · {html_text(roles)} · '
                f'{PRIORITY[pi.item.priority]} priority')
        rows.append(item_row(pi.item, meta))
    return items_table(rows)


def render_items(handbook: Handbook, items: list[PlacedItem], links: Links, *, top: int = 2,
                 break_dimensions: bool = False, anchor_prefix: str = "") -> str:
    """Items grouped by level (when several), dimension and area, in the data's order."""
    blocks = []
    levels = list(dict.fromkeys(pi.placed.level.id for pi in items))
    for level_id in levels:
        depth = top
        if len(levels) > 1:
            blocks.append(heading(top, text(level_title(handbook.level(level_id))), f"{anchor_prefix}{level_id}"))
            depth += 1
        in_level = [pi for pi in items if pi.placed.level.id == level_id]
        for dim in handbook.dimensions:
            in_dim = [pi for pi in in_level if pi.placed.dimension.id == dim.id]
            if not in_dim:
                continue
            if break_dimensions and blocks:  # each dimension after the first starts a new sheet
                blocks.append('<div class="hb-page-break"></div>')
            blocks.append(heading(depth, text(dim.name), f"{anchor_prefix}{level_id}-{dim.id}"))
            for area in dim.areas:
                in_area = [pi for pi in in_dim if pi.placed.practice.area == area.id]
                if in_area:
                    blocks.append(heading(depth + 1, text(area.name), f"{anchor_prefix}{level_id}-{dim.id}-{area.id}"))
                    blocks.append(_items_table(handbook, in_area, links))
    return "\n\n".join(blocks)


def print_header(handbook: Handbook, title: str) -> str:
    """Running header and footer for paper: name, title, data version, page numbers."""
    def css_string(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'

    left = css_string(f"{handbook.model.name} · {title}")
    variant = f"{handbook.variant.label} · " if handbook.variant else ""
    right = css_string(f"{variant}Data version {handbook.model.data_version}")
    return (
        "<style>@media print { @page { "
        f"@top-left {{ content: {left}; }} @top-right {{ content: {right}; }} "
        '@bottom-right { content: "Page " counter(page) " of " counter(pages); } } }</style>'
    )


def toolbar(here: str, pdf_base: str | None) -> str:
    links = Links(here)
    parts = ['<button type="button" class="md-button hb-print">Print</button>']
    if pdf_base:
        for paper in ("a4", "letter"):
            parts.append(f'<a class="md-button hb-pdf" href="{links.html_url(pdf_uri(pdf_base, paper))}">PDF ({paper.upper() if paper == "a4" else "US Letter"})</a>')
    return '<p class="hb-toolbar">' + " ".join(parts) + "</p>"


def _fill_in() -> str:
    return ('<p class="hb-fill">Team: <span class="hb-line"></span> Facilitator: <span class="hb-line"></span> '
            'Date: <span class="hb-line hb-short"></span></p>')


def checklist_page(handbook: Handbook, here: str, title: str, intro: str, sel: Selection,
                   pdf_base: str | None, *, break_dimensions: bool = False) -> str:
    items = select_items(handbook, sel)
    return join_blocks(
        print_header(handbook, title),
        heading(1, text(title)),
        intro,
        toolbar(here, pdf_base),
        _fill_in(),
        f"{len(items)} items. Tick the box when the evidence under *Done looks like* exists; write the owner and a due date for the rest.",
        render_items(handbook, items, Links(here), break_dimensions=break_dimensions) if items else _none(handbook, sel),
    )


def _none(handbook: Handbook, sel: Selection) -> str:
    return f'<p class="hb-empty">No checklist items match {html_text(sel.describe(handbook))}.</p>'


def render_level_checklist(handbook: Handbook, level_id: str, here: str, pdf: bool) -> str:
    level = handbook.level(level_id)
    return checklist_page(
        handbook, here, f"{level_title(level)} checklist",
        f"Every checklist item of {text(level_title(level))}, across all dimensions.",
        Selection(level=level_id), pdf_name("level", level_id) if pdf else None, break_dimensions=True,
    )


def render_dimension_checklist(handbook: Handbook, dimension_id: str, here: str, pdf: bool) -> str:
    dim = handbook.dimension(dimension_id)
    return checklist_page(
        handbook, here, f"{dim.name} checklist",
        f"Every {text(dim.name)} item, level by level.",
        Selection(dimension=dimension_id), pdf_name("dimension", dimension_id) if pdf else None,
    )


def render_role_checklist(handbook: Handbook, role_id: str, here: str, pdf: bool) -> str:
    role = handbook.role(role_id)
    return checklist_page(
        handbook, here, f"{role.name} checklist",
        f"The items a {text(role.name.lower())} checks, level by level.",
        Selection(role=role_id), pdf_name("role", role_id) if pdf else None,
    )


def render_macro_checklist(handbook: Handbook, here: str, sel: Selection) -> str:
    """The public {{ checklist(...) }} macro for hand-written pages."""
    items = select_items(handbook, sel)
    if not items:
        return _none(handbook, sel)
    return render_items(handbook, items, Links(here), top=3, anchor_prefix="")


def render_workshop(handbook: Handbook, level_id: str, here: str, pdf: bool) -> str:
    level = handbook.level(level_id)
    items = select_items(handbook, Selection(level=level_id))
    title = f"{level_title(level)} workshop pack"
    links = Links(here)
    agenda_rows = [["0:00", "Welcome, goals of the session, how to score", "15 min"]]
    minute = 15
    for dim in handbook.dimensions:
        count = sum(1 for pi in items if pi.placed.dimension.id == dim.id)
        length = max(20, min(60, 5 * round(count * 1.5 / 5)))
        agenda_rows.append([f"{minute // 60}:{minute % 60:02d}", f"{text(dim.name)}: walk the checklist ({count} items)", f"{length} min"])
        minute += length
    agenda_rows.append([f"{minute // 60}:{minute % 60:02d}", "Scoring sheet, top three next actions, owners", "30 min"])
    score_rows = [[text(d.name), str(sum(1 for pi in items if pi.placed.dimension.id == d.id)), "", "", "", "", ""]
                  for d in handbook.dimensions]
    return join_blocks(
        print_header(handbook, title),
        heading(1, text(title)),
        f"Everything a facilitator needs for a half-day assessment of {text(level_title(level))}: the agenda, "
        "the checklist across all dimensions, a scoring sheet and a page for notes. Print it double-sided, "
        "one copy per participant. See also the " + links.link(text(f"{level_title(level)} page"), f"levels/{level_id}/index.md") + ".",
        toolbar(here, pdf_name("workshop", level_id) if pdf else None),
        _fill_in(),
        heading(2, "Agenda", "agenda"),
        table(["Start", "Session", "Length"], agenda_rows),
        '<div class="hb-page-break"></div>',
        heading(2, "Checklist", "checklist"),
        render_items(handbook, items, links, top=3, break_dimensions=True),
        '<div class="hb-page-break"></div>',
        heading(2, "Scoring sheet", "scoring"),
        f"Count the ticked boxes per dimension. A dimension reaches this level when at least "
        f"{handbook.model.assessment.threshold}% of its applicable items are done.",
        table(["Dimension", "Items", "Done", "In progress", "Not applicable", "% done", "Reached?"], score_rows),
        "**Top three next actions**",
        '<ol class="hb-lines"><li></li><li></li><li></li></ol>',
        '<div class="hb-page-break"></div>',
        heading(2, "Notes", "notes"),
        '<div class="hb-notes-page">' + '<div class="hb-rule"></div>' * 24 + "</div>",
    )


def render_checklists_index(handbook: Handbook, pdf: bool) -> str:
    links = Links(CHECKLISTS_URI)
    def count(sel):
        return str(len(select_items(handbook, sel)))
    by_level = table(["Level", "Items", "Workshop pack"], [
        [links.link(text(level_title(lv)), checklist_level_uri(lv.id)), count(Selection(level=lv.id)),
         links.link("workshop pack", workshop_uri(lv.id))] for lv in handbook.levels])
    by_dim = table(["Dimension", "Items"], [
        [links.link(text(d.name), checklist_dimension_uri(d.id)), count(Selection(dimension=d.id))] for d in handbook.dimensions])
    by_role = table(["Role", "Items"], [
        [links.link(text(r.name), checklist_role_uri(r.id)), count(Selection(role=r.id))] for r in handbook.roles])
    return join_blocks(
        heading(1, "Checklists"),
        "Printable checklists for workshops and reviews. Every page has a Print button; the paper version "
        "drops the navigation and keeps each item whole, with room to write an owner, a due date and notes. "
        "Each item's id (for example `" + (handbook.items[0].item.id if handbook.items else "l3-ppl-x-1") + "`) "
        "is stable: look it up on the site to find its practice.",
        heading(2, "By level", "by-level"), by_level,
        heading(2, "By dimension", "by-dimension"), by_dim,
        heading(2, "By role", "by-role"), by_role,
        heading(2, "Downloads", "downloads"),
        f"- {links.link('checklist.csv', 'exports/checklist.csv')}: every item, one row each, for spreadsheets.\n"
        f"- {links.link('handbook.json', 'exports/handbook.json')}: the whole handbook data as JSON.",
    )
