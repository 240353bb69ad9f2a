"""Publishing: the built site behind Debian's nginx with the configuration the build ships, and
the offline bundle opened from disk in Chromium.

The nginx tests start a real nginx on a loopback port with the server block that
``handbook deploy-config`` writes, and read the headers a browser gets. The browser test
loads one page of every kind through it and fails on any Content-Security-Policy violation
or console error, so a new inline script (ours or the theme's) that the policy does not list
shows up here.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, handbook, require_tool

from macros.links import check_site
from macros.publish import DEPLOY_DIR, HEADERS_FILE, NGINX_FILE


def one_page_of_every_kind() -> list[str]:
    """URL paths (directory URLs) of a page of every kind in the registry, and every hand-written page:
    a page kind added later is loaded under the policy without anyone listing it here."""
    from macros.loader import load_handbook
    from macros.registry import PAGE_KINDS

    handbook = load_handbook(ROOT / "data")
    paths = []
    for kind in PAGE_KINDS:
        instances = kind.instances(handbook)
        if instances:
            middle = instances[len(instances) // 2]  # level 3 rather than level 1: the longest pages
            paths.append(_url_path(kind.uri(*(entity.id for entity in middle))))
    return paths + [_url_path(str(page.relative_to(ROOT / "docs"))) for page in sorted((ROOT / "docs").glob("*.md"))]


def _url_path(source: str) -> str:
    """levels/3-scale/index.md -> levels/3-scale/, levels/3-scale/technology.md -> levels/3-scale/technology/"""
    stem = source.removesuffix(".md")
    stem = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    return stem


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_binary() -> str:
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)
    return require_tool(found, "nginx-light")


@pytest.fixture(scope="module")
def nginx_site(built_site, tmp_path_factory):
    """The built site served by nginx on 127.0.0.1 with the shipped server block."""
    binary = nginx_binary()
    work = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    result = handbook("deploy-config", "--site-dir", str(built_site), "--listen", f"127.0.0.1:{port}")
    assert result.returncode == 0, result.stderr
    (work / "handbook.conf").write_text(result.stdout)
    temp_paths = "\n".join(f"  {kind}_temp_path {work / kind};" for kind in
                           ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # Run as root (CI), the workers must be root too to read pytest's private temp folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log off;\n{temp_paths}\n  include {work}/handbook.conf;\n}}\n")
    check = subprocess.run([binary, "-t", "-c", str(work / "nginx.conf"), "-p", str(work)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    server = subprocess.Popen([binary, "-c", str(work / "nginx.conf"), "-p", str(work), "-g", "daemon off;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    else:
        server.kill()
        pytest.fail("nginx did not start: " + (work / "error.log").read_text() if (work / "error.log").exists() else "")
    yield base
    server.terminate()
    server.wait(timeout=10)


def fetch(url: str, **headers: str):
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10)


def test_the_build_ships_an_nginx_configuration_and_the_headers(built_site):
    deploy = built_site / DEPLOY_DIR
    config = (deploy / NGINX_FILE).read_text()
    headers = (deploy / HEADERS_FILE).read_text()
    policy = next(line for line in headers.splitlines() if line.startswith("Content-Security-Policy:"))
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert policy.split(": ", 1)[1] in config
    # Every distinct inline script of the site has its hash in the policy.
    bodies = set()
    import re

    for html in built_site.rglob("*.html"):
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html.read_text(), re.S):
            if "src=" not in attrs and "application/json" not in attrs:
                bodies.add(body)
    assert bodies, "the theme writes inline scripts; none were found"
    import base64

    for body in bodies:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_deploy_config_refuses_a_folder_without_a_site(tmp_path):
    result = handbook("deploy-config", "--site-dir", str(tmp_path))
    assert result.returncode == 1
    assert "no built site" in result.stderr and "Traceback" not in result.stderr


def test_nginx_sends_security_headers_and_caches_by_kind(nginx_site):
    page = fetch(nginx_site + "/levels/3-scale/")
    assert page.status == 200
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Cache-Control"] == "no-cache"
    assert page.headers["Content-Type"].startswith("text/html")

    html = page.read().decode()
    import re

    script = re.search(r'src="([^"]*bundle\.[0-9a-f]{8,}\.min\.js)"', html).group(1)
    asset = fetch(nginx_site + "/levels/3-scale/" + script)
    assert asset.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert asset.headers["Content-Security-Policy"] == csp  # headers survive the location override
    own_css = fetch(nginx_site + "/assets/stylesheets/handbook.css")
    assert own_css.headers["Cache-Control"] == "no-cache"  # not fingerprinted: must revalidate


def test_nginx_compresses_and_types_the_exports(nginx_site):
    page = fetch(nginx_site + "/levels/3-scale/technology/", **{"Accept-Encoding": "gzip"})
    assert page.headers["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(page.read())
    exported = fetch(nginx_site + "/exports/handbook.json", **{"Accept-Encoding": "gzip"})
    assert exported.headers["Content-Type"].startswith("application/json")
    assert exported.headers["Content-Encoding"] == "gzip"
    json.loads(gzip.decompress(exported.read()))
    csv_file = fetch(nginx_site + "/exports/checklist.csv")
    assert csv_file.headers["Content-Type"].startswith("text/csv")
    assert csv_file.headers["X-Content-Type-Options"] == "nosniff"
    style = fetch(nginx_site + "/assets/stylesheets/handbook.css", **{"Accept-Encoding": "gzip"})
    assert style.headers["Content-Encoding"] == "gzip"
    with pytest.raises(urllib.error.HTTPError) as missing:
        fetch(nginx_site + "/no/such/page/")
    assert missing.value.code == 404
    # Every security header the docs promise, on a page, a fingerprinted asset, an export and an error.
    from macros.publish import security_headers

    for response in (fetch(nginx_site + "/"), exported, csv_file, missing.value):
        for name, _ in security_headers(""):
            assert response.headers[name], (response.url, name)
    assert "script-src 'self'" in missing.value.headers["Content-Security-Policy"]
    assert b"404" in missing.value.read()


def test_nginx_types_pdfs(nginx_site, built_site):
    # The test build has no PDFs; any PDF placed in the site is served as one.
    target = built_site / "exports" / "pdf"
    target.mkdir(parents=True, exist_ok=True)
    (target / "probe.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    try:
        response = fetch(nginx_site + "/exports/pdf/probe.pdf")
        assert response.headers["Content-Type"] == "application/pdf"
    finally:
        (target / "probe.pdf").unlink()


def _watched_page(context, problems: list[str]):
    """A page that records console errors, uncaught exceptions and CSP violations."""
    page = context.new_page()
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")
    return page


def test_every_page_kind_loads_under_the_policy_without_errors(nginx_site, browser):
    context = browser.new_context()
    problems: list[str] = []
    page = _watched_page(context, problems)
    try:
        paths = one_page_of_every_kind()
        assert len(paths) >= 25, paths  # every kind the registry has, and the hand-written pages
        for path in paths:
            page.goto(f"{nginx_site}/{path}", wait_until="load")
            page.wait_for_timeout(150)
            assert page.locator("h1").count() >= 1, path
            for problem in problems:
                pytest.fail(f"/{path}: {problem}")
        # The scripts really ran under the policy: Print prints, the self-assessment drew itself,
        # search answers.
        page.goto(f"{nginx_site}/checklists/dimensions/policy/3-scale/")
        # A statement, not an expression: Playwright calls a function an expression evaluates to,
        # which would set the flag before the click.
        page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
        assert page.evaluate("window.__printed") is None
        page.locator("button.hb-print").first.click()
        assert page.evaluate("window.__printed === true")
        page.goto(f"{nginx_site}/assessment/")
        page.wait_for_selector("#handbook-assessment[data-ha-ready='1']", state="attached")
        assert not problems, problems
    finally:
        context.close()
    # Search, with the site's real index (the pages above had an empty one: tests/conftest.py).
    context = browser.new_context(real_search=True)
    page = _watched_page(context, problems)
    try:
        page.goto(f"{nginx_site}/")
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator("input.md-search__input").fill("lighthouse")
        page.locator(".md-search-result__item").first.wait_for()
        assert not problems, problems
    finally:
        context.close()


# ---------------------------------------------------------------- the offline bundle


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    out = work / "handbook-offline.zip"
    result = handbook("bundle", "--no-pdf", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stderr and "files" in result.stderr
    with zipfile.ZipFile(out) as archive:
        archive.extractall(work / "unzipped")
    return work / "unzipped" / "handbook"


@pytest.mark.slow
def test_the_bundle_has_every_page_as_a_file_and_no_broken_link(bundle):
    assert (bundle / "index.html").is_file()
    assert (bundle / "levels" / "3-scale" / "technology.html").is_file()
    assert (bundle / "search" / "search_index.js").is_file()
    shim = bundle / "assets" / "vendor" / "iframe-worker" / "shim.js"
    assert hashlib.sha256(shim.read_bytes()).hexdigest() in (ROOT / "docs/assets/vendor/iframe-worker/SOURCE.txt").read_text()
    report = check_site(bundle)
    assert not report.broken, "\n".join(report.broken[:20])
    assert report.internal > 10_000


@pytest.mark.slow
def test_the_bundle_makes_no_request_to_another_origin(bundle):
    text = "\n".join(p.read_text(errors="replace") for p in bundle.rglob("*.html"))
    assert "unpkg.com" not in text and "iframe-worker/shim" not in text.replace("assets/vendor/iframe-worker/shim.js", "")


def test_the_bundle_works_from_disk(bundle, browser):
    context = browser.new_context(real_search=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto((bundle / "index.html").as_uri())
        # Navigation: follow the first level link on the home page to its file.
        page.locator("a[href$='levels/3-scale/index.html']").first.click()
        assert page.url.endswith("/levels/3-scale/index.html")
        assert "Scale" in page.locator("h1").first.inner_text()
        # Search works from file:// through the vendored shim and the inlined index.
        page.goto((bundle / "index.html").as_uri())
        page.locator("label.md-search__icon, .md-search__input").first.click()
        # The index loads through the iframe worker: wait until the theme says it is ready.
        page.locator(".md-search-result__meta", has_text="Type to start searching").wait_for(timeout=15000)
        page.locator("input.md-search__input").press_sequentially("lighthouse", delay=30)
        page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        assert "lighthouse" in page.locator(".md-search-result").inner_text().lower()
        # The self-assessment keeps an answer across a reload.
        assessment = (bundle / "assessment.html").as_uri()
        page.goto(assessment)
        page.wait_for_selector("#handbook-assessment[data-ha-ready='1']", state="attached")
        page.evaluate("document.querySelectorAll('#handbook-assessment details').forEach(d => d.open = true)")
        control = page.locator("select.ha-status-select[data-item]").first
        item = control.get_attribute("data-item")
        control.select_option("done")
        page.reload()
        page.wait_for_selector("#handbook-assessment[data-ha-ready='1']", state="attached")
        page.evaluate("document.querySelectorAll('#handbook-assessment details').forEach(d => d.open = true)")
        assert page.locator(f"select.ha-status-select[data-item='{item}']").input_value() == "done"
    finally:
        context.close()
    outside = [url for url in requests if not url.startswith(("file://", "data:", "blob:", "about:"))]
    assert not outside, outside
