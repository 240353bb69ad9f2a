"""Render helpers shared by several page kinds: labels, the print header, the toolbar, item rows.

Each was written out by hand in up to seven renderers before; one definition keeps the pages
consistent (a role's name, a level's short label and an item's row look the same everywhere).
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from macros.handbook import Handbook
from macros.model import PLACEHOLDER, ChecklistItem, LevelFile, Staffing
from macros.pages import pdf_uri
from macros.render.markdown import Links, css_string, fill, html_text, inline_html, joined, message, message_html, text

PAGE_BREAK = Markup('<div class="hb-page-break"></div>')
# Starts the next part on a new sheet, a right-hand page when printed double-sided
# (print.css; macros/pdf.py adds the blank pages Chromium leaves out).
SHEET_BREAK = Markup('<div class="hb-page-break hb-sheet-break"></div>')


def label(handbook: Handbook, key: str, **args: Markup | str | int | float) -> Markup:
    """A label from the handbook's message catalogue, for Markdown."""
    return message(handbook.messages[key], **args)


def label_html(handbook: Handbook, key: str, **args: Markup | str | int | float) -> Markup:
    """A label from the handbook's message catalogue, inside raw HTML (checklist rows, charts)."""
    return message_html(handbook.messages[key], **args)


def handbook_addition(handbook: Handbook, what: Markup) -> Markup:
    """The visible label on an element the handbook adds beyond the maturity model."""
    return fill('<p class="hb-addition"><strong>{}</strong> {}</p>', label_html(handbook, "addition.label"), what)


def fill_in(handbook: Handbook) -> Markup:
    """The lines a workshop writes its team, facilitator and date on."""
    return fill('<p class="hb-fill">{}: <span class="hb-line"></span> {}: <span class="hb-line"></span> '
                '{}: <span class="hb-line hb-short"></span></p>', label_html(handbook, "print.team"),
                label_html(handbook, "print.facilitator"), label_html(handbook, "print.date"))


def priority_label(handbook: Handbook, priority: str) -> Markup:
    return label(handbook, f"priority.{priority}")


def priority_label_html(handbook: Handbook, priority: str) -> Markup:
    return label_html(handbook, f"priority.{priority}")


def role_names(handbook: Handbook, role_ids: Iterable[str]) -> Markup:
    """The roles' names, comma-separated, for Markdown."""
    return joined(", ", [text(handbook.role(r).name) for r in role_ids])


def role_names_html(handbook: Handbook, role_ids: Iterable[str]) -> Markup:
    """The roles' names, comma-separated, inside HTML (checklist rows)."""
    return html_text(", ".join(handbook.role(r).name for r in role_ids))


def level_label(handbook: Handbook, level: LevelFile) -> Markup:
    """The short label of a level, "3 Scale", for table headers and lists of links."""
    return text(handbook.messages("level.short", number=level.number, name=level.name))


def holders_text(handbook: Handbook, entry: Staffing) -> Markup:
    if entry.holders == "all":
        return label(handbook, "staffing.holders_all")
    return label(handbook, "staffing.holders_at_least", count=entry.holders)


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
    version = handbook.messages("print.data_version", version=handbook.model.data_version)
    right = css_string(f"{handbook.variant_label()} · {version}" if handbook.variant else version)
    # "Page {page} of {pages}": the catalogue's words as CSS strings, its placeholders as page counters.
    parts = PLACEHOLDER.split(handbook.messages["print.page_of"])
    pages = " ".join(f"counter({p})" if i % 2 else css_string(p) for i, p in enumerate(parts) if p)
    return ("@media print { @page { "
            f"@top-left {{ content: {left}; }} @top-right {{ content: {right}; }} "
            f"@bottom-right {{ content: {pages}; }} }} }}")


def toolbar(handbook: Handbook, here: str, pdf_base: str | None) -> Markup:
    """The Print button and, when PDFs are built, links to the A4 and US Letter PDFs."""
    links = Links(here)
    parts = [fill('<button type="button" class="md-button hb-print">{}</button>', label_html(handbook, "print.button"))]
    if pdf_base:
        for paper in ("a4", "letter"):
            parts.append(fill('<a class="md-button hb-pdf" href="{}">{}</a>', links.html_url(pdf_uri(pdf_base, paper)),
                              label_html(handbook, f"print.pdf_{paper}")))
    return Markup('<p class="hb-toolbar">') + joined(" ", parts) + Markup("</p>")


def item_row(handbook: Handbook, item: ChecklistItem, meta_html: Markup) -> Markup:
    """One checklist row: a box to tick, id, text, done looks like, and blank Owner, Due, Notes.

    The box and the blank cells are bare <td>s that print.css styles by their place in the row (the box
    is the first cell's ::before): a class on each was 150 of a row's 760 bytes, on pages of 300 rows.
    """
    return fill(
        '<tr class="hb-item" id="{0}"><td></td>'
        '<td><span class="hb-id">{0}</span> {1}'
        '<div class="hb-done"><strong>{4}</strong> {2}</div>'
        '<div class="hb-meta">{3}</div></td>'
        '<td></td><td></td><td></td></tr>',
        item.id, inline_html(item.text), inline_html(item.done_looks_like), meta_html,
        label_html(handbook, "checklist.done_looks_like"))


def items_table(handbook: Handbook, rows: list[Markup]) -> Markup:
    def th(key: str) -> Markup:
        return label_html(handbook, f"checklist.column_{key}")

    return (
        fill('<table class="hb-items">\n<thead><tr><th class="hb-box-cell" scope="col">{}</th><th scope="col">{}</th>'
             '<th scope="col" class="hb-write">{}</th><th scope="col" class="hb-write">{}</th>'
             '<th scope="col" class="hb-write hb-notes">{}</th></tr></thead>\n<tbody>\n',
             th("done"), th("item"), th("owner"), th("due"), th("notes"))
        + joined("\n", rows)
        + Markup("\n</tbody>\n</table>")
    )
