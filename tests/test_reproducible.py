"""Same data in, same site out: two builds are byte-identical apart from the sitemap's dates."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import ROOT, mkdocs_build

from macros.loader import load_handbook
from macros.pdf import print_with_browser
from macros.registry import printed_checklists

DATED = {"sitemap.xml", "sitemap.xml.gz"}  # mkdocs writes the build date into the sitemap


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def _first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at byte {at}: {a[max(0, at - 60):at + 60]!r} vs {b[max(0, at - 60):at + 60]!r}"


def _undated_sitemap(path: Path) -> str:
    return re.sub(r"<lastmod>[^<]*</lastmod>", "", path.read_text(encoding="utf-8"))


def test_two_builds_of_the_same_data_are_byte_identical(built_site, tmp_path):
    # Another process, another hash seed (set iteration order), time zone and locale: none may show.
    second = tmp_path / "again"
    result = mkdocs_build(ROOT, second, PYTHONHASHSEED="4242", TZ="Pacific/Chatham", LC_ALL="C.UTF-8")
    assert result.returncode == 0, result.stderr
    first_files, second_files = _files(built_site), _files(second)
    assert sorted(first_files) == sorted(second_files)
    differ = []
    for rel, path in first_files.items():
        if rel in DATED:
            continue
        a, b = path.read_bytes(), second_files[rel].read_bytes()
        if a != b:
            differ.append(f"{rel}: {_first_difference(a, b)}")
    assert differ == []
    assert _undated_sitemap(built_site / "sitemap.xml") == _undated_sitemap(second / "sitemap.xml")


def test_a_checklist_printed_twice_gives_the_same_pdf(browser, built_site, tmp_path):
    import time

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    handbook = load_handbook(ROOT / "data")
    checklist = [c for c in printed_checklists(handbook) if c.pdf_name == "level-1-build"]  # with its parts
    blank = handbook.messages("print.blank_page")
    first = print_with_browser(browser, site, checklist, papers=("a4",), blank_page=blank)[0].read_bytes()
    time.sleep(1.1)  # the PDF dates have a resolution of one second
    second = print_with_browser(browser, site, checklist, papers=("a4",), blank_page=blank)[0].read_bytes()
    assert first == second, _first_difference(first, second)
