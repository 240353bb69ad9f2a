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


def run(args: list[str], cwd: Path = ROOT, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout)


def handbook(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return run([str(BIN / "handbook"), *args], cwd=cwd)


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    # Never pass -q with --strict: in mkdocs 1.6 -q switches strict mode off.
    return run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)], cwd=project)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real handbook, built once with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site
