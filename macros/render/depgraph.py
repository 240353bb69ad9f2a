"""A level's practice dependencies as an inline SVG, drawn at build time.

Columns are dimensions and bands are levels: the bottom band holds the level's own practices,
the bands above it the lower-level practices they build on directly. An arrow runs from a
practice to each practice that builds on it. No script, no font or file from elsewhere,
black-and-white safe (a lower-level practice has a grey, dashed box), whole-number coordinates
so the same data gives the same bytes. The same content follows as a list, for screen readers
and for anyone who prefers text.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from macros.handbook import Handbook, PlacedPractice
from macros.pages import cell_uri, level_title
from macros.render.markdown import Links, fill, html_text, joined, text

LANE_W = 148  # one lane of boxes; the dimension with the tallest column gets a second lane
MARGIN = 12  # right of the last lane, where its brackets bulge (see _routes)
BOX_W = LANE_W - 14
FONT = 12  # px in the viewBox: about 9.5 px on A4 paper, where the 900-unit picture is ~720 px wide
LINE_H = 15
CHARS_PER_LINE = 20  # what fits in BOX_W at FONT in a common sans-serif
MAX_LINES = 4  # a longer title is cut with an ellipsis; the full one is the box's tooltip
ROW_GAP = 12
BAND_HEAD = 30
TOP = 56  # room for the column headings and the key


@dataclass(frozen=True)
class _Box:
    placed: PlacedPractice
    x: int
    y: int
    h: int
    own: bool  # a practice of the level itself (else a lower-level prerequisite)


@dataclass(frozen=True)
class _Picture:
    boxes: list[_Box]
    bands: list[tuple[int, str]]  # top and label of each level band
    columns: list[tuple[int, int, str]]  # left, width and name of each dimension column
    width: int
    height: int


def shown_practices(handbook: Handbook, level_id: str) -> tuple[list[PlacedPractice], list[PlacedPractice]]:
    """(the level's practices, the lower-level practices they require directly), in display order."""
    own = handbook.practices_where(level=level_id)
    needed = {r for pp in own for r in pp.practice.requires}
    lower = [pp for pp in handbook.practices if pp.practice.id in needed and pp.level.id != level_id]
    return own, lower


def edges(handbook: Handbook, level_id: str) -> list[tuple[PlacedPractice, PlacedPractice]]:
    """(prerequisite, practice that builds on it) for every requires entry of the level's practices."""
    own, _ = shown_practices(handbook, level_id)
    return [(handbook.practice(r), pp) for pp in own for r in pp.practice.requires]


def _wrap(title: str) -> list[str]:
    """The title in lines of at most CHARS_PER_LINE characters; a cut title ends with an ellipsis."""
    lines: list[str] = []
    for word in title.split():
        if lines and len(lines[-1]) + 1 + len(word) <= CHARS_PER_LINE:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: CHARS_PER_LINE - 1].rstrip() + "…"
    return lines


def _depth(own: list[PlacedPractice]) -> dict[str, int]:
    """Longest chain of same-level prerequisites under each practice: those go higher in a column."""
    by_id = {pp.practice.id: pp for pp in own}
    depth: dict[str, int] = {}

    def of(pid: str) -> int:
        if pid not in depth:
            depth[pid] = 0  # validation refuses cycles; this only stops a walk that would meet one
            depth[pid] = 1 + max((of(r) for r in by_id[pid].practice.requires if r in by_id), default=-1)
        return depth[pid]

    for pid in by_id:
        of(pid)
    return depth


def _lanes(handbook: Handbook, groups: dict[tuple[str, str], list[PlacedPractice]]) -> dict[str, int]:
    """One lane per dimension, and a second for the one with the most boxes in a band (technology, upstream)."""
    def most_in_a_band(dim_id: str) -> int:
        return max((len(members) for (_, dim), members in groups.items() if dim == dim_id), default=0)

    lanes = {d.id: 1 for d in handbook.dimensions}
    lanes[max(handbook.dimensions, key=lambda d: most_in_a_band(d.id)).id] = 2  # the first of equals
    return lanes


def _layout(handbook: Handbook, level_id: str) -> _Picture:
    own, lower = shown_practices(handbook, level_id)
    depth = _depth(own)
    groups: dict[tuple[str, str], list[PlacedPractice]] = {}
    for pp in lower + sorted(own, key=lambda pp: depth[pp.practice.id]):  # sorted() keeps display order among equals
        groups.setdefault((pp.level.id, pp.dimension.id), []).append(pp)
    lanes = _lanes(handbook, groups)
    columns, left = [], 0
    for dim in handbook.dimensions:
        columns.append((left, lanes[dim.id] * LANE_W, dim.name))
        left += lanes[dim.id] * LANE_W
    boxes: list[_Box] = []
    bands: list[tuple[int, str]] = []
    y = TOP
    for lv in handbook.levels:
        if lv.id != level_id and not any(pp.level.id == lv.id for pp in lower):
            continue
        bands.append((y, level_title(lv) + ("" if lv.id == level_id else " (prerequisites)")))
        y += BAND_HEAD
        bottom = y
        for (column_left, _, _), dim in zip(columns, handbook.dimensions):
            lane_y = [y] * lanes[dim.id]
            for i, pp in enumerate(groups.get((lv.id, dim.id), [])):
                lane = i % lanes[dim.id]
                h = len(_wrap(pp.practice.title)) * LINE_H + 10
                x = column_left + lane * LANE_W + (LANE_W - BOX_W) // 2
                boxes.append(_Box(pp, x, lane_y[lane], h, lv.id == level_id))
                lane_y[lane] += h + ROW_GAP
            bottom = max(bottom, *lane_y)
        y = bottom + 8
    return _Picture(boxes, bands, columns, left + MARGIN, y)


def _routes(boxes: list[_Box], pairs: list[tuple[PlacedPractice, PlacedPractice]]) -> list[str]:
    """The path of each arrow, from its prerequisite's box to its practice's box.

    Arrows keep to the gaps between lanes where they can, so they do not pass behind the boxes
    in between: one within a lane is a bracket in the gap on the boxes' right (a longer one
    bulges further, so brackets nest); one to the next lane in the same band crosses the gap
    between the two, side to side. Any other leaves the bottom of one box and enters the top of
    the other (a long one in a gap would merge into a solid bundle there). A box
    with several arrows on one side spreads them along it, ordered by where they lead.
    """
    by_id = {b.placed.practice.id: b for b in boxes}
    ends = [(by_id[s.practice.id], by_id[t.practice.id]) for s, t in pairs]

    def sides(a: _Box, b: _Box) -> tuple[str, str]:
        if a.x == b.x and b.y > a.y:
            return "right", "right"
        same_band = a.placed.level.id == b.placed.level.id
        if same_band and b.x - a.x == LANE_W:
            return "right", "left"
        if same_band and a.x - b.x == LANE_W:
            return "left", "right"
        return "bottom", "top"

    kinds = [sides(a, b) for a, b in ends]

    def ports(end: int) -> dict[int, tuple[int, int]]:
        """For each arrow, its place k of n along the side of the box at this end (0 source, 1 target)."""
        groups: dict[tuple[str, str], list[int]] = {}
        for i, pair in enumerate(ends):
            groups.setdefault((pair[end].placed.practice.id, kinds[i][end]), []).append(i)
        found = {}
        for members in groups.values():
            members.sort(key=lambda i: (ends[i][1 - end].y, ends[i][1 - end].x) if kinds[i][end] in ("left", "right")
                         else (ends[i][1 - end].x, ends[i][1 - end].y))
            found.update({i: (k + 1, len(members) + 1) for k, i in enumerate(members)})
        return found

    leave, enter = ports(0), ports(1)
    paths = []
    for i, (a, b) in enumerate(ends):
        (k1, n1), (k2, n2) = leave[i], enter[i]
        out, into = kinds[i]
        if out == "bottom":
            x1, y1, x2, y2 = a.x + BOX_W * k1 // n1, a.y + a.h, b.x + BOX_W * k2 // n2, b.y
            bend = max(24, abs(y2 - y1) // 2)
            paths.append(f"M{x1},{y1} C{x1},{y1 + bend} {x2},{y2 - bend} {x2},{y2}")
            continue
        x1 = a.x + (BOX_W if out == "right" else 0)
        x2 = b.x + (BOX_W if into == "right" else 0)
        y1, y2 = a.y + a.h * k1 // n1, b.y + b.h * k2 // n2
        if into == out:  # a bracket
            reach = min(6 + 3 * ((y2 - y1) // 60), MARGIN + 4)
            paths.append(f"M{x1},{y1} C{x1 + reach},{y1} {x1 + reach},{y2} {x2},{y2}")
        else:  # across the gap between two lanes
            middle = (x1 + x2) // 2
            paths.append(f"M{x1},{y1} C{middle},{y1} {middle},{y2} {x2},{y2}")
    return paths


def render_dependency_graph(handbook: Handbook, level_id: str, here: str, graph_id: str = "dependency-graph") -> Markup:
    """The picture and, after it, the same dependencies as a list."""
    picture = _layout(handbook, level_id)
    links = Links(here)
    pairs = edges(handbook, level_id)
    name = html_text(level_title(handbook.level(level_id)))
    own_count = sum(b.own for b in picture.boxes)
    parts = [
        fill('<svg class="hb-chart hb-depgraph" id="{0}" viewBox="0 0 {1} {2}" role="img" '
             'aria-labelledby="{0}-title {0}-desc" xmlns="http://www.w3.org/2000/svg" '
             'font-family="sans-serif" font-size="{3}">', graph_id, picture.width, picture.height, FONT),
        fill('<title id="{}-title">Practice dependencies at {}</title>', graph_id, name),
        fill('<desc id="{}-desc">The {} practices of {} and the {} '
             'lower-level practices they build on, in columns by dimension and bands by level, with {} arrows, '
             'each from a practice to one that builds on it. The list after the picture says the same.</desc>',
             graph_id, own_count, name, len(picture.boxes) - own_count, len(pairs)),
        fill('<defs><marker id="{}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#222"/></marker></defs>', graph_id),
        Markup('<text x="4" y="42" font-size="11">An arrow points to the practice that builds on the one it leaves. '
               'A grey, dashed box is a practice of a lower level.</text>'),
    ]
    for left, width, dim_name in picture.columns:
        parts.append(fill('<text x="{}" y="20" text-anchor="middle" font-weight="bold" font-size="13">{}</text>',
                          left + width // 2, html_text(dim_name)))
    parts += [fill('<line x1="0" x2="{0}" y1="{1}" y2="{1}" stroke="#555"/>', picture.width, top) for top, _ in picture.bands]
    # Arrows first, so boxes drawn after them hide the parts that pass behind a box. Shared
    # attributes sit on groups: the level 3 picture has 117 boxes and 88 arrows.
    parts.append(fill('<g class="hb-dep-edges" fill="none" stroke="#222" stroke-width="1.2" marker-end="url(#{}-arrow)">', graph_id))
    parts += [fill('<path d="{}"/>', d) for d in _routes(picture.boxes, pairs)]  # numbers and path commands only
    parts.append(Markup("</g>"))
    for own, style in ((True, Markup('fill="#fff"')), (False, Markup('fill="#eee" stroke-dasharray="5 3"'))):
        parts.append(fill('<g stroke="#222" {}>', style))
        parts += [fill('<rect x="{}" y="{}" width="{}" height="{}" rx="3"/>', b.x, b.y, BOX_W, b.h) for b in picture.boxes if b.own == own]
        parts.append(Markup("</g>"))
    # No links inside: a role="img" picture must not hold controls (axe: nested-interactive);
    # the list after it links every practice.
    parts.append(Markup('<g class="hb-dep-nodes" fill="#000">'))
    for box in picture.boxes:
        p = box.placed.practice
        wrapped = _wrap(p.title)
        lines = joined("", [fill('<tspan x="{}" dy="{}">{}</tspan>', box.x + 6, LINE_H, html_text(line)) if i else html_text(line)
                            for i, line in enumerate(wrapped)])
        full = fill("<title>{}</title>", html_text(p.title)) if wrapped[-1].endswith("…") else Markup()
        parts.append(fill('<text x="{}" y="{}" data-practice="{}">{}{}</text>', box.x + 6, box.y + 16, p.id, full, lines))
    parts.append(Markup("</g>"))
    # Band labels last, with a white outline so the arrows that cross them do not hide them.
    parts.append(Markup('<g font-weight="bold" stroke="#fff" stroke-width="4" paint-order="stroke">'))
    parts += [fill('<text x="4" y="{}">{}</text>', top + 19, html_text(label)) for top, label in picture.bands]
    parts.append(Markup("</g></svg>"))
    return (fill('<figure class="hb-figure hb-depgraph-figure">\n{}\n'
                 '<figcaption>Practice dependencies at {}</figcaption>\n</figure>\n\n', joined("", parts), name)
            + _as_list(handbook, level_id, links))


def _as_list(handbook: Handbook, level_id: str, links: Links) -> Markup:
    """The picture's content as nested bullets: each practice of the level and what it builds on."""
    own, _ = shown_practices(handbook, level_id)
    lines = []
    for pp in own:
        label = fill("{} ({})", practice_link(pp, links), text(pp.dimension.name))
        if not pp.practice.requires:
            lines.append(fill("- {} builds on no other practice", label))
            continue
        lines.append(fill("- {} builds on:", label))
        lines += [Markup("    - ") + practice_link(handbook.practice(r), links, context=True) for r in pp.practice.requires]
    return (Markup('<details class="hb-dep-list" markdown>\n<summary>Dependencies as a list</summary>\n\n')
            + joined("\n", lines) + Markup("\n\n</details>"))


def practice_link(pp: PlacedPractice, links: Links, context: bool = False) -> Markup:
    """A link to a practice on its cell page; with context, its level and dimension after it."""
    link = links.link(text(pp.practice.title), cell_uri(pp.level.id, pp.dimension.id), pp.practice.id)
    return fill("{} ({} · {})", link, text(pp.level.name), text(pp.dimension.name)) if context else link
