"""Speed and size of the handbook build (`make bench`): prints the figures and writes RESULTS.md.

Not a test: timings depend on the machine and on what else runs on it. Every time is the
median of several runs of a fresh `mkdocs build --strict` process (start-up included).

1. Handbook build vs a static baseline. The baseline is the same site with nothing left to
   compute: one build with benchmarks/capture_hook.py saves each page's Markdown as
   mkdocs-macros rendered it, the nav and the copyright the hook set; the baseline project
   holds those Markdown files, the exports and docs/ assets, and a mkdocs.yml identical to the
   handbook's (theme, features, markdown_extensions, extra_css/js, validation) but with the
   captured nav and no hook and no macros plugin. The ratio is the engine's cost
   (load + validate + page plan + renderers + mkdocs-macros). Target: <= 1.05.
   Beside it, the floor of any engine on mkdocs-macros: the baseline's pages, each page's source one
   macro call returning its captured Markdown (the same site; only mkdocs-macros is added).
2. Build time with 1x, 3x and 10x data: every cell's practices copied with suffixed ids
   (-x2, -x3, ...; checklist items too), references kept valid. Target: 10x/1x <= 10.
3. `handbook validate` time; the largest page's HTML (target <= 150 KB); the whole site.
4. Edit to rebuilt page under `mkdocs serve`: one line of a data file changes (a practice's
   title), and the clock runs until the served page shows the new text (median of 3 edits).
5. The self-assessment's plan computed in the browser at 1x and 10x data (benchmarks/planbench.py;
   targets: under 100 ms and under 1 s).

Where a target is missed, RESULTS.md says by how much and what a profile of the build shows
(cProfile, top functions, and the time split between the engine, Markdown, templates and the rest).

    .venv/bin/python benchmarks/bench.py [--runs N] [--out FILE] [--no-profile]
"""

from __future__ import annotations

import argparse
import copy
import datetime
import importlib.metadata
import io
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("HANDBOOK_PDF", None)  # the PDFs are a separate step (Chromium), not the build measured here
PACKAGES = ["mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "Markdown", "pymdown-extensions",
            "Jinja2", "pydantic", "PyYAML"]
TARGETS = {"ratio": 1.05, "scale": 10.0, "page_kb": 150}


# ---- the machine -----------------------------------------------------------------------

def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kb = int(next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")).split()[1])
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            pass
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return {
        "CPU": cpu,
        "Cores": f"{os.cpu_count()} logical",
        "RAM": ram,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "Packages": ", ".join(versions),
        "Load average at start (1/5/15 min)": load,
    }


# ---- building and timing -----------------------------------------------------------------

class Timing(tuple):
    """(wall seconds, CPU seconds) of one build: CPU time is what background load disturbs least."""

    wall = property(lambda self: self[0])
    cpu = property(lambda self: self[1])


def build(config: Path, site: Path, env: dict | None = None) -> Timing:
    """Wall and CPU seconds for one `mkdocs build --strict` (never -q: it switches strict off)."""
    if site.exists():
        shutil.rmtree(site)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(config), "-d", str(site)],
                            cwd=config.parent, env={**ENV, **(env or {})}, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"build of {config} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing((seconds, cpu))


def medians(timings: list[Timing]) -> Timing:
    return Timing((statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings)))


def config_with(base: dict, path: Path, **changes) -> Path:
    config = copy.deepcopy(base)
    config.update(changes)
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's `!ENV [NAME, default]` read as its default: the benchmark sets no such variable."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def handbook_config() -> dict:
    """mkdocs.yml with every path made absolute, so copies of it can live anywhere."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    config["docs_dir"] = str(ROOT / config.get("docs_dir", "docs"))
    config["hooks"] = [str(ROOT / h) for h in config.get("hooks", [])]
    theme = config.setdefault("theme", {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    config.pop("watch", None)
    handbook = config.setdefault("extra", {}).setdefault("handbook", {})
    handbook["data_dir"] = str(ROOT / handbook.get("data_dir", "data"))
    if handbook.get("variant"):
        handbook["variant"] = str(ROOT / handbook["variant"])
    return config


# ---- the static baseline -----------------------------------------------------------------

def static_project(work: Path, base: dict) -> Path:
    """Capture the engine's output once, then lay it out as a plain mkdocs project."""
    capture = work / "capture"
    config = config_with(base, work / "capture.yml", hooks=base["hooks"] + [str(Path(__file__).parent / "capture_hook.py")])
    build(config, work / "capture-site", {"HANDBOOK_CAPTURE_DIR": str(capture)})
    saved = json.loads((capture / "config.json").read_text(encoding="utf-8"))
    docs = work / "static-docs"
    shutil.copytree(capture / "docs", docs)
    for path in Path(base["docs_dir"]).rglob("*"):  # assets and anything else that is not a page
        if path.is_file() and path.suffix != ".md":
            target = docs / path.relative_to(base["docs_dir"])
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    shutil.copytree(work / "capture-site" / "exports", docs / "exports", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("pdf"))
    static = copy.deepcopy(base)
    static.pop("hooks", None)
    static["plugins"] = [p for p in static.get("plugins", []) if not (p == "macros" or (isinstance(p, dict) and "macros" in p))]
    static["docs_dir"] = str(docs)
    static["nav"] = saved["nav"]
    if saved.get("copyright"):
        static["copyright"] = saved["copyright"]
    static.get("extra", {}).pop("handbook", None)
    return config_with(static, work / "static.yml")


FLOOR_MODULE = """from pathlib import Path

PAGES = Path(__file__).parent / "floor-pages"


def define_env(env):
    @env.macro
    def captured(rel):
        return (PAGES / rel).read_text(encoding="utf-8")
"""


def floor_project(work: Path, static_yml: Path) -> Path:
    """The least any engine on mkdocs-macros costs: the baseline's pages, each page's source one macro call
    that returns the page's captured Markdown (read from a file). mkdocs-macros' import, its set-up and
    its Jinja pass over every page are all that is added; the site is the baseline's."""
    static = yaml.safe_load(static_yml.read_text(encoding="utf-8"))
    docs, pages = work / "floor-docs", work / "floor-pages"
    shutil.copytree(static["docs_dir"], docs)
    for page in sorted(docs.rglob("*.md")):
        rel = page.relative_to(docs).as_posix()
        text = page.read_text(encoding="utf-8")
        front, body = "", text
        if text.startswith("---\n"):
            end = text.index("\n---\n", 4) + len("\n---\n")
            front, body = text[:end], text[end:]
        if (yaml.safe_load(front.strip("-\n")) or {}).get("render_macros") is False:
            continue  # pages that show template syntax are not rendered by mkdocs-macros in the handbook either
        (pages / rel).parent.mkdir(parents=True, exist_ok=True)
        (pages / rel).write_text(body, encoding="utf-8")
        page.write_text(front + '{{ captured("' + rel + '") }}\n', encoding="utf-8")
    (work / "floormacros.py").write_text(FLOOR_MODULE, encoding="utf-8")
    return config_with(static, work / "floor.yml", docs_dir=str(docs),
                       plugins=static["plugins"] + [{"macros": {"module_name": "floormacros"}}])


def differing_files(one: Path, other: Path) -> list[str]:
    """Files that are not byte for byte the same in two sites (or are in one only)."""
    names = {p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file()}
    names |= {p.relative_to(other).as_posix() for p in other.rglob("*") if p.is_file()}
    return sorted(n for n in names if not ((one / n).is_file() and (other / n).is_file()
                                             and (one / n).read_bytes() == (other / n).read_bytes()))


# ---- mkdocs serve: from a data edit to the rebuilt page ------------------------------------

SERVE_PAGE = "levels/3-scale/people/"
SERVE_FILE = "levels/3-scale/people.yml"


def _fetch(url: str) -> str | None:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def serve_rebuild(base: dict, work: Path, edits: int = 3) -> list[float]:
    """Seconds from a one-line edit of a data file to the served page showing it, under `mkdocs serve`."""
    import re
    import socket

    data = scaled_data(Path(base["extra"]["handbook"]["data_dir"]), work / "data-serve", 1)
    config = config_with(base, work / "serve.yml", watch=[str(data)],
                         extra={**base["extra"], "handbook": {**base["extra"]["handbook"], "data_dir": str(data)}})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/{SERVE_PAGE}"
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--strict", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                              cwd=config.parent, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = []
    try:
        deadline = time.monotonic() + 600
        while _fetch(url) is None:  # the first build
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit("mkdocs serve did not start")
            time.sleep(0.2)
        cell = data / SERVE_FILE
        original = cell.read_text(encoding="utf-8")
        for n in range(1, edits + 1):
            marker = f"Rebuilt{n}x{os.getpid()}"
            # One line: the first practice title gets a word appended.
            edited = re.sub(r"^(\s*title: )(.+)$", lambda m, marker=marker: f"{m.group(1)}{m.group(2)} {marker}", original, count=1, flags=re.M)
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            start = time.perf_counter()
            cell.write_text(edited, encoding="utf-8")
            while marker not in (_fetch(url) or ""):
                if time.perf_counter() - start > 300:
                    sys.exit("mkdocs serve did not rebuild the page within 300 s")
                time.sleep(0.05)
            seconds.append(time.perf_counter() - start)
            original = edited
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return seconds


# ---- synthetic data ----------------------------------------------------------------------

def scaled_data(source: Path, target: Path, factor: int) -> Path:
    """A copy of the data where every cell holds `factor` times its practices (ids suffixed -xN)."""
    shutil.copytree(source, target)
    if factor == 1:
        return target
    for cell in sorted((target / "levels").glob("*/*.yml")):
        if cell.name == "level.yml":
            continue
        data = yaml.safe_load(cell.read_text(encoding="utf-8"))
        originals = data.get("practices") or []
        copies = []
        for n in range(2, factor + 1):
            for practice in originals:
                twin = copy.deepcopy(practice)
                twin["id"] = f"{practice['id']}-x{n}"
                twin["title"] = f"{practice['title']} (copy {n})"
                twin["requires"] = [f"{r}-x{n}" for r in practice.get("requires", [])]  # copies build on copies
                for item in twin.get("checklist", []):
                    item["id"] = f"{item['id']}-x{n}"
                copies.append(twin)
        data["practices"] = originals + copies
        cell.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    return target


# ---- sizes and profile -----------------------------------------------------------------

def site_sizes(site: Path) -> dict:
    pages = sorted(((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")), reverse=True)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"largest": pages[:5], "pages": len(pages), "total": total,
            "files": sum(1 for p in site.rglob("*") if p.is_file())}


def page_composition(path: Path) -> str:
    """Where a page's bytes go: article, nav, table of contents, embedded JSON."""
    html = path.read_text(encoding="utf-8")

    def span(start_marker: str, end_marker: str) -> int:
        start = html.find(start_marker)
        end = html.find(end_marker, start)
        return end - start if start >= 0 and end > start else 0

    # The theme writes the table of contents twice: in the primary sidebar (the mobile nav) and the secondary one.
    primary = span('<div class="md-sidebar md-sidebar--primary"', '<div class="md-sidebar md-sidebar--secondary"')
    secondary = span('<div class="md-sidebar md-sidebar--secondary"', '<div class="md-content"')
    toc = 2 * secondary if 'class="md-nav md-nav--secondary"' in html[:html.find('<div class="md-sidebar md-sidebar--secondary"')] else secondary
    parts = {
        "article": span("<article", "</article>"),
        "site nav": max(0, primary + secondary - toc),
        "table of contents (twice)" if toc > secondary else "table of contents": toc,
        "embedded JSON": span('type="application/json" id="handbook-', "</script>"),
    }
    return ", ".join(f"{k} {v / 1024:.0f} KB" for k, v in parts.items() if v)


ENGINE_STEPS = [
    # (label, file suffix, function name)
    ("load + validate the data (load_handbook)", "macros/loader.py", "load_handbook"),
    ("  of which YAML parsing (yaml.compose)", "yaml/__init__.py", "compose"),
    ("render every page's macros (mkdocs-macros on_page_markdown)", "mkdocs_macros/plugin.py", "on_page_markdown"),
    ("  of which checklist rows' inline Markdown (inline_html)", "macros/render/markdown.py", "inline_html"),
    ("exports and generated files (hook on_files)", "macros/hook.py", "on_files"),
    ("whole build", "mkdocs/commands/build.py", "build"),
]


def profile_build(config: Path, site: Path, out: Path) -> str:
    """cProfile of one build: the engine's steps, the time split by owner, the top functions."""
    stats_file = out / f"{site.name}.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats_file), str(BIN / "mkdocs"), "build", "--strict",
                    "-f", str(config), "-d", str(site)], cwd=config.parent, env=ENV, capture_output=True, check=True)
    stats = pstats.Stats(str(stats_file))
    whole = max((v[3] for (f, _, n), v in stats.stats.items() if f.endswith("mkdocs/commands/build.py") and n == "build"), default=0.0)
    steps = ["| Step | Cumulative time (profiled) | Share of the build |", "|---|---|---|"]
    shares: dict[str, float] = {}
    for label, suffix, name in ENGINE_STEPS:
        seconds = sum(v[3] for (f, _, n), v in stats.stats.items() if f.replace("\\", "/").endswith(suffix) and n == name)
        if whole:
            shares[name] = seconds / whole
        if seconds:
            steps.append(f"| {label} | {seconds:.2f} s | {100 * seconds / whole:.0f}% |" if whole else f"| {label} | {seconds:.2f} s | |")
    buffer = io.StringIO()
    stats.stream = buffer
    stats.sort_stats("tottime").print_stats(15)
    lines = [line for line in buffer.getvalue().splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    top = [_short(line) for line in lines[start:]]
    groups: dict[str, float] = {}
    total = 0.0
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():
        total += tottime
        groups[_owner(filename)] = groups.get(_owner(filename), 0.0) + tottime
    split = ", ".join(f"{name} {seconds:.2f} s ({100 * seconds / total:.0f}%)"
                      for name, seconds in sorted(groups.items(), key=lambda kv: -kv[1]))
    return ("Profiling slows the build about twofold; the shares are what matter.\n\n" + "\n".join(steps)
            + "\n\nOwn time by owner: " + split
            + "\n\nTop functions by own time:\n\n```\n" + "\n".join(top) + "\n```"), shares


def yaml_parsers(data_dir: Path) -> dict:
    """Seconds to compose every data file with each PyYAML loader (the engine uses the first),
    and whether both give the same nodes with the same line and column marks."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(data_dir.rglob("*.yml"))]
    found: dict = {}
    trees = {}
    for name in ("SafeLoader", "CSafeLoader"):
        loader = getattr(yaml, name, None)
        if loader is None:
            continue
        start = time.perf_counter()
        nodes = [yaml.compose(text, Loader=loader) for text in texts]
        found[name] = time.perf_counter() - start
        trees[name] = [_tree(node) for node in nodes]
    found["same"] = len(trees) == 2 and trees["SafeLoader"] == trees["CSafeLoader"]
    return found


def _tree(node):
    """A node as plain values: tag, value, line and column (scalar style aside: None vs '' only)."""
    if node is None:
        return None
    mark = (node.tag, node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return mark + (node.value,)
    if isinstance(node, yaml.SequenceNode):
        return mark + (tuple(_tree(child) for child in node.value),)
    return mark + (tuple((_tree(k), _tree(v)) for k, v in node.value),)


def _owner(filename: str) -> str:
    path = filename.replace("\\", "/")
    for marker, name in (("/macros/", "handbook engine (macros/)"), ("/markdown/", "Python-Markdown"),
                         ("/pymdownx/", "pymdown-extensions"), ("/jinja2/", "Jinja2 (theme templates)"),
                         ("/material/", "mkdocs-material"), ("/mkdocs_macros/", "mkdocs-macros"),
                         ("/pydantic", "pydantic"), ("/yaml/", "PyYAML"), ("/mkdocs/", "mkdocs"),
                         ("/html/", "stdlib html"), ("/re/", "stdlib re"), ("<template>", "Jinja2 (theme templates)")):
        if marker in path:
            return name
    return "other (stdlib, built-ins)"


def _short(line: str) -> str:
    for prefix in (str(ROOT) + "/", str(Path(sys.prefix)) + "/lib/python3.11/site-packages/", sys.base_prefix + "/lib/python3.11/"):
        line = line.replace(prefix, "")
    return line


# ---- the report --------------------------------------------------------------------------

def verdict(value: float, target: float, unit: str = "") -> str:
    if value <= target:
        return f"met (target <= {target:g}{unit})"
    return f"**missed** by {value - target:.2f}{unit} ({100 * (value / target - 1):.0f}% over the target of {target:g}{unit})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is reported (default 3)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "RESULTS.md")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile run on a missed target")
    args = parser.parse_args(argv)
    runs = max(1, args.runs)
    began = time.perf_counter()
    facts = machine()
    print("\n".join(f"{k}: {v}" for k, v in facts.items()), flush=True)
    work = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    try:
        # mkdocs-macros imports `module_name` from the folder of the config file: like a fork's project.
        (work / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
        base = handbook_config()
        handbook_yml = config_with(base, work / "handbook.yml")

        print("\n[1/5] static baseline: capturing the engine's Markdown ...", flush=True)
        static_yml = static_project(work, base)
        floor_yml = floor_project(work, static_yml)
        hb_times, st_times, fl_times = [], [], []
        pairs = max(runs, 5)  # the headline figure: more runs, interleaved, so background load hits all alike
        for _ in range(pairs):
            hb_times.append(build(handbook_yml, work / "site-handbook"))
            st_times.append(build(static_yml, work / "site-static"))
            fl_times.append(build(floor_yml, work / "site-floor"))
        different = differing_files(work / "site-static", work / "site-floor")
        if different:  # the floor must build the baseline's site, or it measures something else
            sys.exit(f"the mkdocs-macros floor built a different site from the baseline: {different[:5]}")
        hb, st = medians(hb_times), medians(st_times)
        ratio = Timing((statistics.median(h.wall / s.wall for h, s in zip(hb_times, st_times)),
                        statistics.median(h.cpu / s.cpu for h, s in zip(hb_times, st_times))))
        floor = Timing((statistics.median(f.wall / s.wall for f, s in zip(fl_times, st_times)),
                        statistics.median(f.cpu / s.cpu for f, s in zip(fl_times, st_times))))
        print(f"handbook {hb.wall:.2f} s (CPU {hb.cpu:.2f} s), static {st.wall:.2f} s (CPU {st.cpu:.2f} s), "
              f"ratio {ratio.wall:.2f} (CPU {ratio.cpu:.2f}); mkdocs-macros floor {floor.wall:.2f} (CPU {floor.cpu:.2f})", flush=True)
        sizes = site_sizes(work / "site-handbook")
        static_sizes = site_sizes(work / "site-static")

        print("\n[2/5] scaled data: 1x, 3x, 10x ...", flush=True)
        scale = {}
        for factor in (1, 3, 10):
            data = scaled_data(Path(base["extra"]["handbook"]["data_dir"]), work / f"data-{factor}x", factor)
            config = config_with(base, work / f"scaled-{factor}.yml",
                                 extra={**base["extra"], "handbook": {**base["extra"]["handbook"], "data_dir": str(data)}})
            times = [build(config, work / f"site-{factor}x") for _ in range(runs)]
            seconds = medians(times)
            counts = subprocess.run([str(BIN / "handbook"), "validate", "--data", str(data)], env=ENV,
                                    capture_output=True, text=True).stdout.strip()
            scale[factor] = {"seconds": seconds, "runs": times, "sizes": site_sizes(work / f"site-{factor}x"),
                             "counts": counts, "config": config}
            print(f"{factor}x: {seconds.wall:.2f} s (CPU {seconds.cpu:.2f} s) | {counts}", flush=True)
        growth = Timing((scale[10]["seconds"].wall / scale[1]["seconds"].wall, scale[10]["seconds"].cpu / scale[1]["seconds"].cpu))

        from planbench import browser_plan_times, python_plan_ms
        from planbench import report_lines as plan_report_lines

        print("\n[plan] the self-assessment's plan at 1x and 10x data ...", flush=True)
        plan_times = {f: {**browser_plan_times(work / f"site-{f}x"), "python_ms": python_plan_ms(work / f"data-{f}x")} for f in (1, 10)}
        print(", ".join(f"{f}x: {r.get('median_ms', float('nan')):.1f} ms" for f, r in plan_times.items()), flush=True)

        print("\n[3/5] handbook validate ...", flush=True)
        validate_runs = []
        for _ in range(max(5, runs)):
            start = time.perf_counter()
            subprocess.run([str(BIN / "handbook"), "validate", "--data", base["extra"]["handbook"]["data_dir"]],
                           env=ENV, capture_output=True, check=True)
            validate_runs.append(time.perf_counter() - start)
        validate = statistics.median(validate_runs)
        validate_10x = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([str(BIN / "handbook"), "validate", "--data", str(work / "data-10x")], env=ENV, capture_output=True, check=True)
            validate_10x.append(time.perf_counter() - start)
        print(f"validate {validate:.2f} s, on 10x data {statistics.median(validate_10x):.2f} s", flush=True)

        print("\n[4/5] mkdocs serve: a one-line data edit to the rebuilt page ...", flush=True)
        serve = serve_rebuild(base, work)
        print(f"edit to rebuilt page: {statistics.median(serve):.2f} s (runs: {', '.join(f'{s:.2f}' for s in serve)})", flush=True)

        largest_kb = sizes["largest"][0][0] / 1024
        parsers = yaml_parsers(Path(base["extra"]["handbook"]["data_dir"]))
        parsers["startup"] = statistics.median([_timed([sys.executable, "-c", "import macros.loader"]) for _ in range(3)])
        profile, shares = "", {}
        if not args.no_profile and (max(ratio) > TARGETS["ratio"] or max(growth) > TARGETS["scale"]):
            print("\n[5/5] a target is missed: profiling one build ...", flush=True)
            profile, shares = profile_build(handbook_yml, work / "site-profile", work)
            if max(growth) > TARGETS["scale"]:
                profile += "\n\nAt 10x:\n\n" + profile_build(scale[10]["config"], work / "site-profile-10x", work)[0]
        else:
            print("\n[5/5] every build target met: no profile", flush=True)

        report = render_report(facts, runs, hb, hb_times, st, st_times, ratio, (medians(fl_times), fl_times, floor),
                               scale, growth, validate,
                               validate_runs, statistics.median(validate_10x), sizes, static_sizes, largest_kb,
                               work / "site-handbook", profile, shares, parsers, serve, time.perf_counter() - began)
        report += "\n" + "\n".join(plan_report_lines(plan_times))
        args.out.write_text(report, encoding="utf-8")
        print("\n" + report)
        print(f"wrote {args.out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def render_report(facts, runs, hb, hb_times, st, st_times, ratio, floor, scale, growth, validate, validate_runs,
                  validate_10x, sizes, static_sizes, largest_kb, site, profile, shares, parsers, serve, elapsed) -> str:
    def secs(values):
        return ", ".join(f"{v:.2f}" for v in values)

    def timed(median: Timing, timings: list[Timing]) -> str:
        return f"{median.wall:.2f} s wall (runs: {secs(t.wall for t in timings)}); {median.cpu:.2f} s CPU"

    fl, fl_times, fl_ratio = floor
    site_pages = sizes["pages"]

    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (benchmarks/bench.py) on {datetime.date.today().isoformat()}, in {elapsed / 60:.1f} minutes. "
        f"Each time is the median of {runs} runs of a fresh `mkdocs build --strict` process, start-up included "
        f"({len(hb_times)} interleaved runs of the handbook, its baseline and the mkdocs-macros floor; each ratio is the median of the runs' ratios; "
        "validate: median of 5). Wall-clock time is what a user waits; CPU time (user + system of the build process) is "
        "given beside it because this machine is shared and background load stretches wall time by 10 to 30% from run to "
        "run, while CPU time moves much less. Each ratio has a verdict for both.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in facts.items()],
        "",
        "## Results",
        "",
        "| Figure | Value | Target |",
        "|---|---|---|",
        f"| Handbook build (real data) | {timed(hb, hb_times)} | |",
        f"| Static baseline build (same pages, plain mkdocs) | {timed(st, st_times)} | |",
        f"| Handbook / baseline, wall | **{ratio.wall:.2f}** | {verdict(ratio.wall, TARGETS['ratio'])} |",
        f"| Handbook / baseline, CPU | **{ratio.cpu:.2f}** | {verdict(ratio.cpu, TARGETS['ratio'])} |",
        f"| mkdocs-macros alone on the same pages (each page one macro call returning its captured Markdown) | {timed(fl, fl_times)} | |",
        f"| mkdocs-macros alone / baseline: the floor of any engine on mkdocs-macros | **{fl_ratio.wall:.2f}** wall, **{fl_ratio.cpu:.2f}** CPU "
        f"| leaves {max(0.0, (TARGETS['ratio'] - fl_ratio.cpu) * st.cpu):.2f} s of CPU under the target for the engine's own work, "
        f"which takes {max(0.0, (ratio.cpu - fl_ratio.cpu) * st.cpu):.2f} s (load, validate, render {site_pages} pages, exports) |",
        *[f"| Build with {f}x data | {timed(scale[f]['seconds'], scale[f]['runs'])} | |" for f in (1, 3, 10)],
        f"| Build time 10x / 1x, wall | **{growth.wall:.2f}** | {verdict(growth.wall, TARGETS['scale'])} |",
        f"| Build time 10x / 1x, CPU | **{growth.cpu:.2f}** | {verdict(growth.cpu, TARGETS['scale'])} |",
        f"| `handbook validate` (real data) | {validate:.2f} s (runs: {secs(validate_runs)}) | |",
        f"| `handbook validate` (10x data) | {validate_10x:.2f} s | |",
        f"| Edit to rebuilt page under `mkdocs serve` (one line of `{SERVE_FILE}`, page `/{SERVE_PAGE}`) | "
        f"{statistics.median(serve):.2f} s (runs: {secs(serve)}) | |",
        f"| Largest page | {largest_kb:.0f} KB (`{sizes['largest'][0][1]}`) | {verdict(largest_kb, TARGETS['page_kb'], ' KB')} |",
        f"| Whole site | {sizes['total'] / 1024 / 1024:.1f} MB in {sizes['files']} files, {sizes['pages']} pages "
        f"(baseline: {static_sizes['total'] / 1024 / 1024:.1f} MB) | |",
        "",
        "Data sets:",
        "",
        *[f"- {f}x: {scale[f]['counts'].removeprefix('OK: ')}; site {scale[f]['sizes']['total'] / 1024 / 1024:.1f} MB, "
          f"largest page {scale[f]['sizes']['largest'][0][0] / 1024:.0f} KB (`{scale[f]['sizes']['largest'][0][1]}`)" for f in (1, 3, 10)],
        "",
        "## Page size",
        "",
        "The five largest pages (real data):",
        "",
        "| Page | Size | Where the bytes go |",
        "|---|---|---|",
        *[f"| `{rel}` | {size / 1024:.0f} KB | {page_composition(site / rel)} |" for size, rel in sizes["largest"]],
        "",
    ]
    over = [(size, rel) for size, rel in sizes["largest"] if size / 1024 > TARGETS["page_kb"]]
    if over:
        lines += [
            f"{len(over)} of the five largest pages are over {TARGETS['page_kb']} KB. The bytes are content, not theme: "
            "with `navigation.prune` the site nav stays small; what is large is the article itself. "
            "See the notes below for what would bring them under the target.",
            "",
        ]
    if profile:
        lines += ["## Profile of a build (cProfile)", "", profile, ""]
    lines += ["## Notes", "", *notes(hb, st, ratio, fl_ratio, scale, growth, validate, parsers, shares, sizes, site), ""]
    return "\n".join(lines)


def _gzipped_kb(path: Path) -> float:
    import gzip

    return len(gzip.compress(path.read_bytes(), compresslevel=6)) / 1024


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, check=True)
    return time.perf_counter() - start


def engine_loader() -> str:
    """The PyYAML loader macros/yamlsource.py composes with."""
    try:
        from macros import yamlsource
    except ImportError:
        return "unknown"
    composer = getattr(yamlsource, "_COMPOSER", None)
    if composer is not None:
        return composer.__name__
    source = Path(yamlsource.__file__).read_text(encoding="utf-8")
    return "CSafeLoader" if "CSafeLoader" in source else "SafeLoader"


def notes(hb, st, ratio, floor, scale, growth, validate, parsers, shares, sizes, site) -> list[str]:
    out = []
    slow, fast = parsers.get("SafeLoader"), parsers.get("CSafeLoader")
    engine = hb.cpu - st.cpu
    text = (f"- **Engine cost.** The engine adds {engine:.2f} s of CPU time to a {st.cpu:.2f} s build of the same pages "
            f"(ratio {ratio.cpu:.2f} in CPU time, {ratio.wall:.2f} in wall time; target {TARGETS['ratio']:g}). "
            f"mkdocs-macros alone, on the baseline's own pages, costs {(floor.cpu - 1) * st.cpu:.2f} s of it "
            f"(ratio {floor.cpu:.2f}): its import, its set-up and one Jinja pass a page, before any engine reads a file. "
            f"Under the target the engine's own work would have {max(0.0, (TARGETS['ratio'] - floor.cpu) * st.cpu):.2f} s. ")
    if shares:
        text += ("By the profile's shares of the build time: loading and validating the data about "
                 f"{shares.get('load_handbook', 0) * hb.cpu:.1f} s, rendering the pages' macros about "
                 f"{shares.get('on_page_markdown', 0) * hb.cpu:.1f} s, the exports about {shares.get('on_files', 0) * hb.cpu:.1f} s; "
                 "the rest is start-up (importing pydantic and the engine) and mkdocs-macros' own setup. ")
    loader = engine_loader()
    if slow and fast:
        same = ("the same nodes with the same line and column marks (checked here, file by file)" if parsers.get("same")
                else "nodes or marks that differ (checked here)")
        if loader == "SafeLoader":
            text += (f"`macros/yamlsource.py` composes every file with PyYAML's pure-Python `SafeLoader` ({slow:.2f} s for the "
                     f"real data); libyaml's `CSafeLoader` takes {fast:.2f} s, giving {same}: switching would take about "
                     f"{slow - fast:.1f} s off every build and `handbook validate` (estimated ratio {(hb.cpu - slow + fast) / st.cpu:.2f}). ")
        else:
            text += (f"`macros/yamlsource.py` composes with libyaml's `{loader}`: {fast:.2f} s for every data file, against "
                     f"{slow:.2f} s with the pure-Python `SafeLoader`; both give {same}. ")
    text += ("Checklist rows' inline Markdown is cached and skips Python-Markdown for plain text (`inline_html`): "
             "each item appears on five or more pages.")
    out.append(text)
    out.append(f"- **Growth.** 10x the practices and checklist items makes the build {growth.wall:.1f} times slower "
               f"({scale[1]['seconds'].wall:.1f} s to {scale[10]['seconds'].wall:.1f} s; {growth.cpu:.1f} times in CPU time): "
               "below linear because start-up, the theme and the "
               "pages that do not grow (levels, dimensions, tools, training) are a fixed cost, while the pages that list every "
               "item (checklists, role guides, the assessment) grow with the data.")
    out.append(f"- **validate.** `handbook validate` takes {validate:.2f} s on the real data, of which {parsers['startup']:.2f} s is "
               "starting Python and importing the engine (pydantic and the models); the rest is reading, validating and "
               "cross-checking the files.")
    big = [(size, rel) for size, rel in sizes["largest"] if size / 1024 > TARGETS["page_kb"]]
    how = ("Long checklists come in parts: a role's or a dimension's checklist is a page per level, a level's a page "
           "per dimension, each printed whole from its first page (print-button.js, macros/pdf.py); a cell page's "
           "table of contents, which the theme writes twice, stops at its areas; a checklist row has no class on its "
           "box and blank cells (610 bytes, was 760). Before, the platform engineer's checklist was one page of 322 KB.")
    size, rel = sizes["largest"][0]
    if big:
        out.append(
            f"- **Page size.** The largest page, `{rel}`, is {size / 1024:.0f} KB, {size / 1024 - TARGETS['page_kb']:.0f} KB "
            f"({100 * (size / 1024 / TARGETS['page_kb'] - 1):.0f}%) over the {TARGETS['page_kb']} KB target; "
            f"{len([1 for s2, _ in big])} of the five largest pages are over it. {how} What is left is content that "
            "grows with the data (a cell's practices, one part of a checklist): the next cut is there. "
            f"On the wire, gzip (which most servers apply) brings `{rel}` to {_gzipped_kb(site / rel):.0f} KB.")
    else:
        out.append(
            f"- **Page size.** Every page is within the {TARGETS['page_kb']} KB target (tests/test_site.py checks it on every "
            f"build of the test suite); the largest, `{rel}`, is {size / 1024:.0f} KB. {how}")
    return out


if __name__ == "__main__":
    sys.exit(main())
