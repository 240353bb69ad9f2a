"""The mkdocs-macros entry: the macros that generated and hand-written pages call.

Each macro looks its ids up in the loaded handbook and returns finished Markdown; data text
is escaped by the renderers, so nothing from YAML is ever evaluated as a template.
"""

from __future__ import annotations

from macros.cache import cached_handbook, data_dir_for
from macros.render.assessment import render_assessment
from macros.render.dimensions import render_dimension
from macros.render.home import render_home
from macros.render.levels import render_cell, render_level
from macros.render.tools import render_tools


def register_macros(env) -> None:
    def handbook():
        return cached_handbook(data_dir_for(env.conf))

    def here() -> str:
        return env.page.file.src_uri

    @env.macro
    def home_page() -> str:
        return render_home(handbook())

    @env.macro
    def level_page(level: str) -> str:
        return render_level(handbook(), level, here())

    @env.macro
    def cell_page(level: str, dimension: str) -> str:
        return render_cell(handbook(), level, dimension, here())

    @env.macro
    def dimension_page(dimension: str) -> str:
        return render_dimension(handbook(), dimension, here())

    @env.macro
    def tools_page() -> str:
        return render_tools(handbook())

    @env.macro
    def assessment_page() -> str:
        return render_assessment(handbook())
