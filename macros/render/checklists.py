"""Printable checklists: by level, dimension or role, the workshop pack, and the checklist macro.

Each item is a table row with an empty box to tick, its id in small type, its text and
"done looks like", and blank Owner, Due and Notes columns to fill in with a pen. The print
rules (docs/assets/stylesheets/print.css) keep rows whole and start each dimension of a level
pack on a new page; a per-page @page rule puts the handbook's name, the checklist's title and
the data version in the running header.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from macros.handbook import Handbook, PlacedItem
from macros.pages import (
    CHECKLISTS_URI,
    cell_uri,
    checklist_dimension_uri,
    checklist_level_uri,
    checklist_role_uri,
    level_title,
    pdf_name,
    workshop_uri,
)
from macros.render.common import (
    FILL_IN,
    PAGE_BREAK,
    SHEET_BREAK,
    item_row,
    items_table,
    priority_label,
    role_names_html,
    toolbar,
)
from macros.render.markdown import Links, fill, heading, html_text, join_blocks, joined, table, text


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

    def items(self, handbook: Handbook) -> list[PlacedItem]:
        """The items matching every filter; unknown ids raise KeyError naming the valid ones."""
        return handbook.select_items(level=self.level, dimension=self.dimension, role=self.role, area=self.area)

    def check(self, handbook: Handbook) -> None:
        """Raise KeyError, naming the valid choices, if a filter names nothing in the data."""
        handbook.check_filters(level=self.level, dimension=self.dimension, role=self.role, area=self.area)


def _items_table(handbook: Handbook, items: list[PlacedItem], links: Links) -> Markup:
    rows = []
    for pi in items:
        practice = pi.placed.practice
        practice_link = links.html_url(cell_uri(pi.placed.level.id, pi.placed.dimension.id), practice.id)
        meta = fill('<a href="{}">{}</a> · {} · {} priority',
            practice_link, html_text(practice.title), role_names_html(handbook, pi.item.roles), priority_label(pi.item.priority))
        rows.append(item_row(pi.item, meta))
    return items_table(rows)


def render_items(handbook: Handbook, items: list[PlacedItem], links: Links, *, top: int = 2,
                 break_dimensions: bool = False, anchor_prefix: str = "", right_hand: bool = False) -> Markup:
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
                blocks.append(SHEET_BREAK if right_hand else PAGE_BREAK)
            blocks.append(heading(depth, text(dim.name), f"{anchor_prefix}{level_id}-{dim.id}"))
            for area in dim.areas:
                in_area = [pi for pi in in_dim if pi.placed.practice.area == area.id]
                if in_area:
                    blocks.append(heading(depth + 1, text(area.name), f"{anchor_prefix}{level_id}-{dim.id}-{area.id}"))
                    blocks.append(_items_table(handbook, in_area, links))
    return joined("\n\n", blocks)


def checklist_page(handbook: Handbook, here: str, title: str, intro: Markup, sel: Selection,
                   pdf_base: str | None, *, break_dimensions: bool = False) -> Markup:
    items = sel.items(handbook)
    return join_blocks(
        heading(1, text(title)),
        intro,
        toolbar(here, pdf_base),
        FILL_IN,
        fill("{} items. Tick the box when the evidence under *Done looks like* exists; "
               "write the owner and a due date for the rest.", len(items)),
        render_items(handbook, items, Links(here), break_dimensions=break_dimensions) if items else _none(handbook, sel),
    )


def _none(handbook: Handbook, sel: Selection) -> Markup:
    return fill('<p class="hb-empty">No checklist items match {}.</p>', html_text(sel.describe(handbook)))


def render_level_checklist(handbook: Handbook, level_id: str, here: str, pdf: bool) -> Markup:
    level = handbook.level(level_id)
    return checklist_page(
        handbook, here, f"{level_title(level)} checklist",
        fill("Every checklist item of {}, across all dimensions.", text(level_title(level))),
        Selection(level=level_id), pdf_name("level", level_id) if pdf else None, break_dimensions=True,
    )


def render_dimension_checklist(handbook: Handbook, dimension_id: str, here: str, pdf: bool) -> Markup:
    dim = handbook.dimension(dimension_id)
    return checklist_page(
        handbook, here, f"{dim.name} checklist",
        fill("Every {} item, level by level.", text(dim.name)),
        Selection(dimension=dimension_id), pdf_name("dimension", dimension_id) if pdf else None,
    )


def render_role_checklist(handbook: Handbook, role_id: str, here: str, pdf: bool) -> Markup:
    role = handbook.role(role_id)
    return checklist_page(
        handbook, here, f"{role.name} checklist",
        fill("The items a {} checks, level by level.", text(role.name.lower())),
        Selection(role=role_id), pdf_name("role", role_id) if pdf else None,
    )


def render_macro_checklist(handbook: Handbook, here: str, sel: Selection) -> Markup:
    """The public {{ checklist(...) }} macro for hand-written pages."""
    items = sel.items(handbook)
    if not items:
        return _none(handbook, sel)
    return render_items(handbook, items, Links(here), top=3, anchor_prefix="")


def render_workshop(handbook: Handbook, level_id: str, here: str, pdf: bool) -> Markup:
    level = handbook.level(level_id)
    items = handbook.select_items(level=level_id)
    title = f"{level_title(level)} workshop pack"
    links = Links(here)
    def clock(minute: int) -> Markup:
        return fill("{}:{:02d}", minute // 60, minute % 60)

    agenda_rows = [[clock(0), Markup("Welcome, goals of the session, how to score"), Markup("15 min")]]
    minute = 15
    for dim in handbook.dimensions:
        count = sum(1 for pi in items if pi.placed.dimension.id == dim.id)
        length = max(20, min(60, 5 * round(count * 1.5 / 5)))
        agenda_rows.append([clock(minute), fill("{}: walk the checklist ({} items)", text(dim.name), count),
                            fill("{} min", length)])
        minute += length
    agenda_rows.append([clock(minute), Markup("Scoring sheet, top three next actions, owners"), Markup("30 min")])
    score_rows = [[text(d.name), text(str(sum(1 for pi in items if pi.placed.dimension.id == d.id)))] + [Markup()] * 5
                  for d in handbook.dimensions]
    return join_blocks(
        heading(1, text(title)),
        fill("Everything a facilitator needs for a half-day assessment of {}: the agenda, "
               "the checklist across all dimensions, a scoring sheet and a page for notes. Print it double-sided, "
               "one copy per participant. See also the {}.",
                   text(level_title(level)), links.link(text(f"{level_title(level)} page"), f"levels/{level_id}/index.md")),
        toolbar(here, pdf_name("workshop", level_id) if pdf else None),
        FILL_IN,
        heading(2, Markup("Agenda"), "agenda"),
        table([Markup("Start"), Markup("Session"), Markup("Length")], agenda_rows),
        SHEET_BREAK,
        heading(2, Markup("Checklist"), "checklist"),
        render_items(handbook, items, links, top=3, break_dimensions=True, right_hand=True),
        PAGE_BREAK,
        heading(2, Markup("Scoring sheet"), "scoring"),
        fill("Count the ticked boxes per dimension. A dimension reaches this level when at least "
               "{}% of its applicable items are done.", handbook.model.assessment.threshold),
        table([Markup(h) for h in ("Dimension", "Items", "Done", "In progress", "Not applicable", "% done", "Reached?")], score_rows),
        Markup("**Top three next actions**"),
        Markup('<ol class="hb-lines"><li></li><li></li><li></li></ol>'),
        PAGE_BREAK,
        heading(2, Markup("Notes"), "notes"),
        Markup('<div class="hb-notes-page">') + Markup('<div class="hb-rule"></div>') * 24 + Markup("</div>"),
    )


def render_checklists_index(handbook: Handbook, pdf: bool) -> Markup:
    links = Links(CHECKLISTS_URI)

    def count(sel: Selection) -> Markup:
        return text(str(len(sel.items(handbook))))
    by_level = table([Markup("Level"), Markup("Items"), Markup("Workshop pack")], [
        [links.link(text(level_title(lv)), checklist_level_uri(lv.id)), count(Selection(level=lv.id)),
         links.link(Markup("workshop pack"), workshop_uri(lv.id))] for lv in handbook.levels])
    by_dim = table([Markup("Dimension"), Markup("Items")], [
        [links.link(text(d.name), checklist_dimension_uri(d.id)), count(Selection(dimension=d.id))] for d in handbook.dimensions])
    by_role = table([Markup("Role"), Markup("Items")], [
        [links.link(text(r.name), checklist_role_uri(r.id)), count(Selection(role=r.id))] for r in handbook.roles])
    return join_blocks(
        heading(1, Markup("Checklists")),
        fill("Printable checklists for workshops and reviews. Every page has a Print button; the paper version "
               "drops the navigation and keeps each item whole, with room to write an owner, a due date and notes. "
               "Each item's id (for example `{}`) is stable: look it up on the site to find its practice.",
                   handbook.items[0].item.id if handbook.items else "l3-ppl-x-1"),
        heading(2, Markup("By level"), "by-level"), by_level,
        heading(2, Markup("By dimension"), "by-dimension"), by_dim,
        heading(2, Markup("By role"), "by-role"), by_role,
        heading(2, Markup("Downloads"), "downloads"),
        fill("- {}: every item, one row each, for spreadsheets.\n- {}: the whole handbook data as JSON.",
            links.link(Markup("checklist.csv"), "exports/checklist.csv"), links.link(Markup("handbook.json"), "exports/handbook.json")),
    )
