"""The history's filter fields, drawn in Python (sessions.history.draw_widget), say what
Django's own widget templates say."""

from __future__ import annotations

import pytest

from sessions.forms import HistoryFilterForm
from sessions.history import draw_widget

pytestmark = pytest.mark.django_db


def lines(html: str) -> list[str]:
    # Django's option template ends in a newline: blank lines between options, not shown.
    return [line for line in str(html).splitlines() if line.strip()]


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"date_from": "2026-03-01"},
        {"date_from": "2026-05-02", "date_to": "2026-05-01"},  # refused: aria-invalid
        {"date_from": "not a date", "drill": "no-such-drill"},
        {"drill": "toe-raises", "date_to": '2026-01-01"><script>'},
    ],
)
def test_each_filter_field_is_drawn_as_django_draws_it(drills, data):
    filters = HistoryFilterForm(data)
    filters.is_valid()
    for field in filters:
        assert lines(draw_widget(field)) == lines(str(field)), field.name


def test_the_chosen_drill_is_selected(drills):
    filters = HistoryFilterForm({"drill": drills[1].slug})
    html = str(draw_widget(filters["drill"]))
    assert f'<option value="{drills[1].slug}" selected>' in html
    assert '<option value="">Any drill</option>' in html
