from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(Path(__file__).parent))

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(args: list[str], cwd: Path = ROOT, timeout: int = 300, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env={**ENV, **(env or {})}, capture_output=True, text=True, timeout=timeout)


def handbook(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return run([str(BIN / "handbook"), *args], cwd=cwd)


def mkdocs_build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    # Never pass -q with --strict: in mkdocs 1.6 -q switches strict mode off.
    return run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)], cwd=project, env=env)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real handbook, built once with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


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
    pytest.skip(f"{package} is not installed (apt-get install chromium poppler-utils)")


def require_chromium() -> str:
    return require_tool(chromium_path(), "chromium")


def require_pdftotext() -> str:
    import shutil

    return require_tool(shutil.which("pdftotext"), "poppler-utils")


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site over http on loopback (search and web workers need http, not file://)."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_site))

    class Quiet(handler.func):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A fresh browser profile per test: nothing stored carries over."""
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()


# Figures a test wants the reader of `make test` to see (pytest shows no output of passing tests).
TERMINAL_NOTES: list[str] = []


def pytest_terminal_summary(terminalreporter):
    if TERMINAL_NOTES:
        terminalreporter.section("handbook checks")
        for note in TERMINAL_NOTES:
            terminalreporter.write_line(note)
