"""How long the self-assessment takes to compute a plan, in the browser and in Python (`make bench`).

The browser figure is the one users feel: the built assessment page is opened in Debian's
chromium (Playwright, as the tests drive it), and ``HandbookAssessment.computePlan`` is timed
on seeded random answer sets, each computed several times; the median and the slowest run are
reported with the 90th percentile and the slowest run. Targets: under 100 ms for the real data, under
1 s at 10x the data, judged on the median: on a shared machine a single run can wait for a garbage
collection or another process (seen: a 1 ms computation taking 90 ms once in 25 runs).

    .venv/bin/python benchmarks/planbench.py SITE_DIR [SITE_DIR ...]
"""

from __future__ import annotations

import functools
import http.server
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

TARGETS_MS = {1: 100, 10: 1000}
ANSWER_SETS = 5
RUNS_PER_SET = 5

# A seeded PRNG (mulberry32) in the page, so every run times the same answer sets.
_TIMING_JS = """([sets, runs]) => {
  const HA = window.HandbookAssessment;
  const model = new HA.Model(window.HANDBOOK_ASSESSMENT);
  let seed = 20260801;
  const random = () => { seed |= 0; seed = seed + 0x6D2B79F5 | 0; let t = Math.imul(seed ^ seed >>> 15, 1 | seed);
    t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t; return ((t ^ t >>> 14) >>> 0) / 4294967296; };
  const statuses = ["not-started", "in-progress", "done", "na"];
  const times = [];
  let practices = 0;
  for (let s = 0; s < sets; s++) {
    const depth = {};
    model.dimensions.forEach(d => { depth[d.id] = Math.floor(random() * (model.maxLevel + 1)); });
    const answers = {};
    model.items.forEach(item => {
      const below = model.levelsById[item.level].number <= depth[item.dimension];
      const r = random();
      const status = below ? (r < 0.8 ? "done" : statuses[Math.floor(random() * 4)]) : (r < 0.6 ? "not-started" : statuses[Math.floor(random() * 4)]);
      if (status !== "not-started") answers[item.id] = { status: status, note: "" };
    });
    const settings = { targets: {}, capacity: null, phase_weeks: null };
    model.dimensions.forEach(d => { settings.targets[d.id] = model.maxLevel; });  // the biggest plan: every level
    for (let k = 0; k < runs; k++) {
      const start = performance.now();
      const plan = HA.computePlan(model, answers, settings, "");
      times.push(performance.now() - start);
      practices = Math.max(practices, plan.lines.length);
    }
  }
  return { times: times, practices: practices, items: model.items.length };
}"""


def browser_plan_times(site: Path) -> dict:
    """{median_ms, max_ms, practices (largest plan), items} for the built site's assessment page."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        return {"error": "chromium is not installed"}
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"], headless=True)
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/assessment/")
                page.wait_for_selector("#handbook-assessment[data-ha-ready='1'] #ha-plan", state="attached", timeout=120_000)
                result = page.evaluate(_TIMING_JS, [ANSWER_SETS, RUNS_PER_SET])
            finally:
                browser.close()
    finally:
        server.shutdown()
    times = result["times"]
    return {"median_ms": statistics.median(times), "p90_ms": statistics.quantiles(times, n=10)[-1], "max_ms": max(times),
            "practices": result["practices"], "items": result["items"]}


def python_plan_ms(data_dir: Path) -> float:
    """Median ms of macros.plan.make_plan on the same kind of answers (every level targeted)."""
    import random

    from macros.loader import load_handbook
    from macros.plan import PlanSettings, make_plan

    book = load_handbook(data_dir)
    rng = random.Random(20260801)
    statuses = {pi.item.id: rng.choice(["not-started", "in-progress", "done", "na"]) for pi in book.items}
    settings = PlanSettings(targets={d.id: book.levels[-1].number for d in book.dimensions})
    times = []
    for _ in range(RUNS_PER_SET):
        start = time.perf_counter()
        make_plan(book, statuses, settings)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def report_lines(results: dict[int, dict]) -> list[str]:
    """Markdown for RESULTS.md: factor -> browser_plan_times (plus python_ms when measured)."""
    lines = ["## Plan computation (self-assessment)", "",
             f"`HandbookAssessment.computePlan` in Debian's chromium on the built assessment page: {ANSWER_SETS} seeded "
             f"answer sets, each computed {RUNS_PER_SET} times, every level targeted (the largest plan). "
             "Python's `make_plan` (for `handbook plan`) on random answers for comparison.", "",
             "| Data | Items | Planned practices (largest) | Browser, median | 90th percentile | slowest | Target (median) | Python `make_plan` |",
             "|---|---|---|---|---|---|---|---|"]
    for factor, r in sorted(results.items()):
        if "error" in r:
            lines.append(f"| {factor}x | | | {r['error']} | | | | |")
            continue
        target = TARGETS_MS.get(factor)
        verdict = "" if target is None else ("met" if r["median_ms"] < target else "**missed**") + f" (< {target} ms)"
        python = f"{r['python_ms']:.0f} ms" if "python_ms" in r else ""
        lines.append(f"| {factor}x | {r['items']} | {r['practices']} | {r['median_ms']:.1f} ms | {r['p90_ms']:.1f} ms | "
                     f"{r['max_ms']:.1f} ms | {verdict} | {python} |")
    return lines + [""]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(arg, browser_plan_times(Path(arg)))
