"""Lighter pages: HTML gzipped, CSV streamed gzipped, static files cached for good once hashed."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.http import StreamingHttpResponse
from django.test import RequestFactory
from django.urls import reverse
from whitenoise.middleware import WhiteNoiseMiddleware

from tests.factories import EntryFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_pages_are_gzipped_for_browsers_that_ask(athlete_client, drills):
    plain = athlete_client.get(reverse("sessions:create"))
    zipped = athlete_client.get(reverse("sessions:create"), **GZIP)

    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert len(zipped.content) < len(plain.content) / 3
    # The same page (its tokens differ: each rendering gets fresh ones).
    unzipped = gzip.decompress(zipped.content).decode()
    assert unzipped.endswith("</html>\n")
    assert unzipped.count("<input") == plain.content.decode().count("<input")


def test_the_csv_export_still_streams_and_unzips_to_the_same_file(athlete_client, athlete, drills):
    session = TrainingSessionFactory(athlete=athlete)
    for drill in drills:
        EntryFactory(session=session, exercise=drill, notes="Felt fine " * 20)
    plain = athlete_client.get(reverse("sessions:export"))
    zipped = athlete_client.get(reverse("sessions:export"), **GZIP)

    assert isinstance(zipped, StreamingHttpResponse)
    assert zipped["Content-Encoding"] == "gzip"
    assert not zipped.has_header("Content-Length")
    assert zipped["Content-Disposition"] == plain["Content-Disposition"]
    assert gzip.decompress(zipped.getvalue()) == plain.getvalue()


def test_pages_load_no_bootstrap_script(athlete_client, drills):
    html = athlete_client.get(reverse("sessions:create")).content.decode()

    assert "bootstrap.bundle" not in html
    assert "/static/js/groundwork.js" in html


def test_hashed_static_files_are_cached_for_good_and_served_gzipped(tmp_path: Path, settings):
    """As in production: collectstatic, then WhiteNoise serves what it wrote."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    }
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", "--noinput", verbosity=0)
    from django.contrib.staticfiles.storage import staticfiles_storage

    hashed = staticfiles_storage.url("css/groundwork.css")
    assert re.search(r"groundwork\.[0-9a-f]{12}\.css$", hashed)
    whitenoise = WhiteNoiseMiddleware(lambda request: None)

    response = whitenoise(RequestFactory().get(hashed, **GZIP))

    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "gzip"
    response.close()


def test_a_gzipped_page_carries_a_file_name_of_random_length(athlete_client, drills):
    """Against BREACH, as Django's GZipMiddleware: the length of a page sent twice differs
    by a random name in the gzip header, so it says nothing about a secret in the page."""
    from config.middleware import GZipMiddleware

    page = athlete_client.get(reverse("sessions:create")).content
    names = []
    for _ in range(200):
        zipped = GZipMiddleware(lambda request: None).compress(page)
        assert zipped[3] & gzip.FNAME
        names.append(zipped[10 : zipped.index(b"\x00", 10)])
        assert gzip.decompress(zipped) == page
    lengths = {len(name) for name in names}
    assert min(lengths) >= 1 and max(lengths) <= GZipMiddleware.max_random_bytes
    assert len(lengths) > 20  # a length of 1 to 100, drawn afresh for each response
    long_names = [name for name in names if len(name) >= 16]
    assert len(set(long_names)) == len(long_names)  # and random characters
