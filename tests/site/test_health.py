from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_without_signing_in(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_down(client, caplog):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("server closed")):
        response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.content == b"database unavailable"
    assert "the database does not answer: server closed" in caplog.text


def test_healthz_only_reads(client):
    assert client.post(reverse("healthz")).status_code == 405
