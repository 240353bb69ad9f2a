"""The mkdocs-macros entry: the macros that generated and hand-written pages call.

Each macro looks its ids up in the loaded handbook and returns finished Markdown; data text
is escaped by the renderers, so nothing from YAML is ever evaluated as a template.
"""

from __future__ import annotations

import functools

from mkdocs.exceptions import PluginError

from macros.cache import cached_handbook, handbook_for
from macros.diff import diff
from macros.settings import data_dir_for, pdf_enabled
from macros.render.assessment import render_assessment
from macros.render.checklists import (
    Selection,
    render_checklists_index,
    render_dimension_checklist,
    render_level_checklist,
    render_macro_checklist,
    render_role_checklist,
    render_workshop,
)
from macros.render.dimensions import render_dimension
from macros.render.roles import render_role, render_roles_index
from macros.render.training import render_training, render_training_index
from macros.render.home import render_home
from macros.render.levels import render_cell, render_level
from macros.render.tools import render_tools
from macros.render.variantpage import render_variant


class MacroProblems:
    """Misused macros in a page (an unknown id, a wrong argument), reported without a traceback.

    mkdocs-macros prints a traceback for any exception a macro raises, so macros record the
    problem instead and the page fails right after rendering (see report_macro_problems).
    """

    def __init__(self):
        self.found: list[str] = []


def _guarded(env, problems: MacroProblems, func):
    @functools.wraps(func)
    def call(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (KeyError, ValueError, TypeError) as exc:
            shown = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
            message = exc.args[0] if exc.args else str(exc)
            problems.found.append(f"{_where(env, func.__name__)}: {func.__name__}({shown}): {message}")
            return ""
    return call


def _where(env, name: str) -> str:
    page = env.page.file
    line = 1
    for number, text in enumerate(page.content_string.splitlines(), 1):
        if name + "(" in text:
            line = number
            break
    return f"docs/{page.src_uri}:{line}"


def report_macro_problems(env) -> None:
    problems = getattr(env, "handbook_macro_problems", None)
    if problems and problems.found:
        found, problems.found = problems.found, []
        raise PluginError("a macro call could not be rendered:\n" + "\n".join(found))


def register_macros(env) -> None:
    problems = MacroProblems()
    env.handbook_macro_problems = problems

    def macro(func):  # every macro is guarded: a misuse fails the page with a clear message
        return env.macro(_guarded(env, problems, func))

    def handbook():
        return handbook_for(env.conf)

    def here() -> str:
        return env.page.file.src_uri

    @macro
    def home_page() -> str:
        return render_home(handbook())

    @macro
    def level_page(level: str) -> str:
        return render_level(handbook(), level, here())

    @macro
    def cell_page(level: str, dimension: str) -> str:
        return render_cell(handbook(), level, dimension, here())

    @macro
    def dimension_page(dimension: str) -> str:
        return render_dimension(handbook(), dimension, here())

    @macro
    def tools_page() -> str:
        return render_tools(handbook())

    @macro
    def assessment_page() -> str:
        return render_assessment(handbook())

    def pdf() -> bool:
        return pdf_enabled(env.conf)

    @macro
    def variant_page() -> str:
        merged = handbook()
        return render_variant(merged, diff(cached_handbook(data_dir_for(env.conf)), merged))

    @macro
    def roles_index() -> str:
        return render_roles_index(handbook())

    @macro
    def role_page(role: str) -> str:
        return render_role(handbook(), role, here())

    @macro
    def training_index() -> str:
        return render_training_index(handbook())

    @macro
    def training_page(certification: str) -> str:
        return render_training(handbook(), certification, here(), pdf())

    @macro
    def checklists_index() -> str:
        return render_checklists_index(handbook(), pdf())

    @macro
    def level_checklist(level: str) -> str:
        return render_level_checklist(handbook(), level, here(), pdf())

    @macro
    def dimension_checklist(dimension: str) -> str:
        return render_dimension_checklist(handbook(), dimension, here(), pdf())

    @macro
    def role_checklist(role: str) -> str:
        return render_role_checklist(handbook(), role, here(), pdf())

    @macro
    def workshop_pack(level: str) -> str:
        return render_workshop(handbook(), level, here(), pdf())

    @macro
    def checklist(level: str | None = None, dimension: str | None = None,
                  role: str | None = None, area: str | None = None) -> str:
        """Public macro for hand-written pages: any combination of filters."""
        return render_macro_checklist(handbook(), here(), Selection(level, dimension, role, area))

