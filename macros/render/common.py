"""Render helpers shared by several page kinds: labels, the print header, the toolbar, item rows.

Each was written out by hand in up to seven renderers before; one definition keeps the pages
consistent (a role's name, a level's short label and an item's row look the same everywhere).
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from macros.handbook import Handbook
from macros.model import ChecklistItem, LevelFile, Staffing
from macros.pages import pdf_uri
from macros.render.markdown import Links, css_string, fill, html_text, inline_html, joined, text

PRIORITY_LABEL = {"high": "High", "medium": "Medium", "low": "Low"}

PAGE_BREAK = Markup('<div class="hb-page-break"></div>')
# Starts the next part on a new sheet, a right-hand page when printed double-sided
# (print.css; macros/pdf.py adds the blank pages Chromium leaves out).
SHEET_BREAK = Markup('<div class="hb-page-break hb-sheet-break"></div>')

FILL_IN = Markup('<p class="hb-fill">Team: <span class="hb-line"></span> Facilitator: <span class="hb-line"></span> '
                 'Date: <span class="hb-line hb-short"></span></p>')


_PRIORITY_MARKUP = {key: Markup(label) for key, label in PRIORITY_LABEL.items()}


def priority_label(priority: str) -> Markup:
    return _PRIORITY_MARKUP[priority]


def role_names(handbook: Handbook, role_ids: Iterable[str]) -> Markup:
    """The roles' names, comma-separated, for Markdown."""
    return joined(", ", [text(handbook.role(r).name) for r in role_ids])


def role_names_html(handbook: Handbook, role_ids: Iterable[str]) -> Markup:
    """The roles' names, comma-separated, inside HTML (checklist rows)."""
    return html_text(", ".join(handbook.role(r).name for r in role_ids))


def level_label(level: LevelFile) -> Markup:
    """The short label of a level, "3 Scale", for table headers and lists of links."""
    return text(f"{level.number} {level.name}")


def holders_text(entry: Staffing) -> Markup:
    return Markup("Everyone in the role") if entry.holders == "all" else fill("At least {}", entry.holders)


def early_target(handbook: Handbook, entry: Staffing, level_id: str) -> bool:
    """A team-plan target shown at a level before its certification's recommended levels.

    A target set early carries forward to later levels; its certification_note only applies
    while the page's level is still early.
    """
    recommended = [handbook.level(lv).number for lv in handbook.certification(entry.certification).recommended_levels]
    return bool(entry.certification_note) and bool(recommended) and handbook.level(level_id).number < min(recommended)


def print_header(handbook: Handbook, title: str) -> str:
    """Running header and footer for paper: name, title, variant, data version, page numbers.

    An @page rule, so it belongs in a stylesheet in the page's <head> (a <style> element is not
    valid in the article): the hook hands it to overrides/main.html for every page.
    """
    left = css_string(f"{handbook.model.name} · {title}")
    variant = f"{handbook.variant.label} · " if handbook.variant else ""
    right = css_string(f"{variant}Data version {handbook.model.data_version}")
    return ("@media print { @page { "
            f"@top-left {{ content: {left}; }} @top-right {{ content: {right}; }} "
            '@bottom-right { content: "Page " counter(page) " of " counter(pages); } } }')


def toolbar(here: str, pdf_base: str | None) -> Markup:
    """The Print button and, when PDFs are built, links to the A4 and US Letter PDFs."""
    links = Links(here)
    parts = [Markup('<button type="button" class="md-button hb-print">Print</button>')]
    if pdf_base:
        for paper in ("a4", "letter"):
            parts.append(fill('<a class="md-button hb-pdf" href="{}">PDF ({})</a>',
                links.html_url(pdf_uri(pdf_base, paper)), paper.upper() if paper == "a4" else "US Letter"))
    return Markup('<p class="hb-toolbar">') + joined(" ", parts) + Markup("</p>")


def item_row(item: ChecklistItem, meta_html: Markup) -> Markup:
    """One checklist row: a box to tick, id, text, done looks like, and blank Owner, Due, Notes."""
    return fill(
        '<tr class="hb-item" id="{0}">'
        '<td class="hb-box-cell"><span class="hb-box" aria-hidden="true"></span></td>'
        '<td class="hb-text"><span class="hb-id">{0}</span> {1}'
        '<div class="hb-done"><strong>Done looks like:</strong> {2}</div>'
        '<div class="hb-meta">{3}</div></td>'
        '<td class="hb-write"></td><td class="hb-write"></td><td class="hb-write hb-notes"></td></tr>',
        item.id, inline_html(item.text), inline_html(item.done_looks_like), meta_html)


def items_table(rows: list[Markup]) -> Markup:
    return (
        Markup('<table class="hb-items">\n<thead><tr><th class="hb-box-cell" scope="col">Done</th><th scope="col">Item</th>'
               '<th scope="col" class="hb-write">Owner</th><th scope="col" class="hb-write">Due</th>'
               '<th scope="col" class="hb-write hb-notes">Notes</th></tr></thead>\n<tbody>\n')
        + joined("\n", rows)
        + Markup("\n</tbody>\n</table>")
    )
