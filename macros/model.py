"""The typed shape of every data file.

These models are the single source of truth for the format: the loader validates each file
against them, and ``handbook schemas`` writes the JSON Schemas editors use from them. They
check one file at a time; references between files are checked in ``macros.crosscheck``.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, StringConstraints, ValidationInfo, field_validator

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# Names become page titles, which mkdocs-macros renders as Jinja and Material's <title>
# un-escapes: escaping is not enough, so these characters are refused outright.
PLAIN_TEXT_PATTERN = r"^[^<>&{}]+$"
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S+)", re.M)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)  # as macros/render/markdown.py reads code spans
_AUTOLINK = re.compile(r"<\s*([a-z][a-z0-9+.\s-]*):", re.I)
# href="javascript:..." and the like; spaces and tabs inside the scheme are ignored by browsers.
_SCRIPT_ATTRIBUTE = re.compile(r"=\s*[\"']?\s*(j\s*a\s*v\s*a|v\s*b)\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.I)
_ALLOWED_SCHEMES = ("http", "https", "mailto")


def _checked_markdown(text: str) -> str:
    """Markdown prose may link only to http(s) and mailto addresses.

    Only places that become links are checked: link targets, autolinks and raw HTML
    attributes. Inline code is text, so "reject `javascript:` URLs" is allowed.
    """
    if "]" not in text and "<" not in text and "=" not in text:
        return text  # no link target, autolink or attribute can be in it (most of the 6,700 texts)
    outside_code = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)
    for match in _LINK_TARGET.finditer(outside_code):
        target = match.group(1) or match.group(2) or ""
        scheme = _SCHEME.match(target)
        # Relative targets would break: the same text is shown on pages at different depths.
        if not scheme or scheme.group(1).lower() not in _ALLOWED_SCHEMES:
            raise ValueError(f"link target {target!r} is not allowed; links in data must be http(s) addresses"
                             + (" (javascript: links run code)" if scheme and "script" in scheme.group(1).lower() else ""))
    for match in _AUTOLINK.finditer(outside_code):
        autolink = re.sub(r"\s", "", match.group(1)).lower()
        if autolink not in _ALLOWED_SCHEMES:
            raise ValueError(f"autolink <{autolink}:...> is not allowed; links in data must be http(s) addresses")
    if _SCRIPT_ATTRIBUTE.search(outside_code):
        raise ValueError("a javascript: or vbscript: address in an HTML attribute is not allowed; "
                         "write it in backticks if the text is about it")
    return text


def _checked_url(url: str) -> str:
    if not re.match(r"^https?://[^\s<>\"'{}]+$", url):
        raise ValueError(f"expected an http:// or https:// address, found {url!r}")
    return url


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
PlainText = Annotated[str, StringConstraints(pattern=PLAIN_TEXT_PATTERN, strip_whitespace=True, min_length=1)]
Markdown = Annotated[str, StringConstraints(min_length=1), AfterValidator(_checked_markdown)]
Url = Annotated[str, AfterValidator(_checked_url)]
LevelNumber = Annotated[StrictInt, Field(ge=1, le=9)]
# A BCP 47 tag as mkdocs-material knows them: "de", "pt-BR", "zh-Hant".
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")]


class Strict(BaseModel):
    """Unknown fields are typos: refuse them. Loaded data never changes afterwards."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# ---- model.yml -------------------------------------------------------------


class Source(Strict):
    name: PlainText
    publisher: PlainText
    url: Url
    repository: Url
    licence: PlainText
    licence_url: Url
    model_version: PlainText


class AssessmentSettings(Strict):
    # A level counts as reached in a dimension when this share (percent) of its applicable items is done.
    threshold: Annotated[StrictInt, Field(ge=1, le=100)] = 80
    # An answer older than this many months asks to be re-validated (items may set their own).
    answer_ttl_months: Annotated[StrictInt, Field(ge=1, le=120)] = 12


class EffortSize(Strict):
    """One step of the effort scale practices are sized on (a variant may redefine the scale)."""

    id: Slug
    label: PlainText
    person_weeks: Annotated[int | float, Field(gt=0, le=520)]  # the planning value of this size
    description: PlainText


class DepthRules(Strict):
    """What a fully written level must have (`handbook stats` reports the gaps)."""

    practices_per_cell: Annotated[StrictInt, Field(ge=0)] = 4  # a dimension's min_practices overrides it
    steps_per_practice: Annotated[StrictInt, Field(ge=0)] = 3
    items_per_practice: Annotated[StrictInt, Field(ge=0)] = 2
    min_moves: Annotated[StrictInt, Field(ge=0)] = 5  # moves to the next level
    max_moves: Annotated[StrictInt, Field(ge=0)] = 10


class ModelFile(Strict):
    name: PlainText
    data_version: PlainText
    description: Markdown
    source: Source
    assessment: AssessmentSettings = AssessmentSettings()
    effort_scale: tuple[EffortSize, ...] = Field(min_length=1)
    depth: DepthRules = DepthRules()
    levels: tuple[Slug, ...] = Field(min_length=1)
    dimensions: tuple[Slug, ...] = Field(min_length=1)


# ---- dimensions.yml --------------------------------------------------------


class Area(Strict):
    id: Slug
    name: PlainText
    summary: Markdown
    # The levels at which the model speaks of this area (empty: every level).
    levels: tuple[Slug, ...] = ()
    # True for an area the handbook adds beside the model's own; the pages label it as such.
    handbook_addition: StrictBool = False


class Dimension(Strict):
    id: Slug
    name: PlainText
    short: Slug
    purpose: Markdown
    areas: tuple[Area, ...] = Field(min_length=1)
    min_practices: Annotated[StrictInt, Field(ge=0)] | None = None  # depth rule for its cells, if not model.yml's


class DimensionsFile(Strict):
    dimensions: tuple[Dimension, ...] = Field(min_length=1)


# ---- levels/<level>/level.yml ----------------------------------------------


class Cost(Strict):
    summary: Markdown
    points: tuple[Markdown, ...] = ()


class Move(Strict):
    """One move of a transition playbook: from this level to the next."""

    id: Slug
    title: PlainText
    why: Markdown
    practices: tuple[Slug, ...] = Field(min_length=1)  # practices of the next level it depends on
    leads: tuple[Slug, ...] = Field(min_length=1)  # role ids
    exit_criteria: tuple[Markdown, ...] = Field(min_length=1)


class Transition(Strict):
    summary: Markdown
    moves: tuple[Move, ...] = Field(min_length=1)


class Staffing(Strict):
    """Team plan: by this level, how many people in a role hold a certification."""

    role: Slug
    certification: Slug
    holders: Literal["all"] | Annotated[StrictInt, Field(ge=1)]
    note: Markdown | None = None
    # Why the certification is planned before its recommended levels (required then; shown on the page).
    certification_note: Markdown | None = None


class LevelFile(Strict):
    id: Slug
    number: LevelNumber
    name: PlainText
    theme: Markdown
    summary: Markdown
    business_outcomes: tuple[Markdown, ...] = ()
    cost: Cost | None = None
    pitfalls: tuple[Markdown, ...] = ()
    next_level: Transition | None = None
    staffing: tuple[Staffing, ...] = ()


# ---- cost-curve.yml --------------------------------------------------------


class CostPoint(Strict):
    label: PlainText
    level: Slug
    legacy: Annotated[int | float, Field(ge=0, le=1000)]
    cloud_native: Annotated[int | float, Field(ge=0, le=1000)]


class CostCurveFile(Strict):
    """Relative cost of the legacy and cloud native estates over time, drawn as a chart."""

    title: PlainText
    # What kind of figures these are (for example "Illustrative shape, not a forecast or measured
    # data"): shown beside the chart, in its text alternative and in the caption of its table.
    caveat: PlainText
    description: Markdown
    x_label: PlainText
    y_label: PlainText
    points: tuple[CostPoint, ...] = Field(min_length=2)
    shown_on: Slug | None = None  # a dimension whose cell pages show the chart too (level pages always do)


# ---- levels/<level>/<dimension>.yml ----------------------------------------


class Kpi(Strict):
    name: PlainText
    measure: Markdown
    target: Markdown


class Reference(Strict):
    title: PlainText
    url: Url


# The checks OpenSSF Scorecard runs, by the names its JSON output gives them (docs/checks.md
# in ossf/scorecard): a rule naming another check could never match a report.
SCORECARD_CHECKS = (
    "Binary-Artifacts", "Branch-Protection", "CI-Tests", "CII-Best-Practices", "Code-Review",
    "Contributors", "Dangerous-Workflow", "Dependency-Update-Tool", "Fuzzing", "License", "Maintained",
    "Packaging", "Pinned-Dependencies", "SAST", "SBOM", "Security-Policy", "Signed-Releases",
    "Token-Permissions", "Vulnerabilities", "Webhooks",
)
EVIDENCE_SOURCES = ("policy-report", "scorecard", "kube-bench")
CIS_ID = re.compile(r"^\d+(\.\d+)+$")  # kube-bench numbers checks as the CIS Benchmark does: 1.2.16
# A kube-bench benchmark version as reports name it: cis-1.10, eks-1.5.0, rke2-cis-1.7, ...
BENCHMARK_PATTERN = r"^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*-\d+(\.\d+){0,2}$"
CheckName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class EvidenceRule(Strict):
    """A report a tool already writes that can prove a checklist item (or part of it).

    ``check`` names a policy (policy-report), a Scorecard check (scorecard) or one or more CIS
    Benchmark ids (kube-bench). A result counts as passing when the policy's results pass, when
    the Scorecard score is at least ``min_score``, or when kube-bench reports PASS.
    """

    source: Literal["policy-report", "scorecard", "kube-bench"]
    check: CheckName | tuple[CheckName, ...]
    rule: CheckName | None = None  # policy-report only: one rule of the policy
    # scorecard only (scores run 0 to 10). Checked even when missing: a scorecard rule needs one.
    min_score: Annotated[StrictInt, Field(ge=0, le=10)] | None = Field(default=None, validate_default=True)
    # kube-bench only: the benchmark versions whose numbering the ids were checked against.
    benchmarks: tuple[Annotated[str, StringConstraints(pattern=BENCHMARK_PATTERN)], ...] = Field(
        default=(), validate_default=True)
    other_benchmarks: StrictBool = False  # kube-bench: a report of another version may match too
    proves: PlainText  # which part of the item the check proves

    @property
    def checks(self) -> tuple[str, ...]:
        return self.check if isinstance(self.check, tuple) else (self.check,)

    # Each check names the field it is about, so a problem points at that line of the data.
    @field_validator("check")
    @classmethod
    def _check_fits_source(cls, check: str | tuple[str, ...], info: ValidationInfo) -> str | tuple[str, ...]:
        source = info.data.get("source")
        checks = check if isinstance(check, tuple) else (check,)
        if not checks:
            raise ValueError("names no check; expected at least one")
        if len(checks) > 1 and source != "kube-bench":
            raise ValueError("only kube-bench rules may list several checks; write one rule per policy or Scorecard check")
        unknown = [c for c in checks if c not in SCORECARD_CHECKS]
        if source == "scorecard" and unknown:
            raise ValueError(f"unknown Scorecard check {unknown[0]!r}; expected one of {', '.join(SCORECARD_CHECKS)}")
        bad = [c for c in checks if not CIS_ID.match(c)]
        if source == "kube-bench" and bad:
            raise ValueError(f"{bad[0]!r} is not a CIS Benchmark id; expected numbers such as 1.2.16")
        return check

    @field_validator("rule")
    @classmethod
    def _rule_fits_source(cls, rule: str | None, info: ValidationInfo) -> str | None:
        if rule is not None and info.data.get("source") not in (None, "policy-report"):
            raise ValueError("rule is for policy-report rules only")
        return rule

    @field_validator("min_score")
    @classmethod
    def _min_score_fits_source(cls, score: int | None, info: ValidationInfo) -> int | None:
        source = info.data.get("source")
        if source == "scorecard" and score is None:
            raise ValueError("a scorecard rule needs min_score (0 to 10): the lowest score that passes")
        if source not in (None, "scorecard") and score is not None:
            raise ValueError("min_score is for scorecard rules only")
        return score

    @field_validator("benchmarks")
    @classmethod
    def _benchmarks_fit_source(cls, benchmarks: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        source = info.data.get("source")
        if source == "kube-bench" and not benchmarks:
            raise ValueError("a kube-bench rule needs benchmarks: the versions its ids were checked against, e.g. [cis-1.10]")
        if source not in (None, "kube-bench") and benchmarks:
            raise ValueError("benchmarks is for kube-bench rules only")
        return benchmarks

    @field_validator("other_benchmarks")
    @classmethod
    def _other_benchmarks_fit_source(cls, other: bool, info: ValidationInfo) -> bool:
        if other and info.data.get("source") not in (None, "kube-bench"):
            raise ValueError("other_benchmarks is for kube-bench rules only")
        return other


class ChecklistItem(Strict):
    id: Slug
    text: Markdown
    done_looks_like: Markdown
    roles: tuple[Slug, ...] = Field(min_length=1)
    priority: Literal["high", "medium", "low"]
    ttl_months: Annotated[StrictInt, Field(ge=1, le=120)] | None = None  # overrides the model's answer_ttl_months
    evidence: tuple[EvidenceRule, ...] = ()  # reports that can prove the item (handbook evidence)


class Practice(Strict):
    id: Slug
    area: Slug
    title: PlainText
    why: Markdown
    steps: tuple[Markdown, ...] = Field(min_length=1)
    owners: tuple[Slug, ...] = Field(min_length=1)
    contributors: tuple[Slug, ...] = ()
    # At least two: one item is a yes/no question, not a checklist (docs/data-format.md).
    checklist: tuple[ChecklistItem, ...] = Field(min_length=2)
    kpis: tuple[Kpi, ...] = ()
    evidence: tuple[Markdown, ...] = ()
    pitfalls: tuple[Markdown, ...] = ()
    tools: tuple[Slug, ...] = ()
    certifications: tuple[Slug, ...] = ()
    # Why a certification is attached before its recommended levels, by certification id (shown on the page).
    certification_notes: dict[Slug, Markdown] = Field(default_factory=dict)
    references: tuple[Reference, ...] = ()
    effort: Slug  # an id of model.yml's effort_scale: how big the practice is to put in place
    requires: tuple[Slug, ...] = ()  # practices this one builds on (same or lower level, any dimension)


class CellFile(Strict):
    level: Slug
    dimension: Slug
    summary: Markdown
    practices: tuple[Practice, ...] = ()


# ---- roles.yml -------------------------------------------------------------


class Role(Strict):
    id: Slug
    name: PlainText
    who: Markdown
    owns: Markdown
    focus: dict[Slug, Markdown] = Field(default_factory=dict)
    watches: tuple[PlainText, ...] = ()
    certifications: tuple[Slug, ...] = ()
    pitfalls: tuple[Markdown, ...] = ()
    # For someone new in the role: the first 30 days, per level.
    first_30_days: dict[Slug, tuple[Markdown, ...]] = Field(default_factory=dict)
    # A level at which the role deliberately owns nothing, and why.
    absent_levels: dict[Slug, Markdown] = Field(default_factory=dict)


class RolesFile(Strict):
    roles: tuple[Role, ...] = Field(min_length=1)


# ---- projects.yml ----------------------------------------------------------

ProjectStatus = Literal["graduated", "incubating", "sandbox", "kubernetes-subproject", "not-cncf"]


class Project(Strict):
    id: Slug
    name: PlainText
    cncf_status: ProjectStatus
    # Who hosts a project outside the CNCF, and at what stage (required with cncf_status: not-cncf).
    foundation: PlainText | None = None
    # Levels at which the maturity model itself names this project. Only there may a sandbox project
    # appear before level 4, or a project from outside the CNCF appear at all.
    named_by_model: tuple[Slug, ...] = ()
    category: PlainText
    homepage: Url
    use: PlainText


class ProjectsFile(Strict):
    as_of: PlainText
    projects: tuple[Project, ...] = Field(min_length=1)


# ---- certifications/<id>.yml -----------------------------------------------


class Domain(Strict):
    # Official curriculum wording, kept verbatim (it may contain "&"); escaped on output.
    name: Annotated[str, StringConstraints(min_length=1)]
    weight: Annotated[StrictInt, Field(ge=1, le=100)]
    competencies: tuple[Annotated[str, StringConstraints(min_length=1)], ...] = ()


class StudyPlan(Strict):
    weeks: Annotated[StrictInt, Field(ge=1, le=52)]
    hours_per_week: Annotated[StrictInt, Field(ge=1, le=40)]


class Lab(Strict):
    """A hands-on exercise for one official competency, on a local cluster."""

    competency: Annotated[str, StringConstraints(min_length=1)]  # exactly as in the curriculum
    title: PlainText
    setup: Markdown | None = None
    steps: tuple[Markdown, ...] = Field(min_length=1)
    check: tuple[Markdown, ...] = Field(min_length=1)


class ExamSource(Strict):
    title: PlainText
    url: Url


class Exam(Strict):
    """Facts about the exam itself, all from the one page named in `source`.

    Curricula state domains and weights only; format, prerequisites and any figure (duration,
    pass mark, tasks, validity) come from the exam provider's page, and only with that page named.
    Prose elsewhere in the file refers here instead of repeating them (a rule in
    macros.crosscheck refuses exam figures outside this block).
    """

    performance_based: StrictBool  # true: hands-on tasks at a command line; false: multiple choice
    prerequisites: PlainText | None = None
    duration_minutes: Annotated[StrictInt, Field(ge=1, le=600)] | None = None
    pass_mark_percent: Annotated[StrictInt, Field(ge=1, le=100)] | None = None
    tasks: PlainText | None = None  # e.g. "15 to 20"
    validity_months: Annotated[StrictInt, Field(ge=1, le=120)] | None = None
    source: ExamSource


class CertificationFile(Strict):
    id: Slug
    name: PlainText
    abbreviation: PlainText
    curriculum_version: PlainText
    exam: Exam
    audience: PlainText | None = None
    source: PlainText  # the curriculum document the domains, weights and competencies come from
    summary: Markdown
    recommended_levels: tuple[Slug, ...] = ()
    recommended_roles: tuple[Slug, ...] = ()
    domains: tuple[Domain, ...] = Field(min_length=1)
    notes: Markdown | None = None
    study_plan: StudyPlan | None = None
    labs: tuple[Lab, ...] = ()
    readiness: tuple[ChecklistItem, ...] = ()


# ---- variant.yml (an organisation's overlay) --------------------------------

HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"


class VariantSite(Strict):
    name: PlainText | None = None  # replaces the handbook's name everywhere
    logo: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+\.(svg|png)$")] | None = None  # a file beside variant.yml
    primary_colour: Annotated[str, StringConstraints(pattern=HEX_COLOUR)] | None = None
    footer_note: PlainText | None = None


class BasedOn(Strict):
    """The upstream a variant was last reviewed against (written by new-variant and rebase)."""

    data_version: PlainText
    files: dict[str, Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]] = Field(default_factory=dict)  # sha256 of each upstream file


class VariantFile(Strict):
    name: PlainText  # the organisation, e.g. "ACME Corp"
    prefix: Slug  # ids the variant adds start with "<prefix>-"
    language: Language = "en"  # the catalogue of engine labels (messages/<language>.yml) and the theme's language
    revision: PlainText | None = None  # shown in the footer, PDFs and exports; else `git describe` of a variant checkout
    site: VariantSite = VariantSite()
    remove: tuple[Slug, ...] = ()
    based_on: BasedOn | None = None


# ---- messages/<language>.yml (the engine's labels in one language) -------------

MESSAGE_KEY_PATTERN = r"^[a-z0-9_]+(\.[a-z0-9_]+)+$"
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def placeholders(message: str) -> set[str]:
    """The named placeholders of a message: "Level {number}: {name}" -> {"number", "name"}."""
    return set(PLACEHOLDER.findall(message))


def _checked_message(message: str) -> str:
    """Labels also become page titles and nav entries (see PLAIN_TEXT_PATTERN): no < > & and
    braces only around a placeholder name; inline Markdown (emphasis, code) is allowed."""
    if re.search(r"[<>&{}]", PLACEHOLDER.sub("", message)):
        raise ValueError("expected text without < > & characters, and { } only around a placeholder such as {level}, "
                         f"found {message!r}")
    return _checked_markdown(message)


MessageKey = Annotated[str, StringConstraints(pattern=MESSAGE_KEY_PATTERN)]
MessageText = Annotated[str, StringConstraints(min_length=1), AfterValidator(_checked_message)]


class MessagesFile(Strict):
    """Every label the engine writes, in one language; keys are those of data/messages/en.yml."""

    language: Language
    messages: dict[MessageKey, MessageText] = Field(min_length=1)


# Which model validates which file, and the schema file name editors point at.
FILE_MODELS: dict[str, type[Strict]] = {
    "model": ModelFile,
    "dimensions": DimensionsFile,
    "level": LevelFile,
    "cell": CellFile,
    "roles": RolesFile,
    "projects": ProjectsFile,
    "certification": CertificationFile,
    "cost-curve": CostCurveFile,
    "variant": VariantFile,
    "messages": MessagesFile,
}
