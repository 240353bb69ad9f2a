"""Check a built site the way a reader's browser would: every internal link resolves.

Covers every page of the site (generated and hand-written) and everything a page points at:
links (``a``, ``area``), images (``img``, ``source``, ``srcset``), scripts, stylesheets and
icons (``link``), frames, ``object``/``embed``, SVG ``use``, the theme's JSON configuration
(search worker, base URL), any ``url``/``href`` in the pages' JSON data blocks (the
self-assessment's links to practices), the search index's locations, ``url()`` in the site's
own stylesheets, and link annotations inside the PDFs the pages link to. ``#anchors`` must
name an ``id`` on the target page.

External links (http, https, mailto, ...) are collected per page, never fetched: the check
runs offline. Root-absolute links (``/x``) are broken everywhere but on the 404 page, because
the handbook must work under any sub-path of an intranet server.

Only the standard library: the ``handbook links`` command needs no test dependency.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

# Tag -> attributes that hold one URL.
URL_ATTRS: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "source": ("src",),
    "track": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
    "form": ("action",),
}
SRCSET_TAGS = ("img", "source")
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel", "ftp", "news", "irc")
# Inline data is not a link to follow (and makes no request): small icons, generated images.
INLINE_SCHEMES = ("data",)
# <link rel=...> that name the page itself or a hint, not something the reader opens or loads.
METADATA_RELS = {"canonical", "preconnect", "dns-prefetch"}
_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")


@dataclass
class Reference:
    """One URL found in the site, and where."""

    page: str  # site-relative path of the file it is in
    line: int
    what: str  # e.g. 'a href', 'img src', 'search index'
    url: str


@dataclass
class SiteReport:
    broken: list[str] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=dict)
    pages: int = 0
    internal: int = 0  # internal references checked (links, anchors, assets)
    files_checked: int = 0  # HTML pages plus stylesheets, search index and PDFs scanned


class _PageScan(HTMLParser):
    """One pass over a page: its ids, its URLs, and the text of its JSON script blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.refs: list[tuple[int, str, str]] = []  # (line, what, url)
        self.json_blocks: list[tuple[int, str | None, str]] = []  # (line, id, text)
        self._json: tuple[int, str | None] | None = None
        self._json_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)

    def _tag(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.append(values["name"])
        for attr in URL_ATTRS.get(tag, ()):
            url = values.get(attr)
            if url is None:
                continue
            if tag == "link" and set((values.get("rel") or "").lower().split()) & METADATA_RELS:
                continue
            self.refs.append((line, f"{tag} {attr}", url.strip()))
        if tag in SRCSET_TAGS and values.get("srcset"):
            for candidate in values["srcset"].split(","):
                url = candidate.strip().split(" ")[0]
                if url:
                    self.refs.append((line, f"{tag} srcset", url))
        if tag == "script" and (values.get("type") or "").lower() in ("application/json", "application/ld+json"):
            self._json = (line, values.get("id"))
            self._json_text = []

    def handle_data(self, data):
        if self._json is not None:
            self._json_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._json is not None:
            self.json_blocks.append((*self._json, "".join(self._json_text)))
            self._json = None


def _json_urls(value: Any, key: str = "") -> list[tuple[str, str]]:
    """Every string under a key named url/href/link (any depth): (key, url)."""
    found = []
    if isinstance(value, dict):
        for k, v in value.items():
            found += _json_urls(v, k)
    elif isinstance(value, list):
        for v in value:
            found += _json_urls(v, key)
    elif isinstance(value, str) and key.lower() in ("url", "href", "link"):
        found.append((key, value))
    return found


class _Site:
    """The built files, listed once: lookups are set and dict hits, not file system calls."""

    def __init__(self, site: Path):
        self.site = site.resolve()
        self.root = str(self.site)
        self.files: set[str] = set()
        self.dirs: set[str] = {self.root}
        for path in self.site.rglob("*"):
            (self.dirs if path.is_dir() else self.files).add(str(path))
        self.ids: dict[str, set[str]] = {}

    def rel(self, path: str) -> str:
        return os.path.relpath(path, self.root).replace(os.sep, "/") if self.inside(path) else path

    def inside(self, path: str) -> bool:
        return path == self.root or path.startswith(self.root + os.sep)

    def ids_of(self, path: str) -> set[str]:
        if path not in self.ids:
            scan = _PageScan()
            with open(path, encoding="utf-8", errors="replace") as handle:
                scan.feed(handle.read())
            self.ids[path] = set(scan.ids)
        return self.ids[path]

    def target(self, base: str, path: str) -> str:
        """The file a URL path leads to from a file in ``base`` (a directory serves index.html)."""
        target = os.path.normpath(os.path.join(base, unquote(path))) if path else base
        if target in self.dirs or path.endswith("/"):
            target = os.path.join(target, "index.html")
        return target


def check_site(site: Path) -> SiteReport:
    """Check every page and asset reference of a built site; see the module docstring."""
    report = SiteReport()
    checker = _Site(Path(site))
    pdfs: set[str] = set()

    def check(ref: Reference, base_dir: str, *, anchors: bool = True) -> None:
        """``base_dir`` is the referring file's folder; a bare ``#anchor`` points into the file itself."""
        url = ref.url
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in INLINE_SCHEMES:
            return
        if scheme in EXTERNAL_SCHEMES or (not scheme and url.startswith("//")):
            report.external.setdefault(ref.page, set()).add(url)
            return
        where = f"{ref.page}:{ref.line}: {ref.what}={url!r}"
        report.internal += 1
        if scheme:
            report.broken.append(f"{where} uses scheme {scheme!r}" + (
                " (a path on the build machine: the link breaks everywhere else)" if scheme == "file" else ""))
            return
        path = parts.path
        if url.startswith("/"):
            # Only the 404 page may use root-absolute links: the server shows it at any depth.
            if ref.page != "404.html":
                report.broken.append(f"{where}: absolute link breaks when the site is served under a sub-path")
                return
            base_dir, path = checker.root, path.lstrip("/")
        if path or url.startswith("/"):
            target = checker.target(base_dir, path)
        else:
            target = os.path.join(checker.root, ref.page)  # "#x" or "?q": the same file
        if not checker.inside(target):
            report.broken.append(f"{where} leads outside the site ({target})")
            return
        if target not in checker.files:
            report.broken.append(f"{where} -> missing {checker.rel(target)}")
            return
        if target.lower().endswith(".pdf"):
            pdfs.add(target)
        fragment = unquote(parts.fragment)
        if anchors and fragment and target.endswith(".html") and fragment not in checker.ids_of(target):
            report.broken.append(f"{where} -> no id {fragment!r} in {checker.rel(target)}")

    # First every page's ids, so that anchors into any page are known; then the references.
    scans: list[tuple[str, _PageScan]] = []
    for page in sorted(f for f in checker.files if f.endswith(".html")):
        scan = _PageScan()
        with open(page, encoding="utf-8", errors="replace") as handle:
            scan.feed(handle.read())
        scan.close()
        checker.ids[page] = set(scan.ids)
        scans.append((page, scan))
    report.pages = len(scans)

    for page, scan in scans:
        rel, here = checker.rel(page), os.path.dirname(page)
        for line, what, url in scan.refs:
            check(Reference(rel, line, what, url), here)
        for line, block_id, text in scan.json_blocks:
            try:
                data = json.loads(text)
            except ValueError:
                report.broken.append(f"{rel}:{line}: script {block_id or 'application/json'} is not valid JSON")
                continue
            if block_id == "__config" and isinstance(data, dict):
                # The theme's settings: the base URL and the search worker, both relative to the page.
                if isinstance(data.get("base"), str):
                    check(Reference(rel, line, "theme config base", data["base"].rstrip("/") + "/"), here)
                if isinstance(data.get("search"), str):
                    check(Reference(rel, line, "theme config search", data["search"]), here)
            for key, url in _json_urls(data):
                check(Reference(rel, line, f"script #{block_id} {key}", url), here)

    for css in sorted(f for f in checker.files if f.endswith(".css")):
        report.files_checked += 1
        with open(css, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        for match in _CSS_URL.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            check(Reference(checker.rel(css), line, "css url()", match.group(2).strip()), os.path.dirname(css))

    index = os.path.join(checker.root, "search", "search_index.json")
    if index in checker.files:
        report.files_checked += 1
        try:
            with open(index, encoding="utf-8") as handle:
                docs = json.load(handle).get("docs", [])
        except ValueError:
            docs = []
            report.broken.append("search/search_index.json: not valid JSON")
        for doc in docs:
            location = doc.get("location") if isinstance(doc, dict) else None
            if isinstance(location, str):
                # A search result links to its location relative to the site root (the theme's base).
                check(Reference("search/search_index.json", 1, "search result", location or "./"), checker.root)

    for pdf in sorted(pdfs):
        report.files_checked += 1
        for uri in _pdf_links(pdf):
            check(Reference(checker.rel(pdf), 1, "pdf link", uri), os.path.dirname(pdf), anchors=False)

    report.files_checked += report.pages
    return report


_PDF_URI = re.compile(rb"/URI\s*\((.*?)(?<!\\)\)", re.S)


def _pdf_links(pdf: str) -> list[str]:
    """Link targets inside a PDF (its /URI actions). Chromium writes them uncompressed."""
    try:
        raw = Path(pdf).read_bytes()
    except OSError:
        return []
    links = []
    for match in _PDF_URI.finditer(raw):
        value = match.group(1).replace(rb"\(", b"(").replace(rb"\)", b")").replace(rb"\\", b"\\")
        links.append(value.decode("latin-1"))
    return links


def format_report(report: SiteReport) -> str:
    lines: list[str] = []
    total = sum(len(urls) for urls in report.external.values())
    distinct = len({u for urls in report.external.values() for u in urls})
    lines.append(f"External links (listed, not fetched): {total} on {len(report.external)} pages, {distinct} distinct")
    for page in sorted(report.external):
        lines.append("")
        lines.append(page)
        lines += [f"  {url}" for url in sorted(report.external[page])]
    lines.append("")
    lines.append(f"Internal links: {report.internal} checked (links, #anchors, images, scripts, stylesheets, "
                 f"search index, PDFs) in {report.pages} pages, {len(report.broken)} broken")
    lines += [f"  BROKEN {b}" for b in report.broken]
    return "\n".join(lines)


def _no_site(site_dir: Path) -> str | None:
    if (site_dir / "index.html").is_file():
        return None
    return f"{site_dir}: no built site here (no index.html); build it first with mkdocs build --strict"


def links_report(site_dir: Path) -> str:
    """External links grouped by page, then how many internal references were checked and any broken."""
    site_dir = Path(site_dir)
    return _no_site(site_dir) or format_report(check_site(site_dir))


def main_links(site_dir: Path) -> int:
    """Print the report; 1 if any internal link is broken (or there is no site), else 0."""
    site_dir = Path(site_dir)
    missing = _no_site(site_dir)
    if missing:
        print(missing, file=sys.stderr)
        return 1
    report = check_site(site_dir)
    print(format_report(report))
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main_links(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
