"""Print checklist pages of a built site to PDF, A4 and US Letter, with headless Chromium.

Uses Debian's chromium through Playwright's `executable_path`: no browser download. Pages are
opened from the built files, so printing needs no web server.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from macros.pages import PrintedChecklist, pdf_uri
from macros.render.markdown import built_file, fill, html_text

log = logging.getLogger("mkdocs.handbook")

PAPERS = {"a4": "A4", "letter": "Letter"}
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class PdfError(Exception):
    pass


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) ?\(D:(\d{14})")
# Chromium writes the page tree and the named destinations (every element id a link points at,
# the headings' permalinks included) as plain PDF objects.
_PAGES_NODE = re.compile(rb"(\d+) 0 obj\s*<</Type /Pages\b[^>]*?/Kids \[([^\]]*)\]")
_CATALOG_PAGES = re.compile(rb"/Type /Catalog\s*/Pages (\d+) 0 R")
_DESTS_REF = re.compile(rb"/Dests (\d+) 0 R")
_REF = re.compile(rb"(\d+) 0 R")
# A blank page: its own sheet side, so the next sheet break lands on a right-hand page. Its words
# are the catalogue's print.blank_page.
_BLANK_PAGE = '<div class="hb-blank-page"><p>{}</p></div>'


def _fix_dates(pdf: Path) -> None:
    """Same data in, same PDF out: Chromium stamps the print time; pin it (same length keeps offsets)."""
    data = pdf.read_bytes()
    pdf.write_bytes(_PDF_DATE.sub(lambda m: m.group(0)[: -14] + b"20000101000000", data))


def destination_pages(pdf: bytes) -> dict[str, int]:
    """Element id -> 1-based page number, from a PDF Chromium printed."""
    nodes = {m.group(1): _REF.findall(m.group(2)) for m in _PAGES_NODE.finditer(pdf)}
    root = _CATALOG_PAGES.search(pdf)
    dests = _DESTS_REF.search(pdf)
    if not root or not dests:
        return {}
    order: list[bytes] = []

    def walk(ref: bytes) -> None:  # page tree nodes in document order; leaves are pages
        if ref in nodes:
            for kid in nodes[ref]:
                walk(kid)
        else:
            order.append(ref)

    walk(root.group(1))
    number = {ref: i + 1 for i, ref in enumerate(order)}
    body = re.search(rb"\n" + dests.group(1) + rb" 0 obj\s*<<(.*?)>>\s*endobj", pdf, re.S)
    if not body:
        return {}
    found = re.findall(rb"/([^\s/\[]+) \[(\d+) 0 R", body.group(1))
    return {name.decode("latin-1"): number[ref] for name, ref in found if ref in number}


def pad_to_right_hand_pages(page: Any, paper: str, blank_page: str) -> int:
    """Sheet breaks (.hb-sheet-break) start the next part on a right-hand (odd) page.

    CSS says so with `break-before: right`, but Chromium treats it as a plain page break
    (measured on Chromium 156): a first print tells on which page each part starts, and a blank
    page goes before every part that would start on a left-hand page. Returns the blanks added.
    """
    targets = page.eval_on_selector_all(
        ".hb-sheet-break", "els => els.map(e => e.nextElementSibling ? e.nextElementSibling.id : '')")
    if not targets:
        return 0
    pages = destination_pages(page.pdf(format=PAPERS[paper], print_background=False, display_header_footer=False))
    added = 0
    for index, target in enumerate(targets):
        start = pages.get(target)
        if start is None:
            continue
        if (start + added) % 2 == 0:  # a left-hand page: one blank page before it
            page.evaluate("([i, html]) => document.querySelectorAll('.hb-sheet-break')[i].insertAdjacentHTML('beforebegin', html)",
                          [index, str(fill(_BLANK_PAGE, html_text(blank_page)))])
            added += 1
    return added


_ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.S)
# Each part's article goes into the page's .hb-parts element after a page break (a sheet break in a
# workshop pack, so that the part starts on a right-hand page), by the same function the page's Print
# button uses (docs/assets/javascripts/print-button.js). The element after a sheet break is the part's
# h1, whose id is a named destination of the PDF, which pad_to_right_hand_pages needs.
_INSERT_PARTS = """articles => {
  const at = document.querySelector('.hb-parts');
  if (!at || !window.HandbookPrint) return false;
  window.HandbookPrint.insertParts(at, articles);
  return true;
}"""


def insert_parts(page: Any, site_dir: Path, parts: tuple[str, ...]) -> None:
    """A checklist printed whole from its parts (a role's level pages, a level's dimension pages): their
    articles go into the overview's page, so that one print holds them all, with one page count and the
    overview's running header. Their links are dropped on paper anyway (print.css)."""
    articles = []
    for uri in parts:
        found = _ARTICLE.search(page_file(site_dir, uri).read_text(encoding="utf-8"))
        if not found:
            raise PdfError(f"{page_file(site_dir, uri)}: no <article> to print")
        articles.append(found.group(1).strip())
    if not page.evaluate(_INSERT_PARTS, articles):
        raise PdfError(f"{page.url}: no .hb-parts element or print-button.js to put its parts into")


def page_file(site_dir: Path, uri: str) -> Path:
    """The built HTML file of a page source."""
    return site_dir / built_file(uri)


def print_pdfs(site_dir: Path, checklists: list[PrintedChecklist], chromium: str | None,
               papers: tuple[str, ...] = ("a4", "letter"), *, blank_page: str) -> list[Path]:
    """Every checklist to PDF; ``blank_page`` is what a page left blank says, in the handbook's language."""
    if not chromium:
        raise PdfError("PDFs need Chromium: install Debian's chromium package, or set HANDBOOK_CHROMIUM "
                       "to a Chromium binary, or build without HANDBOOK_PDF=1")
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
            try:
                return print_with_browser(browser, site_dir, checklists, papers, blank_page=blank_page)
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise PdfError(f"Chromium failed while printing: {exc.message.splitlines()[0]}") from None


def print_with_browser(browser: Any, site_dir: Path, checklists: list[PrintedChecklist],
                       papers: tuple[str, ...] = ("a4", "letter"), *, blank_page: str) -> list[Path]:
    """Print with an already running Playwright browser (one browser for many pages)."""
    written = []
    total = len(checklists) * len(papers)
    page = browser.new_page()
    try:
        for checklist in checklists:
            page.goto(page_file(site_dir, checklist.uri).as_uri(), wait_until="load")
            page.emulate_media(media="print")
            if checklist.parts:
                insert_parts(page, site_dir, checklist.parts)
            for paper in papers:
                target = site_dir / pdf_uri(checklist.pdf_name, paper)
                target.parent.mkdir(parents=True, exist_ok=True)
                page.evaluate("() => document.querySelectorAll('.hb-blank-page').forEach(e => e.remove())")
                pad_to_right_hand_pages(page, paper, blank_page)
                page.pdf(path=str(target), format=PAPERS[paper], print_background=False,
                         display_header_footer=False, prefer_css_page_size=False)
                _fix_dates(target)
                written.append(target)
                log.info("PDF %d/%d: %s", len(written), total, target.relative_to(site_dir))
    finally:
        page.close()
    return written
