from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(Path(__file__).parent))

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENGLISH_MESSAGES = yaml.safe_load((ROOT / "data" / "messages" / "en.yml").read_text(encoding="utf-8"))["messages"]


def says(text: str, key: str, **args: object) -> bool:
    """Whether text holds the English catalogue's message ``key`` (data/messages/en.yml): the
    placeholders given in args filled in, the others any text. Tests of what the self-assessment
    says take its words from the catalogue, as the page does."""
    template = ENGLISH_MESSAGES[key]
    parts = re.split(r"\{([a-z_]+)\}", template)
    pattern = "".join(re.escape(part) if i % 2 == 0 else re.escape(str(args[part])) if part in args else ".+?"
                      for i, part in enumerate(parts))
    return re.search(pattern, text) is not None


def run(args: list[str], cwd: Path = ROOT, timeout: int = 300, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env={**ENV, **(env or {})}, capture_output=True, text=True, timeout=timeout)


def handbook_process(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The installed `handbook` command in a new process: for what only a process shows (its exit code,
    its output streams' bytes, a traceback)."""
    return run([str(BIN / "handbook"), *args], cwd=cwd)


def handbook(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`handbook ARGS` run in this process: the same ``main()`` and output, without starting Python and
    importing the engine again (0.5 s of CPU a call; the suite makes over a hundred calls).

    ``handbook pdf`` runs mkdocs in a child process, whose output only a real process captures.
    """
    if args and args[0] in SITE_BUILDING_COMMANDS:
        _only_in_slow_tests("builds a site")
    if args and args[0] == "pdf":
        return handbook_process(*args, cwd=cwd)
    from macros.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    return subprocess.CompletedProcess(["handbook", *args], code, out.getvalue(), err.getvalue())


def mkdocs_build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    _only_in_slow_tests("builds a site")
    # Never pass -q with --strict: in mkdocs 1.6 -q switches strict mode off.
    return run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)], cwd=project, env=env)


# ---- the fast subset: `make test-fast` runs every test not marked slow ----

# A test that uses one of these fixtures is slow without saying so; one that builds a site another
# way must be marked @pytest.mark.slow, which mkdocs_build checks, so the fast subset stays fast.
SITE_BUILDING_COMMANDS = {"pdf", "bundle"}  # `handbook` commands that run a whole mkdocs build
SLOW_FIXTURES = {"built_site", "site_report", "fork_site", "served_site", "browser", "page"}
_current: list = []  # the test being set up or run


# The longest modules first (seconds on 2 cores, from `pytest --durations=0`), so that `make test`'s
# two workers (which take whole modules, in this order, with --no-loadscope-reorder) finish together;
# the first two build their own sites and the third needs none while the shared site is built.
# The order changes no result; a module missing here only runs later.
LONGEST_FIRST = ["test_escaping.py", "test_i18n.py", "test_labs_kubectl.py", "test_workshops.py",
                 "test_plan_browser.py", "test_assessment.py", "test_variants.py", "test_publish.py",
                 "test_quality.py", "test_checklists.py", "test_roles_training.py", "test_bad_inputs.py",
                 "test_accuracy.py", "test_evidence_import.py", "test_html_valid.py", "test_reproducible.py"]


def pytest_collection_modifyitems(items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: a module's own order is kept


def pytest_runtest_setup(item):
    _current[:] = [item]


def _only_in_slow_tests(what: str) -> None:
    if _current and _current[0].get_closest_marker("slow") is None:
        pytest.fail(f"{_current[0].nodeid} {what}: mark it (or its module) @pytest.mark.slow, "
                    "so that `make test-fast` leaves it out")


def built_once(tmp_path_factory, name: str, build) -> tuple[Path, subprocess.CompletedProcess]:
    """A directory ``build(directory)`` fills, made once per test run even on several workers.

    Under pytest-xdist (`make test` runs on every core) each worker has its own session: the
    first worker to ask builds into a directory all workers share, under a file lock, while the
    others wait and reuse it, so a whole-site build is not paid once per core. A failed build
    is not marked done; the next worker to ask tries again and reports its own failure.
    """
    import fcntl
    import json

    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        directory = tmp_path_factory.mktemp(name)
        return directory, build(directory)
    shared = tmp_path_factory.getbasetemp().parent  # the run's temporary root, the same for every worker
    directory, done = shared / f"shared-{name}", shared / f"shared-{name}.json"
    with open(shared / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if done.exists():
            saved = json.loads(done.read_text(encoding="utf-8"))
            return directory, subprocess.CompletedProcess(saved["args"], saved["returncode"], saved["stdout"], saved["stderr"])
        directory.mkdir(exist_ok=True)
        result = build(directory)
        if result.returncode == 0:
            done.write_text(json.dumps({"args": [str(a) for a in result.args], "returncode": result.returncode,
                                        "stdout": result.stdout, "stderr": result.stderr}), encoding="utf-8")
        return directory, result


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real handbook, built once with --strict."""
    site, result = built_once(tmp_path_factory, "site", lambda site: mkdocs_build(ROOT, site))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def site_report(built_site):
    """The link checker's report on the real site (macros/links.py), made once for every test that reads it."""
    from macros.links import check_site

    return check_site(built_site)


@pytest.fixture(scope="session")
def fork_site(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A fork's site (tests/factory.py: make_fork_project), built once with every checklist's PDF through
    `handbook pdf`, for all the tests of what a fork changes: one build where there were four."""
    from factory import make_fork_project

    require_chromium()

    def build(tmp: Path) -> subprocess.CompletedProcess:
        project = make_fork_project(tmp / "project")
        return handbook("pdf", "--site-dir", str(tmp / "site"), cwd=project)

    tmp, result = built_once(tmp_path_factory, "fork", build)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "site", result


@pytest.fixture(scope="session")
def rendered():
    """The real handbook's pages, rendered in this process by mkdocs' own steps (tests/inprocess.py):
    the article of any page in milliseconds, for the fast renderer tests."""
    from inprocess import Site

    site = Site(ROOT)
    yield site
    site.close()


# ---- browser tests: Debian's chromium driven by Playwright (no browser download) ----

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


def require_tool(found: str | None, package: str) -> str:
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{package} is not installed; .ci/run must install Debian's {package} package")
    pytest.skip(f"{package} is not installed (make system-deps, or apt-get install {package})")


def require_chromium() -> str:
    return require_tool(chromium_path(), "chromium")


def require_pdftotext() -> str:
    import shutil

    return require_tool(shutil.which("pdftotext"), "poppler-utils")


def serve(site: Path):
    """A quiet http server for a built site on a free loopback port (call .shutdown() when done)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@contextlib.contextmanager
def served(site: Path):
    """A built site's address over http on loopback while the block runs."""
    server = serve(site)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site over http on loopback (search and web workers need http, not file://)."""
    with served(built_site) as url:
        yield url


# Material's search worker fetches the site's whole search index and indexes it on every page load:
# about 0.2 s of CPU a page, in tests that never search. Those get an index with no documents; a test
# that searches asks for the real one (new_context(real_search=True), or the real_search marker).
EMPTY_SEARCH_INDEX = json.dumps({"config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"],
                                            "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0},
                                                       "tags": {"boost": 1000000.0}}},
                                 "docs": []})  # the config as mkdocs-material's search plugin writes it


class HandbookBrowser:
    """The launched Chromium, whose contexts and pages serve an empty search index unless asked not to."""

    def __init__(self, launched: Any) -> None:
        self._launched = launched

    def new_context(self, *, real_search: bool = False, **options: Any) -> Any:
        context = self._launched.new_context(**options)
        if not real_search:
            context.route("**/search/search_index.json",
                          lambda route: route.fulfill(body=EMPTY_SEARCH_INDEX, content_type="application/json"))
        return context

    def new_page(self, *, real_search: bool = False, **options: Any) -> Any:
        """A page in a context of its own, closed with the page (as Playwright's Browser.new_page)."""
        context = self.new_context(real_search=real_search, **options)
        page = context.new_page()
        page.on("close", lambda _: context.close())
        return page

    def __getattr__(self, name: str) -> Any:
        return getattr(self._launched, name)


@pytest.fixture(scope="session")
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield HandbookBrowser(launched)
        launched.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser profile per test: nothing stored carries over."""
    context = browser.new_context(real_search=request.node.get_closest_marker("real_search") is not None)
    opened = context.new_page()
    yield opened
    context.close()


# Figures a test wants the reader of `make test` to see (pytest shows no output of passing tests).
TERMINAL_NOTES: list[str] = []


def pytest_sessionfinish(session):
    """Under pytest-xdist a worker hands its notes to the controller, which prints the summary."""
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["handbook_notes"] = list(TERMINAL_NOTES)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    TERMINAL_NOTES.extend(getattr(node, "workeroutput", {}).get("handbook_notes", []))


def pytest_terminal_summary(terminalreporter):
    if TERMINAL_NOTES:
        terminalreporter.section("handbook checks")
        for note in TERMINAL_NOTES:
            terminalreporter.write_line(note)
