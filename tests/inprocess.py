"""Pages rendered in this process by mkdocs' own steps, without writing a site.

``mkdocs build`` loads the config, runs the plugins' ``on_config`` and ``on_files`` (the
handbook hook validates the data and adds the generated pages; mkdocs-macros registers the
macros), then for each page runs ``on_page_markdown`` (mkdocs-macros renders the page's
macro call) and converts the Markdown to the article's HTML, rewriting links to their URLs.
``Site`` runs exactly those steps, in this process and only for the pages a test asks for. What
is left out is the theme around the article (nav, header, footer, search) and the files
written to disk, which the built-site tests (``built_site``) check.

Set-up takes under a second and a page tens of milliseconds where a site build takes many
seconds, so renderer tests cover every page kind in the fast subset (``make test-fast``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from pathlib import Path

from bs4 import BeautifulSoup

from macros.registry import PlannedPage, plan_pages

ROOT = Path(__file__).resolve().parent.parent


def first_of_each_kind(plan: list[PlannedPage]) -> dict[str, PlannedPage]:
    """Kind -> the first planned page of that kind: one page of every kind, for checks too slow for all."""
    return {p.kind: p for p in reversed(plan)}


def built_path(uri: str) -> str:
    """Where mkdocs (use_directory_urls) writes the page of a source file: levels/x.md -> levels/x/index.html."""
    stem = uri.removesuffix(".md")
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class Site:
    """One project (its mkdocs.yml, docs/ and data), set up as a build sets it up."""

    def __init__(self, project: Path = ROOT, **env: str):
        from mkdocs.config import load_config
        from mkdocs.structure.files import get_files
        from mkdocs.structure.nav import get_navigation

        self.warnings = _Collect()  # what `mkdocs build --strict` would fail on
        logging.getLogger("mkdocs").addHandler(self.warnings)
        with _environment(env):
            config = load_config(str(project / "mkdocs.yml"))
            config = config.plugins.on_config(config)
            files = config.plugins.on_files(get_files(config), config=config)
            config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        self.config, self.files, self.env = config, files, env
        self._articles: dict[str, str] = {}
        self._soups: dict[str, BeautifulSoup] = {}

    @property
    def handbook(self):
        from macros.cache import handbook_for

        with _environment(self.env):
            return handbook_for(self.config)

    def planned(self) -> list[PlannedPage]:
        return plan_pages(self.handbook)

    def article(self, uri: str) -> str:
        """The HTML of a page's article (mkdocs' ``page.content``), rendered once."""
        if uri not in self._articles:
            page = self.files.get_file_from_path(uri).page
            config, files = self.config, self.files
            with _environment(self.env):
                page.read_source(config)
                page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
                page.render(config, files)
                page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
                from macros.entry import report_macro_problems

                report_macro_problems(config.plugins["macros"])  # a misused macro fails the page, as in a build
            self._articles[uri] = page.content
        return self._articles[uri]

    def soup(self, uri: str) -> BeautifulSoup:
        """The article parsed once and shared: read it, never change it (a checklist page takes
        half a second of CPU to parse)."""
        if uri not in self._soups:
            self._soups[uri] = BeautifulSoup(self.article(uri), "html.parser")
        return self._soups[uri]

    def item_ids(self, uri: str) -> list[str]:
        """The ids of a page's checklist rows, in order, without parsing the page (the renderer writes
        each row as <tr class="hb-item" id="...">; tests of the rows' content use soup())."""
        return re.findall(r'<tr class="hb-item" id="([^"]+)"', self.article(uri))

    def check_anchors(self) -> None:
        """mkdocs' check of every #anchor link between the pages rendered so far (warnings on failure)."""
        for file in self.files.documentation_pages():
            if file.page is not None and file.page.present_anchor_ids is not None:
                file.page.validate_anchor_links(files=self.files, log_level=logging.WARNING)

    def close(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)


@contextlib.contextmanager
def _environment(env: dict[str, str]):
    """Settings the engine reads from the environment (HANDBOOK_VARIANT, ...), for this site only."""
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
