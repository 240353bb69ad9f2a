"""Safe Markdown building blocks for the renderers.

Data text never becomes markup by accident: plain fields are fully escaped, prose fields
keep their inline Markdown but lose raw HTML, attribute lists and table-breaking pipes.
"""

from __future__ import annotations

import functools
import posixpath
import re

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_MARKDOWN_PUNCT = re.compile(r"([\\`*_\[\]()#!|~])")
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def text(value: str) -> str:
    """Plain text (names, titles, ids): nothing in it is markup."""
    value = " ".join(str(value).split())
    value = _MARKDOWN_PUNCT.sub(r"\\\1", value)
    return _entities(value)


def prose(value: str) -> str:
    """Inline Markdown from the data: emphasis, code and http links survive; HTML does not."""
    value = " ".join(str(value).split())  # one line: safe inside tables and list items
    out = []
    last = 0
    for match in _CODE_SPAN.finditer(value):
        out.append(_entities(value[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_entities(value[last:]))
    result = "".join(out)
    # A leading "#", "-" or "1." would turn a sentence into a heading or a list.
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), result, count=1)


def _entities(value: str) -> str:
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
        .replace("|", "&#124;")
    )


def first_sentence(value: str, limit: int = 160) -> str:
    flat = " ".join(value.split())
    match = re.match(r"(.+?[.!?])(\s|$)", flat)
    sentence = match.group(1) if match else flat
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A pipe table; cells must already be escaped with text() or prose()."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def numbered(items: list[str]) -> str:
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))


def heading(level: int, title: str, anchor: str | None = None) -> str:
    """A heading from escaped text; anchors are validated slugs, safe in attribute lists."""
    suffix = f" {{#{anchor}}}" if anchor else ""
    return f"{'#' * level} {title}{suffix}"


_DIRECTORY_URLS = True


def use_directory_urls(enabled: bool) -> None:
    """Set by the hook from mkdocs' use_directory_urls (the offline bundle turns it off)."""
    global _DIRECTORY_URLS
    if enabled != _DIRECTORY_URLS:
        _DIRECTORY_URLS = enabled
        _html_relpath.cache_clear()


def page_url(uri: str) -> str:
    """Where a page source ends up: levels/3-scale/people.md -> levels/3-scale/people/
    (or levels/3-scale/people.html without directory URLs)."""
    if not uri.endswith(".md"):
        return uri
    stem = uri[: -len(".md")]
    if not _DIRECTORY_URLS:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def built_file(uri: str) -> str:
    """The built HTML file of a page source, relative to the site directory."""
    url = page_url(uri)
    return url + "index.html" if url.endswith("/") or not url else url


@functools.lru_cache(maxsize=65536)
def _relpath(target: str, base: str) -> str:
    return posixpath.relpath(target, base)


@functools.lru_cache(maxsize=65536)
def _html_relpath(uri: str, from_uri: str) -> str:
    target = page_url(uri)
    if not _DIRECTORY_URLS:
        return posixpath.relpath(target, posixpath.dirname(page_url(from_uri)) or ".")
    rel = posixpath.relpath(target or ".", page_url(from_uri) or ".")
    if target.endswith("/") or not target:
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel


class Links:
    """Relative links from one generated page to another, so the site works from any base URL."""

    def __init__(self, from_uri: str):
        self.from_uri = from_uri
        self.base = posixpath.dirname(from_uri)

    def url(self, uri: str, anchor: str | None = None) -> str:
        """For Markdown links: mkdocs resolves (and checks) links to .md sources."""
        rel = _relpath(uri, self.base or ".")
        return f"{rel}#{anchor}" if anchor else rel

    def html_url(self, uri: str, anchor: str | None = None) -> str:
        """For raw HTML and scripts, which mkdocs does not rewrite: the final relative URL."""
        rel = _html_relpath(uri, self.from_uri)
        return f"{rel}#{anchor}" if anchor else rel

    def link(self, label: str, uri: str, anchor: str | None = None) -> str:
        """label must already be escaped."""
        return f"[{label}]({self.url(uri, anchor)})"


def join_blocks(*blocks: str) -> str:
    return "\n\n".join(b for b in blocks if b) + "\n"


_INLINE = None
# What Python-Markdown acts on inside one line of prose() output: escapes, code, emphasis,
# links and images, raw HTML and autolinks. Text without any of these converts to itself.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]!<>]")


@functools.lru_cache(maxsize=8192)
def inline_html(value: str) -> str:
    """Prose rendered to inline HTML, for the few places that emit HTML blocks (checklists).

    The text goes through prose() first, so raw HTML in the data stays text here too. Cached:
    each checklist item is shown on five or more pages (level, dimension, role, workshop, role
    guide), and Python-Markdown was a fifth of the engine's build time before.
    """
    global _INLINE
    escaped = prose(value)
    if not _INLINE_SYNTAX.search(escaped):
        return escaped  # no Markdown in it (most items): Python-Markdown would return it unchanged
    import markdown  # the same Python-Markdown mkdocs uses

    if _INLINE is None:
        _INLINE = markdown.Markdown(extensions=[])
    html = _INLINE.reset().convert(escaped)
    if html.startswith("<p>") and html.endswith("</p>"):
        html = html[3:-4]
    return html


def html_text(value: str) -> str:
    """Plain text for an HTML context (attribute or element)."""
    import html

    return html.escape(" ".join(str(value).split()), quote=True)


_JSON_ISLAND_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_island(data) -> str:
    """JSON to embed in a page's <script type="application/json">.

    Escaping only "</" is not enough: text holding "<!-- <script>" puts the HTML parser in a
    state where the script element never ends and the page's script finds no data. Every <, >
    and & becomes a \\u escape (still the same JSON), and so do U+2028/U+2029 for older parsers.
    """
    import json

    payload = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ISLAND_ESCAPES[m.group(0)], payload)
