"""The link checker (macros/links.py, `handbook links`): what it finds, what it reports, offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros.links import check_site, format_report, links_report, main_links


def _write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.write_bytes if isinstance(content, bytes) else path.write_text)(content)
    return root


PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="{up}assets/site.css"><script src="{up}assets/site.js"></script>
<script id="__config" type="application/json">{{"base": "{base}", "search": "{up}assets/worker.js"}}</script>
</head><body><h1 id="top">Title</h1>{body}</body></html>"""


def page(body: str, depth: int = 0) -> str:
    up = "../" * depth
    return PAGE.format(up=up, base=(up.rstrip("/") or "."), body=body)


@pytest.fixture
def good_site(tmp_path) -> Path:
    return _write(tmp_path / "site", {
        "index.html": page('<a href="levels/one/">one</a> <a href="levels/one/#step-2">step</a> '
                           '<a href="#top">top</a> <a href="https://example.org/a">ext</a> '
                           '<a href="mailto:team@example.org">mail</a> <img src="assets/logo.png" alt="logo"> '
                           '<a href="exports/data.json">json</a> <a href="exports/pdf/one.pdf">pdf</a>'
                           '<img src="data:image/png;base64,AAAA" alt="">'),
        "levels/one/index.html": page('<h2 id="step-2">Step</h2><a href="../../">home</a> '
                                      '<a href="../../levels/one/index.html#top">self</a> '
                                      '<a href="https://example.org/b">ext</a> <a href="../../a%20b/">space</a>', 2),
        "a b/index.html": page("", 1),
        "404.html": page('<a href="/">home</a> <link rel="stylesheet" href="/assets/site.css">'),
        "assets/site.css": "body { background: url('logo.png'); } @font-face { src: url(data:font/woff2;base64,AA); }",
        "assets/site.js": "", "assets/worker.js": "", "assets/logo.png": b"\x89PNG",
        "exports/data.json": "{}",
        "exports/pdf/one.pdf": b"%PDF-1.4 << /A << /S /URI /URI (https://example.org/from-pdf) >> >>",
        "search/search_index.json": json.dumps({"docs": [{"location": "levels/one/#step-2"}, {"location": ""}]}),
    })


def test_a_sound_site_passes_and_every_kind_of_reference_is_counted(good_site, capsys):
    report = check_site(good_site)
    assert report.broken == []
    assert report.pages == 4
    # index: 3 head refs + 2 config + 6 body; level: 5 + 3; a b: 5; 404: 5 head + 2; css: 1; search: 2
    assert report.internal >= 30
    assert report.external == {
        "index.html": {"https://example.org/a", "mailto:team@example.org"},
        "levels/one/index.html": {"https://example.org/b"},
        "exports/pdf/one.pdf": {"https://example.org/from-pdf"},
    }
    assert main_links(good_site) == 0
    out = capsys.readouterr().out
    assert "External links (listed, not fetched): 4 on 3 pages" in out
    assert "index.html\n  https://example.org/a\n  mailto:team@example.org" in out
    assert out.rstrip().endswith("0 broken")


BREAKAGE = {
    # name: (file, content, text expected in the broken line)
    "missing page": ("index.html", page('<a href="levels/two/">x</a>'), "missing levels/two/index.html"),
    "missing anchor": ("index.html", page('<a href="levels/one/#nope">x</a>'), "no id 'nope' in levels/one/index.html"),
    "missing anchor on the same page": ("index.html", page('<a href="#nope">x</a>'), "no id 'nope' in index.html"),
    "missing anchor on a page not named index": ("404.html", page('<a href="#nope">x</a>'), "no id 'nope' in 404.html"),
    "missing image": ("index.html", page('<img src="assets/gone.png" alt="">'), "img src='assets/gone.png'"),
    "missing script": ("index.html", page('<script src="assets/gone.js"></script>'), "script src='assets/gone.js'"),
    "missing stylesheet": ("index.html", page('<link rel="stylesheet" href="assets/gone.css">'), "link href='assets/gone.css'"),
    "missing export": ("index.html", page('<a href="exports/gone.csv">x</a>'), "missing exports/gone.csv"),
    "root-absolute link": ("index.html", page('<a href="/levels/one/">x</a>'), "absolute link"),
    "javascript link": ("index.html", page('<a href="javascript:alert(1)">x</a>'), "uses scheme 'javascript'"),
    "link out of the site": ("index.html", page('<a href="../../etc/passwd">x</a>'), "leads outside the site"),
    "theme search worker": ("index.html", PAGE.format(up="", base=".", body="").replace("assets/worker.js", "assets/w2.js"), "theme config search"),
    "json data url": ("index.html", page('<script type="application/json" id="data">{"items": [{"url": "levels/one/#gone"}]}</script>'), "script #data url"),
    "css url": ("assets/site.css", "body { background: url(../img/gone.png) }", "css url()='../img/gone.png'"),
    "search result": ("search/search_index.json", json.dumps({"docs": [{"location": "levels/one/#gone"}]}), "search result='levels/one/#gone'"),
    "pdf link to the build machine": ("exports/pdf/one.pdf", b"%PDF-1.4 /URI (file:///tmp/site/levels/one/)", "a path on the build machine"),
}


@pytest.mark.parametrize("case", sorted(BREAKAGE))
def test_each_kind_of_broken_reference_is_found(case, good_site, capsys):
    rel, content, expected = BREAKAGE[case]
    _write(good_site, {rel: content})
    report = check_site(good_site)
    assert len(report.broken) == 1 and expected in report.broken[0], report.broken
    assert report.broken[0].startswith(rel), report.broken
    assert main_links(good_site) == 1
    out = capsys.readouterr().out
    assert out.rstrip().splitlines()[-2].endswith("1 broken") and "BROKEN" in out


def test_no_site_is_an_error_not_a_traceback(tmp_path, capsys):
    assert main_links(tmp_path / "nowhere") == 1
    assert "no built site here" in capsys.readouterr().err
    assert "no built site here" in links_report(tmp_path)


def test_the_real_site_has_no_broken_link_and_lists_its_external_ones(site_report):
    report = site_report
    assert report.broken == []
    assert report.pages > 35
    # Every page loads the theme's and the handbook's stylesheets and scripts: all counted.
    assert report.internal > report.pages * 10
    text = format_report(report)
    assert "https://maturitymodel.cncf.io/" in text
    pages_with_external = [line for line in text.splitlines() if line.endswith(".html")]
    assert "index.html" in pages_with_external
    assert text.rstrip().endswith(" 0 broken")


def test_handbook_links_command(built_site, tmp_path):
    from conftest import handbook

    result = handbook("links", "--site-dir", str(built_site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "https://kubernetes.io/" in result.stdout and "0 broken" in result.stdout
    missing = handbook("links", "--site-dir", str(tmp_path / "nothing"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
