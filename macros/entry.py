"""The mkdocs-macros entry: one macro per page kind of the registry, plus ``checklist``.

Each macro first checks its arguments (how many, which ids): a mistake there is the page
author's and is reported as file, line and message, without a traceback. Rendering runs
after that check, outside it: an exception raised inside a renderer is a bug in the engine,
so it is reported as one, naming the renderer, with its traceback (see ``EngineError``).
Data text is escaped by the renderers, so nothing from YAML is ever evaluated as a template.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from macros.cache import cached_handbook, handbook_for
from macros.handbook import Handbook
from macros.registry import ENTITIES, PAGE_KINDS, PageContext, PageKind
from macros.render.checklists import Selection, render_macro_checklist
from macros.settings import data_dir_for, pdf_enabled


class MacroProblems:
    """Misused macros in a page (an unknown id, a wrong argument), reported without a traceback.

    mkdocs-macros prints a traceback for any exception a macro raises, so macros record the
    problem instead and the page fails right after rendering (see report_macro_problems).
    """

    def __init__(self) -> None:
        self.found: list[str] = []


class EngineError(Exception):
    """A renderer raised: a bug in the engine, not in the page or the data.

    The build stops with the renderer's name, the page and the original exception chained
    (``raise ... from``), so mkdocs-macros prints the traceback down to the failing line: a
    developer needs that line, and an author reading "wrong macro call" would look in the
    wrong place.
    """


class ArgumentProblem(Exception):
    """A macro called with arguments that cannot name a page: the author's mistake."""


def _where(env: Any, name: str) -> str:
    page = env.page.file
    line = 1
    for number, text in enumerate(page.content_string.splitlines(), 1):
        if name + "(" in text:
            line = number
            break
    return f"docs/{page.src_uri}:{line}"


def report_macro_problems(env: Any) -> None:
    problems = getattr(env, "handbook_macro_problems", None)
    if problems and problems.found:
        found, problems.found = problems.found, []
        raise PluginError("a macro call could not be rendered:\n" + "\n".join(found))


def bind_ids(kind: PageKind, handbook: Handbook, args: tuple, kwargs: dict) -> tuple[str, ...]:
    """The macro's ids in parameter order, each checked against the data (ArgumentProblem if not)."""
    if len(args) > len(kind.params):
        raise ArgumentProblem(f"takes {_expected(kind)}, got {len(args)} arguments")
    values = dict(zip(kind.params, args))
    for key, value in kwargs.items():
        if key not in kind.params or key in values:
            raise ArgumentProblem(f"unexpected argument {key!r}; takes {_expected(kind)}")
        values[key] = value
    missing = [p for p in kind.params if p not in values]
    if missing:
        raise ArgumentProblem(f"missing {', '.join(missing)}; takes {_expected(kind)}")
    for param in kind.params:
        try:
            ENTITIES[param][1](handbook, values[param])
        except KeyError as exc:
            raise ArgumentProblem(exc.args[0]) from None
    return tuple(values[p] for p in kind.params)


def _expected(kind: PageKind) -> str:
    return f"{len(kind.params)} id(s) ({', '.join(kind.params)})" if kind.params else "no arguments"


def _call_renderer(name: str, render: Callable[[], Markup]) -> Markup:
    try:
        page = render()
    except Exception as exc:
        raise EngineError(f"engine error in renderer {name}: {type(exc).__name__}: {exc} "
                          "(a bug in macros/, not in the page or the data; traceback above)") from exc
    if not isinstance(page, Markup):  # mypy checks this too; a plain str may hold unescaped data
        raise EngineError(f"engine error in renderer {name}: returned {type(page).__name__}, not Markup")
    return page


def register_macros(env: Any) -> None:
    problems = MacroProblems()
    env.handbook_macro_problems = problems

    def handbook() -> Handbook:
        return handbook_for(env.conf)

    def context(book: Handbook) -> PageContext:
        return PageContext(book, env.page.file.src_uri, pdf_enabled(env.conf),
                           lambda: cached_handbook(data_dir_for(env.conf)))

    def misuse(name: str, args: tuple, kwargs: dict, message: str) -> str:
        shown = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
        problems.found.append(f"{_where(env, name)}: {name}({shown}): {message}")
        return ""

    def page_macro(kind: PageKind) -> Callable[..., str]:
        def call(*args: Any, **kwargs: Any) -> str:
            book = handbook()  # once per page: finding it checks every data file's date
            try:
                ids = bind_ids(kind, book, args, kwargs)
            except ArgumentProblem as exc:
                return misuse(kind.name, args, kwargs, str(exc))
            page = context(book)
            return _call_renderer(kind.name, lambda: kind.render(page, *ids))
        call.__name__ = kind.name
        return call

    for kind in PAGE_KINDS:
        env.macro(page_macro(kind), kind.name)

    def checklist(*args: Any, **kwargs: Any) -> str:
        """Public macro for hand-written pages: any combination of filters."""
        book = handbook()
        try:
            sel = Selection(*args, **kwargs)
            sel.check(book)
        except (TypeError, KeyError) as exc:
            return misuse("checklist", args, kwargs, exc.args[0])
        return _call_renderer("checklist", lambda: render_macro_checklist(book, env.page.file.src_uri, sel))

    env.macro(checklist, "checklist")
