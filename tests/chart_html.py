"""Read the progress page's charts back out of its HTML: the SVG's marks and the tables."""

from __future__ import annotations

from html.parser import HTMLParser


class _ChartReader(HTMLParser):
    def __init__(self, chart_id: str) -> None:
        super().__init__()
        self.chart_id = chart_id
        self.in_svg = self.in_numbers = False
        self.series = ""
        self.marks: list[dict] = []
        self.ticks: dict[str, float] = {}
        self.cells: list[dict] = []
        self.bars: list[dict] = []
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "svg" and attrs.get("data-chart") == self.chart_id:
            self.in_svg = True
        elif tag == "details" and attrs.get("data-numbers-for") == self.chart_id:
            self.in_numbers = True
        elif self.in_svg:
            if tag == "g" and "data-series" in attrs:
                self.series = attrs["data-series"]
            elif "mark" in classes:
                self.marks.append({**attrs, "series": self.series})
            elif "grid" in classes:
                self.ticks[attrs["data-tick"]] = float(attrs["y1"])
            elif "day" in classes:
                self.cells.append(attrs)
            elif "bar" in classes:
                self.bars.append(attrs)
        elif self.in_numbers:
            if tag == "tr":
                self.rows.append([])
            elif tag in {"td", "th"}:
                self.cell = []

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.in_svg = False
        elif tag == "details":
            self.in_numbers = False
        elif tag in {"td", "th"} and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def read_chart(html: str, chart_id: str) -> _ChartReader:
    reader = _ChartReader(chart_id)
    reader.feed(html)
    return reader


def marks(html: str, chart_id: str) -> list[dict]:
    return read_chart(html, chart_id).marks


def table(html: str, chart_id: str) -> list[list[str]]:
    """The rows of the chart's number table, header row first."""
    return read_chart(html, chart_id).rows
