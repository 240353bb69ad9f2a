"""The cost curve as an inline SVG: drawn at build time, readable without JavaScript, printable.

Accessible: role="img" with a <title> and <desc>, axis labels, and the numbers in a table
right after the chart for screen readers and for anyone who wants the figures. The data's
caveat (what kind of figures these are) is said wherever the chart or its numbers are: beside
the chart, in its title and description, and in the table's caption.
"""

from __future__ import annotations

from markupsafe import Markup

from macros.handbook import Handbook
from macros.model import CostCurveFile, CostPoint
from macros.render.markdown import fill, html_text, joined

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 36, 62
SERIES = (
    ("legacy", "Legacy estate", "#6b6b6b", "6 4"),
    ("cloud_native", "Cloud native estate", "#3f51b5", ""),
    ("total", "Total", "#000000", "2 3"),
)


def _value(point: CostPoint, key: str) -> float:
    return point.legacy + point.cloud_native if key == "total" else getattr(point, key)


def render_cost_chart(handbook: Handbook, highlight_level: str | None = None, chart_id: str = "cost-chart") -> Markup:
    curve = handbook.cost_curve
    if curve is None:
        return Markup()
    points = curve.points
    top_value = max(_value(p, "total") for p in points)
    y_max = max(20, int((top_value + 19) // 20 * 20))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + plot_w * i / (len(points) - 1)

    def y(v: float) -> float:
        return TOP + plot_h * (1 - v / y_max)

    parts = [
        fill('<svg class="hb-chart" id="{0}" viewBox="0 0 {1} {2}" role="img" '
               'aria-labelledby="{0}-title {0}-desc" xmlns="http://www.w3.org/2000/svg">', chart_id, WIDTH, HEIGHT),
        fill('<title id="{}-title">{} ({})</title>', chart_id, html_text(curve.title), html_text(curve.caveat)),
        fill('<desc id="{}-desc">{} {}</desc>', chart_id, html_text(curve.caveat), html_text(curve.description)),
    ]
    # Level bands behind the lines, labelled at the top.
    for lv in handbook.levels:
        indexes = [i for i, p in enumerate(points) if p.level == lv.id]
        if not indexes:
            continue
        start = x(indexes[0]) - (plot_w / (len(points) - 1) / 2 if indexes[0] else 0)
        end = x(indexes[-1]) + (plot_w / (len(points) - 1) / 2 if indexes[-1] < len(points) - 1 else 0)
        shade = "#dfe3f6" if lv.id == highlight_level else ("#f3f3f3" if lv.number % 2 else "#fafafa")
        parts.append(fill('<rect x="{:.1f}" y="{}" width="{:.1f}" height="{}" fill="{}"/>',
            start, TOP, end - start, plot_h, shade))
        parts.append(fill('<text x="{:.1f}" y="{}" text-anchor="middle" font-size="12">{} {}</text>',
            (start + end) / 2, TOP - 8, lv.number, html_text(lv.name)))
    # Axes, grid and ticks.
    for step in range(0, y_max + 1, 20):
        parts.append(fill('<line x1="{0}" x2="{1}" y1="{2:.1f}" y2="{2:.1f}" stroke="#cccccc" stroke-width="0.5"/>',
            LEFT, WIDTH - RIGHT, y(step)))
        parts.append(fill('<text x="{}" y="{:.1f}" text-anchor="end" font-size="11">{}</text>', LEFT - 6, y(step) + 4, step))
    for i, p in enumerate(points):
        parts.append(fill('<text x="{:.1f}" y="{}" text-anchor="middle" font-size="11">{}</text>',
            x(i), TOP + plot_h + 16, html_text(p.label)))
    parts.append(fill('<line x1="{0}" x2="{0}" y1="{1}" y2="{2}" stroke="#000"/>', LEFT, TOP, TOP + plot_h))
    parts.append(fill('<line x1="{0}" x2="{1}" y1="{2}" y2="{2}" stroke="#000"/>',
        LEFT, WIDTH - RIGHT, TOP + plot_h))
    parts.append(fill('<text x="{:.1f}" y="{}" text-anchor="middle" font-size="12">{}</text>',
        LEFT + plot_w / 2, HEIGHT - 26, html_text(curve.x_label)))
    parts.append(fill('<text x="16" y="{0:.1f}" text-anchor="middle" font-size="12" '
                        'transform="rotate(-90 16 {0:.1f})">{1}</text>', TOP + plot_h / 2, html_text(curve.y_label)))
    # The series, then the legend.
    for key, label, colour, dash in SERIES:
        coords = " ".join(f"{x(i):.1f},{y(_value(p, key)):.1f}" for i, p in enumerate(points))  # numbers only
        parts.append(fill('<polyline fill="none" stroke="{}" stroke-width="2.5"{} points="{}"><title>{}</title></polyline>',
            colour, _dashes(dash), coords, label))
    legend_x = LEFT
    for _key, label, colour, dash in SERIES:
        parts.append(fill('<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2.5"{}/>',
            legend_x, legend_x + 28, HEIGHT - 8, HEIGHT - 8, colour, _dashes(dash)))
        parts.append(fill('<text x="{}" y="{}" font-size="12">{}</text>', legend_x + 34, HEIGHT - 4, label))
        legend_x += 60 + 7 * len(label)
    parts.append(Markup("</svg>"))
    svg = Markup().join(parts)
    caveat = html_text(curve.caveat)
    return (fill('<p class="hb-caveat"><strong>{}</strong></p>\n\n', caveat)
            + fill('<figure class="hb-figure">\n{}\n<figcaption>{}. {}</figcaption>\n</figure>\n\n', svg, html_text(curve.title), caveat)
            + fill('<details class="hb-figures">\n<summary>The figures behind the chart</summary>\n{}\n</details>', _figures(handbook, curve)))


def _figures(handbook: Handbook, curve: CostCurveFile) -> Markup:
    """An HTML table, so that it can carry a <caption> with the caveat."""
    head = joined("", [fill("<th>{}</th>", h) for h in (html_text(curve.x_label), Markup("Level"), Markup("Legacy"),
                                                          Markup("Cloud native"), Markup("Total"))])
    rows = joined("", [
        fill("<tr><td>{}</td><td>{}</td><td>{:g}</td><td>{:g}</td><td>{:g}</td></tr>",
             html_text(p.label), html_text(handbook.level(p.level).name), p.legacy, p.cloud_native, _value(p, "total"))
        for p in curve.points])
    return fill("<table><caption>{}: {}</caption><thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
                html_text(curve.title), html_text(curve.caveat), head, rows)


def _dashes(dash: str) -> Markup:
    return fill(' stroke-dasharray="{}"', dash) if dash else Markup()
