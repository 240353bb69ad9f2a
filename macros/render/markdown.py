"""Safe Markdown building blocks for the renderers.

Data text never becomes markup by accident: plain fields are fully escaped, prose fields
keep their inline Markdown but lose raw HTML, attribute lists and table-breaking pipes.

"Already escaped" is a type: markupsafe's ``Markup``. Only the functions here that escape
(``text``, ``prose``, ``url``, ``inline_html``, ``html_text``, ``css_string``, ``json_data``, ``message``,
``message_html``) turn data strings into it;
renderers take and return ``Markup``, write their own constants as ``Markup("...")`` and
fill them with ``fill("...", ...)``, ``+`` and ``Markup(...).join(...)``, which
escape any plain ``str`` that slips in. mypy checks the types (``make lint``), and
tests/test_escaping.py puts hostile text in every data field and checks the built site.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Callable, Iterable, Sequence

from markupsafe import Markup, escape

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_MARKDOWN_PUNCT = re.compile(r"([\\`*_\[\]()#!~])")  # "|" becomes an entity in _entities: a backslash before it showed
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


# Markup around a str that is already safe, without Markup.__new__'s Python-level checks: the
# helpers below build thousands of small pieces per page.
_wrap: Callable[[str], Markup] = functools.partial(str.__new__, Markup)


def fill(template: str, *args: Markup | str | int | float) -> Markup:
    """``Markup(template).format(*args)`` for a constant template: each plain ``str`` argument is
    escaped, Markup and numbers go in as they are. Several times faster than Markup.format (its
    formatter runs in Python, ours in C): this is most of the engine's share of the build time.
    """
    return _wrap(template.format(*[a if isinstance(a, (Markup, int, float)) else escape(a) for a in args]))


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def message(template: str, **args: Markup | str | int | float) -> Markup:
    """A catalogue label for Markdown, its {name} placeholders filled with already escaped values.

    The label is data: its own inline Markdown (emphasis, code) is kept, HTML and table pipes are
    not (as ``prose``); a plain ``str`` argument is escaped as ``text``.
    """
    return _fill(template, args, for_html=False) if args else _constant(template, for_html=False)


def message_html(template: str, **args: Markup | str | int | float) -> Markup:
    """A catalogue label for an HTML context (raw HTML blocks, attributes, SVG): nothing in it is markup."""
    return _fill(template, args, for_html=True) if args else _constant(template, for_html=True)


@functools.lru_cache(maxsize=4096)
def _constant(template: str, *, for_html: bool) -> Markup:
    """A label without placeholders ("Done looks like:", "High"): written thousands of times, escaped once."""
    return _fill(template, {}, for_html=for_html)


def _fill(template: str, args: dict[str, Markup | str | int | float], *, for_html: bool) -> Markup:
    parts = _split(template, for_html=for_html)
    filled = "".join(part if i % 2 == 0 else _arg(args[part], html_text if for_html else text) for i, part in enumerate(parts))
    if for_html:
        return Markup(filled)
    # As in prose(): "1. Stufe" or "- x" at the start would turn a label into a list.
    return Markup(_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), filled, count=1))


@functools.lru_cache(maxsize=4096)
def _split(template: str, *, for_html: bool) -> tuple[str, ...]:
    """A label as (escaped literal, placeholder name, escaped literal, ...), worked out once per label."""
    parts = _PLACEHOLDER.split(template)
    # In HTML, double quotes are escaped for attributes (the engine's are double-quoted); an apostrophe is kept.
    escape_literal = (lambda p: html.escape(p, quote=False).replace('"', "&quot;")) if for_html else _entities
    return tuple(escape_literal(p) if i % 2 == 0 else p for i, p in enumerate(parts))


def _arg(value: Markup | str | int | float, escape_str: Callable[[str], Markup]) -> str:
    if isinstance(value, Markup):
        return value
    return str(value) if isinstance(value, (int, float)) else escape_str(value)


@functools.cache
def text(value: str) -> Markup:
    """Plain text (names, titles, ids): nothing in it is markup.

    Cached like ``prose``: about 17000 calls a build, most of them for the same names and titles.
    """
    value = " ".join(str(value).split())
    value = _MARKDOWN_PUNCT.sub(r"\\\1", value)
    return _wrap(_entities(value))


@functools.cache
def prose(value: str) -> Markup:
    """Inline Markdown from the data: emphasis, code and http links survive; HTML does not.

    Cached: a pure function of the text, called about 8000 times a build (cProfile: 0.4 s of it).
    """
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
    return _wrap(_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), result, count=1))


def url(value: str) -> Markup:
    """A link address from the data (already checked to be http(s) by the model), for ``[label](<url>)``.

    Characters that could end the address or the link are percent-encoded in case a check is
    ever loosened; valid data comes out unchanged.
    """
    return Markup(re.sub(r"[\s<>]", lambda m: f"%{ord(m.group(0)):02X}", value))


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


def _safe(value: Markup | str) -> str:
    """Markup as it is, anything else escaped: the check Markup.join and + make, without their overhead."""
    return value if isinstance(value, Markup) else escape(value)


def joined(separator: str, parts: Iterable[Markup]) -> Markup:
    """``Markup(separator).join(parts)``, faster; a plain str part is escaped all the same."""
    return _wrap(separator.join([_safe(p) for p in parts]))


def table(headers: Sequence[Markup], rows: Iterable[Sequence[Markup]]) -> Markup:
    """A pipe table of escaped cells."""
    lines = ["| " + " | ".join([_safe(h) for h in headers]) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join([_safe(cell) if cell else " " for cell in row]) + " |" for row in rows]
    return _wrap("\n".join(lines))


def bullets(items: Iterable[Markup]) -> Markup:
    return _wrap("\n".join(["- " + _safe(item) for item in items]))


def numbered(items: Iterable[Markup]) -> Markup:
    return _wrap("\n".join([f"{i}. {_safe(item)}" for i, item in enumerate(items, 1)]))


def heading(level: int, title: Markup, anchor: str | None = None) -> Markup:
    """A heading from escaped text; anchors are validated slugs, safe in attribute lists."""
    suffix = f" {{#{_safe(anchor)}}}" if anchor else ""
    return _wrap(f"{'#' * level} {_safe(title)}{suffix}")


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

    def link(self, label: Markup, uri: str, anchor: str | None = None) -> Markup:
        return fill("[{}]({})", label, self.url(uri, anchor))


def join_blocks(*blocks: Markup) -> Markup:
    return _wrap("\n\n".join([_safe(b) for b in blocks if b]) + "\n")


_INLINE = None
# What Python-Markdown acts on inside one line of prose() output: escapes, code, emphasis,
# links and images, raw HTML and autolinks. Text without any of these converts to itself.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]!<>]")


@functools.lru_cache(maxsize=8192)
def inline_html(value: str) -> Markup:
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
    converted = _INLINE.reset().convert(escaped)
    if converted.startswith("<p>") and converted.endswith("</p>"):
        converted = converted[3:-4]
    return Markup(converted)  # Python-Markdown's HTML from escaped prose


_JSON_ISLAND_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_data(payload: str) -> Markup:
    """JSON text for a data island (<script type="application/json">) or a data script file.

    Escaping only "</" is not enough: text holding "<!-- <script>" puts the HTML parser in a
    state where the script element never ends and the page's script finds no data. Every <, >
    and & becomes a \\u escape (the same JSON), and so do U+2028/U+2029 for older parsers.
    """
    return Markup(re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ISLAND_ESCAPES[m.group(0)], payload))


def css_string(value: str) -> Markup:
    """Text as a quoted CSS string (print headers); "<" is escaped so it cannot end the style element."""
    return Markup('"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"')


def html_text(value: str) -> Markup:
    """Plain text for an HTML context (attribute or element)."""
    return Markup(html.escape(" ".join(str(value).split()), quote=True))
