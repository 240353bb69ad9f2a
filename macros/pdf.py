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
from macros.render.markdown import built_file

log = logging.getLogger("mkdocs.handbook")

PAPERS = {"a4": "A4", "letter": "Letter"}
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class PdfError(Exception):
    pass


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) ?\(D:(\d{14})")


def _fix_dates(pdf: Path) -> None:
    """Same data in, same PDF out: Chromium stamps the print time; pin it (same length keeps offsets)."""
    data = pdf.read_bytes()
    pdf.write_bytes(_PDF_DATE.sub(lambda m: m.group(0)[: -14] + b"20000101000000", data))


def page_file(site_dir: Path, uri: str) -> Path:
    """The built HTML file of a page source."""
    return site_dir / built_file(uri)


def print_pdfs(site_dir: Path, checklists: list[PrintedChecklist], chromium: str | None,
               papers: tuple[str, ...] = ("a4", "letter")) -> list[Path]:
    if not chromium:
        raise PdfError("PDFs need Chromium: install Debian's chromium package, or set HANDBOOK_CHROMIUM "
                       "to a Chromium binary, or build without HANDBOOK_PDF=1")
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
            try:
                return print_with_browser(browser, site_dir, checklists, papers)
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise PdfError(f"Chromium failed while printing: {exc.message.splitlines()[0]}") from None


def print_with_browser(browser: Any, site_dir: Path, checklists: list[PrintedChecklist],
                       papers: tuple[str, ...] = ("a4", "letter")) -> list[Path]:
    """Print with an already running Playwright browser (one browser for many pages)."""
    written = []
    total = len(checklists) * len(papers)
    page = browser.new_page()
    try:
        for checklist in checklists:
            page.goto(page_file(site_dir, checklist.uri).as_uri(), wait_until="load")
            page.emulate_media(media="print")
            for paper in papers:
                target = site_dir / pdf_uri(checklist.pdf_name, paper)
                target.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(target), format=PAPERS[paper], print_background=False,
                         display_header_footer=False, prefer_css_page_size=False)
                _fix_dates(target)
                written.append(target)
                log.info("PDF %d/%d: %s", len(written), total, target.relative_to(site_dir))
    finally:
        page.close()
    return written
