"""sessions.markup: format_html's escaping, which the history and session pages rely on, and the
page links of the history and the dashboard."""

from __future__ import annotations

import html

import pytest
from django.core.paginator import Paginator
from django.test import RequestFactory
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from sessions.markup import escape, fill, fill_join, pagination

HOSTILE = "<script>alert('x')</script> & \"quoted\""


@pytest.mark.parametrize(
    "text", [HOSTILE, "plain words", "", "id_heel-drops-part12_left_reps", "'", "a&b", "é × <"]
)
def test_escape_gives_what_html_escape_gives(text):
    # What a person typed (a tight spot, a note) is escaped wherever it is drawn.
    assert escape(text) == html.escape(text)


@pytest.mark.parametrize("text", ["30–60 s", "“Done”", "é ✓ <b>", "足首 & 🦶", "2 → 3"])
def test_beyond_latin_1_a_character_is_drawn_as_its_reference(text):
    # The same text in the browser, and a page kept one byte a character.
    drawn = escape(text)
    assert html.unescape(drawn) == text  # what the browser shows
    assert max(drawn, default=" ") <= "\xff"  # one byte a character
    assert "<b>" not in drawn  # still escaped


def test_fill_escapes_as_format_html_does():
    template = '<a title="{}" href="{url}">{label}{badge}</a>'
    values = {"url": "/s/1/?a=1&b=2", "label": 7, "badge": mark_safe("<b>ok</b>")}
    drawn = fill(template, HOSTILE, **values)
    assert drawn == format_html(template, HOSTILE, **values)
    assert isinstance(drawn, SafeString)


def test_fill_join_joins_as_format_html_join_does():
    rows = [(HOSTILE, 1), ("plain", mark_safe("<i>safe</i>"))]
    assert fill_join("\n", "<dt>{}</dt><dd>{}</dd>", rows) == format_html_join(
        "\n", "<dt>{}</dt><dd>{}</dd>", rows
    )


def _page(count: int, number: int):
    return Paginator(range(count), 20).get_page(number)


def test_pagination_keeps_the_filters_and_escapes_them_as_querystring_does():
    """sessions.markup.pagination draws what {% querystring page=… %} linked to."""
    request = RequestFactory().get("/sessions/", {"drill": "a&b", "page": "2"})
    drawn = pagination(request, _page(60, 2), label="History pages", previous_label="Newer")
    assert '<nav aria-label="History pages">' in drawn
    assert '<a class="page-link" href="?drill=a%26b&amp;page=1">Newer</a>' in drawn
    assert '<a class="page-link" href="?drill=a%26b&amp;page=3">Next</a>' in drawn
    assert "Page 2 of 3" in drawn


def test_pagination_of_a_single_page_is_empty():
    request = RequestFactory().get("/sessions/")
    assert pagination(request, _page(5, 1), label="History pages") == ""
    last = pagination(request, _page(45, 3), label="History pages")
    assert 'href="?page=2"' in last and "Next" not in last
