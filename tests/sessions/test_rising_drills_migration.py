"""Migration training 0009 works out each summary's rising_drills from the drill_pains it
kept, so the dashboard shows a rising trend that was logged before the migration."""

from __future__ import annotations

import pytest

from tests.sessions.test_migration import migrate, migrate_to_latest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("training", "0008_remove_carried_over_columns")]
AFTER = [("training", "0009_logsummary_rising_drills")]


def test_summaries_get_their_rising_drills_from_the_ratings_they_kept():
    apps = migrate(BEFORE)
    User = apps.get_model("accounts", "User")
    LogSummary = apps.get_model("training", "LogSummary")
    rising, flat = (User.objects.create(username=name) for name in ("rising", "flat"))
    LogSummary.objects.create(
        athlete=rising,
        drill_pains={
            "4": [["2026-06-01T08:00:00.000000+00:00", 2], ["2026-06-03T08:00:00.000000+00:00", 3],
                  ["2026-06-05T08:00:00.000000+00:00", 4]],
            "5": [["2026-06-01T08:00:00.000000+00:00", 1], ["2026-06-03T08:00:00.000000+00:00", 2],
                  ["2026-06-05T08:00:00.000000+00:00", 3]],  # rising, all of it safe
            "6": [["2026-06-05T08:00:00.000000+00:00", 9]],
        },
    )  # fmt: skip
    LogSummary.objects.create(athlete=flat, drill_pains={})
    try:
        apps = migrate(AFTER)
        LogSummary = apps.get_model("training", "LogSummary")
        summaries = dict(LogSummary.objects.values_list("athlete__username", "rising_drills"))
        assert summaries == {
            "rising": [[4, "2026-06-05T08:00:00.000000+00:00", [2, 3, 4]]],
            "flat": [],
        }
    finally:
        migrate_to_latest()
