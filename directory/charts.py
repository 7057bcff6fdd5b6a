"""Server-rendered SVG charts: no JavaScript, readable by screen readers through the title and
description, and always shown beside a table of the same figures."""

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 36, 16, 40
SERIES_STYLES = ("#1d70b8", "#00703c", "#d4351c")


def line_chart(points, series, title, description, chart_id="trend-chart"):
    """points: [(date, value, value, ...)]; series: the label of each value (percentages)."""
    if not points:
        return ""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(points)

    def x(i):
        return LEFT + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)

    def y(value):
        return TOP + plot_h * (1 - (value or 0) / 100)

    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#b1b4b6" stroke-width="1"/>'
        '<text x="{}" y="{}" font-size="12" text-anchor="end" fill="#0b0c0c">{}%</text>',
        ((LEFT, WIDTH - RIGHT, y(v), y(v), LEFT - 6, y(v) + 4, v) for v in (0, 25, 50, 75, 100)),
    )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="#0b0c0c">{}</text>',
        (
            (x(i), HEIGHT - 16, date_format(p[0], "j M"))
            for i, p in enumerate(points)
            if count <= 8 or i in (0, count - 1)
        ),
    )
    lines = format_html_join(
        "",
        '<polyline fill="none" stroke="{}" stroke-width="3" points="{}"/>'
        '<text x="{}" y="{}" font-size="12" fill="{}">{}</text>',
        (
            (
                SERIES_STYLES[s],
                " ".join(f"{x(i):.1f},{y(p[s + 1]):.1f}" for i, p in enumerate(points)),
                LEFT + 8 + 150 * s,
                TOP + 12,
                SERIES_STYLES[s],
                label,
            )
            for s, label in enumerate(series)
        ),
    )
    # A mark on each day's figure: with one day recorded there is no line to draw yet.
    marks = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="4" fill="{}"/>',
        (
            (f"{x(i):.1f}", f"{y(p[s + 1]):.1f}", SERIES_STYLES[s])
            for s in range(len(series))
            for i, p in enumerate(points)
        ),
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>'
        '<desc id="{}-desc">{}</desc>{}{}{}{}</svg>',
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        grid,
        labels,
        lines,
        marks,
    )
