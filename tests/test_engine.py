"""The engine's seams: the registry of page kinds, and who is blamed when a macro fails.

An author's wrong macro call (an unknown id, a missing argument) is reported as file, line
and message without a traceback; an exception inside a renderer is an engine bug and is
reported as one, with the traceback down to the failing line.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT, mkdocs_build
from factory import make_site_project, minimal_data

from macros import entry, registry
from macros.entry import EngineError, register_macros
from macros.loader import load_handbook


class FakeEnv:
    """What register_macros uses of mkdocs-macros' env: macro registration, conf and the page."""

    def __init__(self, source: str = "{{ level_page() }}\n", src_uri: str = "levels/1-build/index.md"):
        self.macros: dict = {}
        self.conf = {"config_file_path": str(ROOT / "mkdocs.yml"), "extra": {}}
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, content_string=source))

    def macro(self, func, name):
        self.macros[name] = func


@pytest.fixture
def env():
    env = FakeEnv()
    register_macros(env)
    return env


def test_every_page_kind_is_a_macro(env):
    assert set(env.macros) == {kind.name for kind in registry.PAGE_KINDS} | {"checklist"}


@pytest.mark.parametrize("call, message", [
    (lambda m: m["level_page"]("9-nope"), "docs/levels/1-build/index.md:1: level_page('9-nope'): unknown level '9-nope'; expected one of: 1-build"),
    (lambda m: m["level_page"](), "level_page(): missing level; takes 1 id(s) (level)"),
    (lambda m: m["cell_page"]("1-build", dimenson="people"), "cell_page('1-build', dimenson='people'): unexpected argument 'dimenson'"),
    (lambda m: m["home_page"]("x"), "home_page('x'): takes no arguments, got 1 arguments"),
    (lambda m: m["checklist"](dimension="people", area="nope"), "checklist(dimension='people', area='nope'): unknown area 'nope' for people"),
    (lambda m: m["checklist"](levle="1-build"), "checklist(levle='1-build'): "),
])
def test_a_wrong_macro_call_is_the_authors_problem(env, call, message):
    assert call(env.macros) == ""
    assert len(env.handbook_macro_problems.found) == 1
    assert message in env.handbook_macro_problems.found[0]


def test_an_exception_inside_a_renderer_is_an_engine_error(env, monkeypatch):
    def broken(context, level):
        return {}["missing key"]  # the kind of bug a renderer can have
    kinds = tuple(replace(k, render=broken) if k.name == "level_page" else k for k in registry.PAGE_KINDS)
    monkeypatch.setattr(entry, "PAGE_KINDS", kinds)
    broken_env = FakeEnv()
    register_macros(broken_env)
    with pytest.raises(EngineError, match=r"engine error in renderer level_page: KeyError: 'missing key'") as caught:
        broken_env.macros["level_page"]("1-build")
    assert isinstance(caught.value.__cause__, KeyError)  # the traceback reaches the failing line
    assert broken_env.handbook_macro_problems.found == []  # not blamed on the page


@pytest.mark.slow
def test_a_renderer_bug_fails_the_build_with_its_traceback(tmp_path):
    project = make_site_project(tmp_path / "project", minimal_data())
    (project / "macros").unlink()
    shutil.copytree(ROOT / "macros", project / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    tools = project / "macros" / "render" / "tools.py"
    source = tools.read_text()
    tools.write_text(source.replace("    named = handbook.named_projects()\n",
                                    "    named = handbook.named_projects()\n    handbook.level(named[0].id)\n", 1))
    result = mkdocs_build(project, tmp_path / "site", PYTHONPATH=str(project))
    assert result.returncode != 0
    # A renderer looking up the wrong id: before the registry this was blamed on the page's macro call.
    assert "engine error in renderer tools_page: KeyError" in result.stderr
    assert "Traceback" in result.stderr and "handbook.level(named[0].id)" in result.stderr
    assert "could not be rendered" not in result.stderr


def test_plan_nav_and_printed_checklists_come_from_the_registry():
    handbook = load_handbook(Path(ROOT / "data"))
    pages = registry.plan_pages(handbook)
    uris = [p.uri for p in pages]
    assert len(uris) == len(set(uris))
    expected = sum(len(kind.instances(handbook)) for kind in registry.PAGE_KINDS)
    assert len(pages) == expected
    # Every page in the plan is in the nav exactly once.
    def nav_uris(node):
        if isinstance(node, str):
            return [node]
        if isinstance(node, dict):
            return [u for v in node.values() for u in nav_uris(v)]
        return [u for child in node for u in nav_uris(child)]
    assert sorted(nav_uris(registry.plan_nav(handbook))) == sorted(uris)
    printed = registry.printed_checklists(handbook)
    assert {p.pdf_name.split("-")[0] for p in printed} == {k.pdf for k in registry.PAGE_KINDS if k.pdf}
    assert all(p.uri in uris for p in printed)
    level = handbook.levels[0]
    assert next(p for p in pages if p.uri == f"levels/{level.id}/index.md").source == f'{{{{ level_page("{level.id}") }}}}\n'


def test_which_cell_pages_show_the_cost_chart_is_data():
    from dataclasses import replace as swap

    from macros.render.levels import render_cell

    book = load_handbook(ROOT / "data")
    assert book.cost_curve is not None and book.cost_curve.shown_on == "business-outcomes"
    here = "levels/3-scale/people.md"
    assert 'class="hb-chart"' in render_cell(book, "3-scale", "business-outcomes", here)
    assert 'class="hb-chart"' not in render_cell(book, "3-scale", "people", here)
    moved = swap(book, cost_curve=book.cost_curve.model_copy(update={"shown_on": "people"}))
    assert 'class="hb-chart"' in render_cell(moved, "3-scale", "people", here)
    assert 'class="hb-chart"' not in render_cell(moved, "3-scale", "business-outcomes", here)
