"""Printable checklists: by level, dimension or role, the workshop pack, and the checklist macro.

Each item is a table row with an empty box to tick, its id in small type, its text and
"done looks like", and blank Owner, Due and Notes columns to fill in with a pen. The print
rules (docs/assets/stylesheets/print.css) keep rows whole and start each part of a pack on a
new page; a per-page @page rule puts the handbook's name, the checklist's title and the data
version in the running header.

The items of a role or a dimension are one page per level, and those of a level one page per
dimension (the dimension's level page): a whole role's checklist on one page was 322 KB, over
the 150 KB a page may weigh. The role, dimension and level pages and the workshop pack are
overviews of those parts; each is still printed whole, to one PDF (macros/pdf.py puts the parts'
articles into the overview's ``.hb-parts`` element before printing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from markupsafe import Markup

from macros.handbook import Handbook, PlacedItem
from macros.model import ChecklistItem, LevelFile
from macros.pages import (
    CHECKLISTS_URI,
    MOVED_ANCHORS_SCRIPT,
    cell_uri,
    checklist_dimension_level_uri,
    checklist_dimension_uri,
    checklist_level_uri,
    checklist_role_level_uri,
    checklist_role_uri,
    level_title,
    pdf_name,
    pdf_uri,
    workshop_uri,
)
from macros.render.common import (
    PAGE_BREAK,
    SHEET_BREAK,
    fill_in,
    item_row,
    items_table,
    label,
    label_html,
    priority_label,
    priority_label_html,
    role_names_html,
    toolbar,
)
from macros.render.markdown import Links, fill, heading, html_text, join_blocks, joined, table, text

PRIORITIES: tuple[str, ...] = get_args(ChecklistItem.model_fields["priority"].annotation)  # high, medium, low


@dataclass(frozen=True)
class Selection:
    level: str | None = None
    dimension: str | None = None
    role: str | None = None
    area: str | None = None

    def describe(self, handbook: Handbook) -> str:
        parts = []
        if self.level:
            parts.append(level_title(handbook, handbook.level(self.level)))
        if self.dimension:
            parts.append(handbook.dimension(self.dimension).name)
        if self.area and self.dimension:
            dim = handbook.dimension(self.dimension)
            parts.append(next((a.name for a in dim.areas if a.id == self.area), self.area))
        elif self.area:
            parts.append(handbook.messages("checklist.area", area=self.area))
        if self.role:
            parts.append(handbook.role(self.role).name)
        return ", ".join(parts) or handbook.messages("checklist.all_items")

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
        meta = fill('<a href="{}">{}</a> · {} · {}', practice_link, html_text(practice.title), role_names_html(handbook, pi.item.roles),
                    label_html(handbook, "checklist.priority", priority=priority_label_html(handbook, pi.item.priority)))
        rows.append(item_row(handbook, pi.item, meta))
    return items_table(handbook, rows)


def render_items(handbook: Handbook, items: list[PlacedItem], links: Links, *, top: int = 2,
                 break_dimensions: bool = False, anchor_prefix: str = "", right_hand: bool = False) -> Markup:
    """Items grouped by level (when several), dimension and area, in the data's order."""
    blocks = []
    levels = list(dict.fromkeys(pi.placed.level.id for pi in items))
    for level_id in levels:
        depth = top
        if len(levels) > 1:
            blocks.append(heading(top, text(level_title(handbook, handbook.level(level_id))), f"{anchor_prefix}{level_id}"))
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
        toolbar(handbook, here, pdf_base),
        fill_in(handbook),
        label(handbook, "checklist.instructions", count=len(items)),
        render_items(handbook, items, Links(here), break_dimensions=break_dimensions) if items else _none(handbook, sel),
    )


def _none(handbook: Handbook, sel: Selection) -> Markup:
    return fill('<p class="hb-empty">{}</p>', label_html(handbook, "checklist.none", selection=sel.describe(handbook)))


def part_title(handbook: Handbook, name: str, level: LevelFile) -> str:
    """"Platform engineer checklist, Level 3: Scale": the title of a role's or a dimension's level page."""
    return handbook.messages("checklist.part_title", name=name, part=level_title(handbook, level))


def render_role_level_checklist(handbook: Handbook, role_id: str, level_id: str, here: str, pdf: bool) -> Markup:
    role, level = handbook.role(role_id), handbook.level(level_id)
    return checklist_page(
        handbook, here, part_title(handbook, role.name, level),
        label(handbook, "checklist.role_level_intro", role=text(role.name), level=text(level_title(handbook, level))),
        Selection(role=role_id, level=level_id), pdf_name("role", role_id, level_id) if pdf else None,
    )


def render_dimension_level_checklist(handbook: Handbook, dimension_id: str, level_id: str, here: str, pdf: bool) -> Markup:
    dim, level = handbook.dimension(dimension_id), handbook.level(level_id)
    return checklist_page(
        handbook, here, part_title(handbook, dim.name, level),
        label(handbook, "checklist.dimension_level_intro", dimension=text(dim.name), level=text(level_title(handbook, level))),
        Selection(dimension=dimension_id, level=level_id), pdf_name("dimension", dimension_id, level_id) if pdf else None,
    )


@dataclass(frozen=True)
class Part:
    """One page of a checklist that is printed whole: a role's or a dimension's level, a level's dimension."""

    name: str  # the level's or the dimension's name
    uri: str
    pdf_base: str
    anchor: str  # the part's heading anchor on the one-page checklist it was cut from (old bookmarks)
    items: list[PlacedItem]


def role_parts(handbook: Handbook, role_id: str) -> list[Part]:
    """A role's level pages: the levels with at least one item for the role (macros/registry.py plans the same)."""
    parts = [Part(level_title(handbook, lv), checklist_role_level_uri(role_id, lv.id), pdf_name("role", role_id, lv.id),
                  lv.id, handbook.select_items(role=role_id, level=lv.id)) for lv in handbook.levels]
    return [p for p in parts if p.items]


def dimension_parts(handbook: Handbook, dimension_id: str) -> list[Part]:
    parts = [Part(level_title(handbook, lv), checklist_dimension_level_uri(dimension_id, lv.id),
                  pdf_name("dimension", dimension_id, lv.id), lv.id,
                  handbook.select_items(dimension=dimension_id, level=lv.id)) for lv in handbook.levels]
    return [p for p in parts if p.items]


def level_parts(handbook: Handbook, level_id: str) -> list[Part]:
    """A level's items, one page per dimension: the dimensions' level pages."""
    parts = [Part(d.name, checklist_dimension_level_uri(d.id, level_id), pdf_name("dimension", d.id, level_id),
                  f"{level_id}-{d.id}", handbook.select_items(dimension=d.id, level=level_id)) for d in handbook.dimensions]
    return [p for p in parts if p.items]


def _pdf_links(handbook: Handbook, links: Links, pdf_base: str) -> Markup:
    return joined(" · ", [fill('<a href="{}">{}</a>', links.html_url(pdf_uri(pdf_base, paper)), label_html(handbook, f"print.pdf_{paper}"))
                          for paper in ("a4", "letter")])


def parts_table(handbook: Handbook, links: Links, column: str, parts: list[Part], pdf: bool) -> Markup:
    """Each part with its items by priority and, when PDFs are built, its PDFs (not printed: print.css)."""
    headers = [label(handbook, f"column.{column}"), label(handbook, "column.items")]
    headers += [priority_label(handbook, p) for p in PRIORITIES] + ([label(handbook, "checklist.column_pdf")] if pdf else [])
    rows = []
    for part in parts:
        row = [links.link(text(part.name), part.uri), text(str(len(part.items)))]
        row += [text(str(sum(1 for pi in part.items if pi.item.priority == p))) for p in PRIORITIES]
        rows.append(row + ([_pdf_links(handbook, links, part.pdf_base)] if pdf else []))
    return fill('<div class="hb-parts-list{}" markdown>\n\n{}\n\n</div>', " hb-with-pdf" if pdf else "", table(headers, rows))


def part_pages(links: Links, parts: list[Part]) -> Markup:
    """The part pages, for the scripts: print-button.js prints them whole from a served site, and
    moved-anchors.js sends an old bookmark of the one-page checklist (#<item-id>, #<level>-<dimension>)
    on to the part that holds the anchor."""
    spans = [fill('<span data-href="{}" data-prefix="{}" data-items="{}"></span>', links.html_url(p.uri), p.anchor,
                  " ".join(pi.item.id for pi in p.items)) for p in parts]
    return (Markup('<div id="hb-part-pages" hidden>') + joined("", spans) + Markup("</div>\n")
            + fill('<script src="{}"></script>', links.html_url(MOVED_ANCHORS_SCRIPT)))


def parts_placeholder(*, sheets: bool) -> Markup:
    """Where the parts' articles go before the whole is printed (macros/pdf.py, print-button.js), each on a
    new page (a new sheet, a right-hand page, with ``sheets``). Empty, and hidden on screen."""
    return Markup('<div class="hb-parts hb-sheets"></div>' if sheets else '<div class="hb-parts"></div>')


def overview_page(handbook: Handbook, here: str, title: str, intro: Markup, sel: Selection, column: str,
                  parts: list[Part], pdf_base: str | None) -> Markup:
    """A checklist in parts: what it covers, each part with its counts, the whole in one PDF."""
    links = Links(here)
    if not parts:
        return join_blocks(heading(1, text(title)), intro, _none(handbook, sel))
    return join_blocks(
        heading(1, text(title)),
        intro,
        label(handbook, "checklist.overview", count=sum(len(p.items) for p in parts), parts=len(parts)),
        toolbar(handbook, here, pdf_base),
        parts_table(handbook, links, column, parts, pdf_base is not None),
        part_pages(links, parts),
        parts_placeholder(sheets=False),
    )


def render_level_checklist(handbook: Handbook, level_id: str, here: str, pdf: bool) -> Markup:
    level = handbook.level(level_id)
    return overview_page(
        handbook, here, handbook.messages("checklist.title", name=level_title(handbook, level)),
        label(handbook, "checklist.level_intro", level=text(level_title(handbook, level))),
        Selection(level=level_id), "dimension", level_parts(handbook, level_id), pdf_name("level", level_id) if pdf else None,
    )


def render_dimension_checklist(handbook: Handbook, dimension_id: str, here: str, pdf: bool) -> Markup:
    dim = handbook.dimension(dimension_id)
    return overview_page(
        handbook, here, handbook.messages("checklist.title", name=dim.name),
        label(handbook, "checklist.dimension_intro", dimension=text(dim.name)),
        Selection(dimension=dimension_id), "level", dimension_parts(handbook, dimension_id), pdf_name("dimension", dimension_id) if pdf else None,
    )


def render_role_checklist(handbook: Handbook, role_id: str, here: str, pdf: bool) -> Markup:
    role = handbook.role(role_id)
    return overview_page(
        handbook, here, handbook.messages("checklist.title", name=role.name),
        label(handbook, "checklist.role_intro", role=text(role.name)),
        Selection(role=role_id), "level", role_parts(handbook, role_id), pdf_name("role", role_id) if pdf else None,
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
    title = handbook.messages("workshop.title", level=level_title(handbook, level))
    links = Links(here)
    parts = level_parts(handbook, level_id)
    def clock(minute: int) -> Markup:
        return fill("{}:{:02d}", minute // 60, minute % 60)

    def minutes(count: int) -> Markup:
        return label(handbook, "workshop.minutes", count=count)

    agenda_rows = [[clock(0), label(handbook, "workshop.welcome"), minutes(15)]]
    minute = 15
    for dim in handbook.dimensions:
        count = sum(1 for pi in items if pi.placed.dimension.id == dim.id)
        length = max(20, min(60, 5 * round(count * 1.5 / 5)))
        agenda_rows.append([clock(minute), label(handbook, "workshop.walk", dimension=text(dim.name), count=count),
                            minutes(length)])
        minute += length
    agenda_rows.append([clock(minute), label(handbook, "workshop.close"), minutes(30)])
    score_rows = [[text(d.name), text(str(sum(1 for pi in items if pi.placed.dimension.id == d.id)))] + [Markup()] * 5
                  for d in handbook.dimensions]
    return join_blocks(
        heading(1, text(title)),
        label(handbook, "workshop.intro", level=text(level_title(handbook, level)), page=links.link(
            label(handbook, "workshop.level_page", level=text(level_title(handbook, level))), f"levels/{level_id}/index.md")),
        toolbar(handbook, here, pdf_name("workshop", level_id) if pdf else None),
        fill_in(handbook),
        heading(2, label(handbook, "workshop.agenda"), "agenda"),
        table([label(handbook, f"column.{k}") for k in ("start", "session", "length")], agenda_rows),
        SHEET_BREAK,
        heading(2, label(handbook, "workshop.checklist"), "checklist"),
        label(handbook, "workshop.checklist_intro"),
        parts_table(handbook, links, "dimension", parts, pdf),
        part_pages(links, parts),
        parts_placeholder(sheets=True),
        PAGE_BREAK,
        heading(2, label(handbook, "workshop.scoring"), "scoring"),
        label(handbook, "workshop.scoring_intro", threshold=handbook.model.assessment.threshold),
        table([label(handbook, f"column.{k}") for k in (
            "dimension", "items", "done", "in_progress", "not_applicable", "percent_done", "reached")], score_rows),
        fill("**{}**", label(handbook, "workshop.next_actions")),
        Markup('<ol class="hb-lines"><li></li><li></li><li></li></ol>'),
        PAGE_BREAK,
        heading(2, label(handbook, "workshop.notes"), "notes"),
        Markup('<div class="hb-notes-page">') + Markup('<div class="hb-rule"></div>') * 24 + Markup("</div>"),
    )


def render_checklists_index(handbook: Handbook, pdf: bool) -> Markup:
    links = Links(CHECKLISTS_URI)

    def count(sel: Selection) -> Markup:
        return text(str(len(sel.items(handbook))))
    def headers(*keys: str) -> list[Markup]:
        return [label(handbook, f"column.{k}") for k in keys]

    by_level = table(headers("level", "items", "workshop_pack"), [
        [links.link(text(level_title(handbook, lv)), checklist_level_uri(lv.id)), count(Selection(level=lv.id)),
         links.link(label(handbook, "checklists.workshop_link"), workshop_uri(lv.id))] for lv in handbook.levels])
    by_dim = table(headers("dimension", "items"), [
        [links.link(text(d.name), checklist_dimension_uri(d.id)), count(Selection(dimension=d.id))] for d in handbook.dimensions])
    by_role = table(headers("role", "items"), [
        [links.link(text(r.name), checklist_role_uri(r.id)), count(Selection(role=r.id))] for r in handbook.roles])
    return join_blocks(
        heading(1, text(handbook.messages("title.checklists"))),
        label(handbook, "checklists.intro", example=handbook.items[0].item.id if handbook.items else "l3-ppl-x-1"),
        heading(2, label(handbook, "checklists.by_level"), "by-level"), by_level,
        heading(2, label(handbook, "checklists.by_dimension"), "by-dimension"), by_dim,
        heading(2, label(handbook, "checklists.by_role"), "by-role"), by_role,
        heading(2, label(handbook, "checklists.downloads"), "downloads"),
        fill("- {}\n- {}", label(handbook, "checklists.csv", file=links.link(Markup("checklist.csv"), "exports/checklist.csv")),
             label(handbook, "checklists.json", file=links.link(Markup("handbook.json"), "exports/handbook.json"))),
    )
