"""The benchmark's yardstick, /bench/baseline/: routed only with GROUNDWORK_BENCHMARK=1."""

from __future__ import annotations

import importlib
from contextlib import contextmanager

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, clear_url_caches, reverse

import config.urls

from .test_settings import production, read_settings

pytestmark = pytest.mark.django_db
URL = "/bench/baseline/"


@contextmanager
def benchmark(on: bool):
    """The URLconf as a process started with GROUNDWORK_BENCHMARK on (or off) builds it."""

    def rebuild() -> None:
        importlib.reload(config.urls)
        clear_url_caches()

    try:
        with override_settings(BENCHMARK=on):
            rebuild()
            yield
    finally:
        rebuild()


def test_signed_in_it_is_a_small_page_with_no_app_queries(
    athlete_client, athlete, django_assert_max_num_queries
):
    with benchmark(on=True):
        assert reverse("bench_baseline") == URL
        # The session and the user, as every signed-in page loads them; nothing else.
        with django_assert_max_num_queries(2):
            response = athlete_client.get(URL)

    assert response.status_code == 200
    assert f"Signed in as {athlete}" in response.content.decode()


def test_anonymous_is_sent_to_sign_in_like_any_other_page(client):
    with benchmark(on=True):
        response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_it_only_reads(athlete_client):
    with benchmark(on=True):
        assert athlete_client.post(URL).status_code == 405


def test_off_it_does_not_exist(athlete_client):
    with benchmark(on=False):
        response = athlete_client.get(URL)
        with pytest.raises(NoReverseMatch):
            reverse("bench_baseline")

    assert response.status_code == 404


def test_the_switch_is_off_unless_the_environment_turns_it_on():
    assert read_settings("BENCHMARK", **production())["BENCHMARK"] is False
    on = read_settings("BENCHMARK", **production(GROUNDWORK_BENCHMARK="1"))
    assert on["BENCHMARK"] is True
