"""The ``handbook`` command.

    handbook validate                              check the data; print a summary or every problem
    handbook export --format json|csv [--out FILE] write the merged model or the checklist
    handbook diff [--format text|json]             what the variant adds, changes and removes
    handbook new-variant PATH --name N --prefix P  scaffold an organisation's overlay directory
    handbook rebase --variant DIR                  record the current upstream as the variant's base
    handbook pdf [--site-dir DIR]                  build the site with PDFs of every checklist
    handbook links [--site-dir DIR]                check a built site's links; list external ones by page
    handbook stats                                 practices, items and words per cell; depth rule gaps
    handbook schemas [--check]                     write (or check) the JSON Schemas editors use
    handbook message-keys [--check]                write (or check) the list of catalogue keys the engine uses
    handbook plan ANSWERS.json [--target DIM=LEVEL ...] [--capacity N] [--phase-weeks N]
                  [--format md|csv|json] [--site-url URL]
                                                   the plan from a self-assessment export to the targets
    handbook bundle [--out FILE] [--no-pdf]        a zip of the site that works opened from disk
    handbook deploy-config --site-dir DIR          the nginx server block (or headers) for a built site
    handbook evidence REPORT... --out FILE         propose answers from policy reports, Scorecard, kube-bench

Every command that reads data takes --data DIR and --variant DIR; without them the settings of
./mkdocs.yml apply, as for mkdocs (macros/settings.py: the environment over extra.handbook).

Problems in the data are the user's to fix, not bugs: they are printed one per line with
file and line, the exit code is 1, and no traceback is shown.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path

from macros.problems import DataError
from macros.settings import Settings, SettingsError, settings_from_file

SCHEMA_DIR = Path(__file__).parent / "schemas"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook", description="Cloud Native Maturity Handbook tools.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def data_args(p):
        p.add_argument("--data", type=Path, help="data directory (default: extra.handbook.data_dir in mkdocs.yml, else data)")
        p.add_argument("--variant", type=Path, help="an organisation's overlay directory")

    validate = sub.add_parser("validate", help="check the data and print what was loaded")
    data_args(validate)

    export = sub.add_parser("export", help="write the merged model (json) or the checklist (csv)")
    export.add_argument("--format", choices=["json", "csv"], required=True)
    data_args(export)
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")

    pdf = sub.add_parser("pdf", help="build the site (mkdocs build --strict) with a PDF of every checklist")
    pdf.add_argument("--site-dir", type=Path, help="where to build (default: mkdocs.yml's site_dir)")
    pdf.add_argument("--variant", type=Path, help="an organisation's overlay directory")

    links = sub.add_parser("links", help="check every internal link of a built site; list external links by page")
    links.add_argument("--site-dir", type=Path, default=Path("site"), help="the built site (default: site)")

    diff = sub.add_parser("diff", help="what the variant adds, changes (field by field) and removes")
    diff.add_argument("--format", choices=["text", "json", "markdown"], default="text",
                      help="text (word-level diff), json, or markdown for a pull request")
    data_args(diff)

    scaffold = sub.add_parser("new-variant", help="create an overlay directory for an organisation")
    scaffold.add_argument("path", type=Path)
    scaffold.add_argument("--data", type=Path, help="the upstream data it is based on (default: as for validate)")
    scaffold.add_argument("--name", required=True, help='the organisation, e.g. "ACME Corp"')
    scaffold.add_argument("--prefix", required=True, help="id prefix for what the variant adds, e.g. acme")

    rebase = sub.add_parser("rebase", help="record the current upstream as the variant's base, after review")
    data_args(rebase)

    stats = sub.add_parser("stats", help="practices, checklist items and words per level and dimension")
    data_args(stats)

    schemas = sub.add_parser("schemas", help="write the JSON Schemas of the data files")
    schemas.add_argument("--check", action="store_true", help="only check that the schema files are up to date")

    keys = sub.add_parser("message-keys", help="write macros/message-keys.txt, the catalogue keys the engine uses")
    keys.add_argument("--check", action="store_true", help="only check that the list is up to date")
    keys.add_argument("--data", type=Path, help="data directory whose messages/en.yml is read (default: as validate)")

    plan_parser = sub.add_parser("plan", help="the plan from an exported self-assessment to the targets")
    plan_args(plan_parser)
    data_args(plan_parser)

    bundle = sub.add_parser("bundle", help="a zip of the whole site that works opened from disk, without network")
    bundle.add_argument("--out", type=Path, default=Path("dist/handbook-offline.zip"),
                        help="the zip to write (default: dist/handbook-offline.zip)")
    bundle.add_argument("--no-pdf", action="store_true", help="leave out the checklist PDFs (faster)")
    bundle.add_argument("--variant", type=Path, help="an organisation's overlay directory")

    deploy = sub.add_parser("deploy-config", help="the nginx server block, with a CSP for this build, for a built site")
    deploy.add_argument("--site-dir", type=Path, default=Path("site"), help="the built site (default: site)")
    deploy.add_argument("--root", help="where the server finds the site (default: the site directory's absolute path)")
    deploy.add_argument("--listen", default="80", help="nginx listen address (default: 80)")
    deploy.add_argument("--format", choices=["nginx", "headers"], default="nginx",
                        help="nginx: a server block; headers: the headers to set on any other static host")

    evidence = sub.add_parser("evidence", help="propose self-assessment answers from the reports of tools a team runs",
                              description="Read policy reports, OpenSSF Scorecard results and kube-bench results; "
                                          "write an answers file of proposals the self-assessment imports for review. "
                                          "Exit codes: 0 proposals written; 1 bad input or nothing usable "
                                          "(no file written); 2 wrong usage.")
    evidence.add_argument("reports", nargs="+", type=Path, metavar="REPORT",
                          help="report files: JSON or YAML, one report, a list, or kubectl's List output")
    evidence.add_argument("--out", type=Path, required=True, help="the answers file to write")
    evidence.add_argument("--team", default="", help="the team the answers are for")
    evidence.add_argument("--format", choices=["text", "json"], default="text",
                          help="the summary printed on standard output (default: text)")
    data_args(evidence)

    args = parser.parse_args(argv)
    _settings.cache_clear()  # main() may run several times in one process (the tests do)
    try:
        if args.command == "validate":
            return _validate(_data(args.data), _variant(args.variant))
        if args.command == "export":
            return _export(_data(args.data), _variant(args.variant), args.format, args.out)
        if args.command == "pdf":
            return _pdf(args.site_dir, _variant(args.variant))
        if args.command == "stats":
            return _stats(_data(args.data), _variant(args.variant))
        if args.command == "links":
            from macros.links import main_links

            return main_links(args.site_dir)
        if args.command == "diff":
            return _diff(_data(args.data), _variant(args.variant), args.format)
        if args.command == "new-variant":
            return _new_variant(args.path, args.name, args.prefix, _data(args.data))
        if args.command == "rebase":
            return _rebase(_data(args.data), _variant(args.variant))
        if args.command == "schemas":
            return _schemas(args.check)
        if args.command == "message-keys":
            return _message_keys(_data(args.data), args.check)
        if args.command == "plan":
            return _plan(args)
        if args.command == "bundle":
            return _bundle(args.out, not args.no_pdf, _variant(args.variant))
        if args.command == "evidence":
            return _evidence(args.reports, args.out, args.team, args.format, _data(args.data), _variant(args.variant))
        if args.command == "deploy-config":
            return _deploy_config(args.site_dir, args.root, args.listen, args.format)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except SettingsError as exc:
        print(f"handbook: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 2


def _variant(given: Path | None) -> Path | None:
    """--variant, else the settings (HANDBOOK_VARIANT, else extra.handbook.variant in ./mkdocs.yml)."""
    return given if given else _settings().variant


def _data(given: Path | None) -> Path:
    """--data, else the settings (HANDBOOK_DATA_DIR, else extra.handbook.data_dir in ./mkdocs.yml, else data)."""
    return given if given else _settings().data_dir


@functools.cache
def _settings() -> Settings:
    """Read once per command (from ./mkdocs.yml and the environment, as they are now)."""
    return settings_from_file()


def _validate(data_dir: Path, variant: Path | None) -> int:
    from macros.loader import load_handbook
    from macros.upstream import upstream_drift

    handbook = load_handbook(data_dir, variant)
    extra = f", variant {handbook.variant.file.name}" if handbook.variant else ""
    print(f"OK: {handbook.summary()} (data version {handbook.model.data_version}{extra})")
    if handbook.variant:
        # Warnings, not errors: the variant still builds; its author decides, then rebases.
        notes, drifts = upstream_drift(data_dir, handbook.variant.directory, handbook.variant.file.based_on)
        for line in [*notes, *map(str, drifts)]:
            print(line, file=sys.stderr)
        if drifts:
            print(f"{len(drifts)} WARNING(s): upstream changed field(s) this variant overrides. Review each; when the "
                  f"variant says what you want, record the new base: handbook rebase --variant {variant}", file=sys.stderr)
    return 0


def _rebase(data_dir: Path, variant: Path | None) -> int:
    from macros.loader import load_handbook
    from macros.upstream import record_base

    if variant is None:
        print("handbook rebase needs a variant: --variant DIR (or HANDBOOK_VARIANT)", file=sys.stderr)
        return 2
    load_handbook(data_dir, variant)  # a base is recorded only for a variant that validates
    for path in record_base(data_dir, variant):
        print(f"wrote {path}")
    return 0


def _diff(data_dir: Path, variant: Path | None, fmt: str) -> int:
    from macros.diff import diff
    from macros.loader import load_handbook

    if variant is None:
        print("handbook diff needs a variant: --variant DIR (or HANDBOOK_VARIANT)", file=sys.stderr)
        return 2
    from macros.loader import overlay_locations

    merged = load_handbook(data_dir, variant)
    changes = diff(load_handbook(data_dir), merged, overlay_locations(variant))
    if fmt == "markdown":
        name = merged.variant.file.name if merged.variant else "the variant"
        sys.stdout.write(changes.as_markdown(f"What {name} changes"))
    else:
        sys.stdout.write(changes.as_json() if fmt == "json" else changes.as_text())
    return 0


def _new_variant(path: Path, name: str, prefix: str, data_dir: Path) -> int:
    from macros.scaffold import new_variant
    from macros.upstream import record_base

    cells = sorted((p.parent.name, p.stem) for p in data_dir.glob("levels/*/*.yml") if p.stem != "level")
    cell = ("3-scale", "people") if ("3-scale", "people") in cells or not cells else cells[0]
    try:
        written = new_variant(path, name, prefix, cell)
    except (FileExistsError, ValueError) as exc:
        print(f"handbook new-variant: {exc}", file=sys.stderr)
        return 1
    if (data_dir / "model.yml").is_file():
        written += [p for p in record_base(data_dir, path) if p not in written]
    for file in written:
        print(f"created {file}")
    print(f"\nNext: edit {path}/variant.yml, then `handbook validate --variant {path}`, and build with "
          f"HANDBOOK_VARIANT={path} mkdocs build (or set extra.handbook.variant in mkdocs.yml).\n"
          f"After adding an overlay file, run `handbook rebase --variant {path}` so later upstream changes to the "
          "fields you override are reported (docs/variants.md).")
    return 0


def _export(data_dir: Path, variant: Path | None, fmt: str, out: Path | None) -> int:
    from macros.exports import checklist_csv, handbook_json
    from macros.loader import load_handbook

    handbook = load_handbook(data_dir, variant)
    content = handbook_json(handbook) if fmt == "json" else checklist_csv(handbook)
    if out is None:
        sys.stdout.write(content)
    else:
        out.write_text(content, encoding="utf-8", newline="")
        print(f"wrote {out} ({handbook.summary()})", file=sys.stderr)
    return 0


def _stats(data_dir: Path, variant: Path | None) -> int:
    from macros.loader import load_handbook
    from macros.stats import depth_problems, stats_table

    handbook = load_handbook(data_dir, variant)
    print(stats_table(handbook))
    gaps = depth_problems(handbook)
    print()
    if gaps:
        print(f"{len(gaps)} gaps against the depth rules:")
        print("\n".join(f"  {gap}" for gap in gaps))
    else:
        print("depth rules: every cell and transition meets them")
    return 0


def _pdf(site_dir: Path | None, variant: Path | None) -> int:
    import os
    import subprocess

    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    if site_dir:
        command += ["--site-dir", str(site_dir)]
    env = {**os.environ, "HANDBOOK_PDF": "1", "NO_MKDOCS_2_WARNING": "1"}
    if variant:
        env["HANDBOOK_VARIANT"] = str(variant.resolve())
    return subprocess.call(command, env=env)


def plan_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("answers", type=Path, help="answers file exported by the self-assessment page")
    p.add_argument("--target", action="append", default=[], metavar="DIMENSION=LEVEL",
                   help="target level of a dimension (number or level id; 0 plans nothing); repeat per dimension. "
                        "Default: the file's targets, else one level above the achieved one")
    p.add_argument("--capacity", metavar="N", help="person-weeks of work per phase (default: the file's, else 12)")
    p.add_argument("--phase-weeks", metavar="N", help="weeks per phase (default: the file's, else 6)")
    p.add_argument("--format", choices=["md", "csv", "json"], default="md")
    p.add_argument("--site-url", default="", metavar="URL",
                   help="address of the published handbook, to make the practice links absolute")


def _plan(args: argparse.Namespace) -> int:
    """Options are checked like the answers file's fields: every problem named, exit 1, no traceback."""
    from macros.answers import AnswersError, capacity_error, phase_weeks_error, read_answers, target_error
    from macros.loader import load_handbook
    from macros.plan import DEFAULT_CAPACITY, DEFAULT_PHASE_WEEKS, PlanSettings, make_plan
    from macros.planexport import plan_csv, plan_json, plan_markdown
    from macros.problems import Problem

    handbook = load_handbook(_data(args.data), _variant(args.variant))
    record = read_answers(args.answers, handbook)
    problems = []
    targets = dict(record.targets)
    levels = {lv.id: lv.number for lv in handbook.levels}
    dimensions = [d.id for d in handbook.dimensions]
    for given in args.target:
        dim, _, level = given.partition("=")
        if dim not in dimensions:
            problems.append(Problem("--target", 0, given, f"unknown dimension {dim!r}; expected DIMENSION=LEVEL with "
                                    f"DIMENSION one of {', '.join(dimensions)}"))
            continue
        value = levels.get(level, _parsed(level))
        if message := target_error(handbook, value):
            problems.append(Problem("--target", 0, given, f"{message}; a level id works too: {', '.join(levels)}"))
        else:
            targets[dim] = int(value)
    capacity = record.capacity if args.capacity is None else _parsed(args.capacity)
    if capacity is not None and (message := capacity_error(capacity)):
        problems.append(Problem("--capacity", 0, str(args.capacity), message))
    weeks = record.phase_weeks if args.phase_weeks is None else _parsed(args.phase_weeks)
    if weeks is not None and (message := phase_weeks_error(weeks)):
        problems.append(Problem("--phase-weeks", 0, str(args.phase_weeks), message))
    if problems:
        raise AnswersError(problems)
    # Checked above: both are numbers (or None, the default) by now.
    settings = PlanSettings(targets=targets, capacity=float(capacity) if capacity is not None else DEFAULT_CAPACITY,
                            phase_weeks=int(weeks) if weeks is not None else DEFAULT_PHASE_WEEKS)
    plan = make_plan(handbook, record.statuses, settings, record.team)
    render = {"md": plan_markdown, "csv": plan_csv, "json": plan_json}[args.format]
    sys.stdout.write(render(plan, handbook.messages, args.site_url))
    return 0


def _parsed(text: str) -> str | int | float:
    """A number from the command line, or the text itself (which the checks then refuse by name)."""
    try:
        value = float(text)
    except ValueError:
        return text
    return int(value) if value.is_integer() else value


def _bundle(out: Path, pdf: bool, variant: Path | None) -> int:
    from macros.bundle import BundleError, make_bundle

    try:
        make_bundle(out, pdf=pdf, variant=variant, say=lambda line: print(line, file=sys.stderr))
    except BundleError as exc:
        print(f"handbook bundle: {exc}", file=sys.stderr)
        return 1
    return 0


def _deploy_config(site_dir: Path, root: str | None, listen: str, fmt: str) -> int:
    from macros.publish import content_security_policy, headers_text, inline_script_hashes, nginx_config

    if not (site_dir / "index.html").is_file():
        print(f"handbook deploy-config: {site_dir} holds no built site (no index.html); run `make build` first",
              file=sys.stderr)
        return 1
    csp = content_security_policy(inline_script_hashes(site_dir))
    if fmt == "headers":
        sys.stdout.write(headers_text(csp))
    else:
        sys.stdout.write(nginx_config(csp, root=root or str(site_dir.resolve()), listen=listen))
    return 0


def _evidence(paths: list[Path], out: Path, team: str, fmt: str, data_dir: Path, variant: Path | None) -> int:
    from macros.evidence.answers import answers_record, record_json, write_atomically
    from macros.evidence.reports import Report, ReportError, read_report_file
    from macros.evidence.rules import propose
    from macros.evidence.summary import summary_json, summary_text
    from macros.loader import load_handbook

    handbook = load_handbook(data_dir, variant)
    reports: list[Report] = []
    problems: list[str] = []
    for path in paths:
        try:
            read = read_report_file(path)
        except ReportError as exc:
            problems.append(str(exc))
            continue
        reports += read
        problems += [f"{read[0].file}: {p} (left out)" for r in read for p in r.problems]
    outcome = propose(handbook, reports)
    summary = summary_json if fmt == "json" else summary_text
    if not outcome.proposals:
        for problem in problems:
            print(f"handbook evidence: {problem}", file=sys.stderr)
        for r in outcome.unmapped:
            print(f"handbook evidence: {r.file}: no checklist item maps to any check of {r.label}", file=sys.stderr)
        for r in outcome.undecided:
            print(f"handbook evidence: {r.file}: {r.label} decided nothing for the mapped checks "
                  "(skipped, INFO or could not run)", file=sys.stderr)
        for u in outcome.uncovered:
            print(f"handbook evidence: {u.report.file}: {u.report.label} is benchmark {u.report.version or 'unknown'}; "
                  f"the rules were checked against {', '.join(u.versions)}", file=sys.stderr)
        print(f"handbook evidence: nothing to propose; {out} was not written", file=sys.stderr)
        return 1
    prefix = handbook.variant.file.prefix if handbook.variant else ""
    try:
        write_atomically(out, record_json(answers_record(handbook, outcome, team, prefix)))
    except OSError as exc:
        print(f"handbook evidence: cannot write {out} ({exc.strerror})", file=sys.stderr)
        return 1
    for problem in problems:
        print(f"handbook evidence: {problem}", file=sys.stderr)
    sys.stdout.write(summary(reports, outcome, problems, out))
    return 0


def render_schemas() -> dict[str, str]:
    """File name -> JSON text, generated from the models in macros.model."""
    from macros.model import FILE_MODELS

    out = {}
    for kind, model in FILE_MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"Cloud Native Maturity Handbook: {kind} file"
        out[f"{kind}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return out


def _schemas(check: bool) -> int:
    stale = []
    for name, text in render_schemas().items():
        path = SCHEMA_DIR / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if check:
            stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        print(f"out of date: {', '.join(stale)}; run `handbook schemas`", file=sys.stderr)
        return 1
    if check:
        print("schemas are up to date")
    return 0


def _message_keys(data_dir: Path, check: bool) -> int:
    """macros/message-keys.txt from the code in macros/ (macros/messagekeys.py says how it is found)."""
    from macros.messagekeys import KEYS_FILE, english_catalogue, render_keys, scan

    english = english_catalogue(data_dir)
    found = scan(Path(__file__).parent, english)
    unknown = found.unknown(english)
    for problem in unknown:
        print(f"handbook message-keys: {problem}", file=sys.stderr)
    text = render_keys(found.used(english))
    current = KEYS_FILE.read_text(encoding="utf-8") if KEYS_FILE.exists() else None
    if check:
        if current != text:
            print(f"out of date: {KEYS_FILE.name}; run `handbook message-keys`", file=sys.stderr)
            return 1
        print("the list of message keys is up to date")
    elif current != text:
        KEYS_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {KEYS_FILE}")
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main())
