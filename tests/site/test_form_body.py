"""config.middleware.read_form parses a form-encoded body into the QueryDict Django would."""

from __future__ import annotations

import pytest
from django.core.exceptions import TooManyFieldsSent
from django.http import QueryDict
from django.test import RequestFactory, override_settings
from django.urls import reverse

from config.middleware import read_form

FORM = "application/x-www-form-urlencoded"


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"a=1&b=2&a=3",  # a repeated name keeps every value, in order
        b"blank=&also_blank&x=1",  # blank values kept, a name without "=" too
        b"name=Jos%C3%A9+Garc%C3%ADa&sum=1%2B1%3D2&pct=100%25",
        b"caf%C3%A9=%E2%80%93&plain=a+b",
        b"bad=%ZZ&lone=%",  # broken escapes stay as they came
        b"latin=Jos\xe9",  # not UTF-8: read as ISO-8859-1, as QueryDict reads it
        b"a=1&&b=2&",
        b"first+name=Ann&last%20name=Lee&=nameless&eq=a=b",
    ],
)
def test_a_form_body_reads_as_djangos_own_querydict(body):
    request = RequestFactory().post("/", body, content_type=FORM)

    form = read_form(request)

    expected = QueryDict(body, encoding="utf-8")
    assert list(form.lists()) == list(expected.lists())
    assert form.encoding == expected.encoding
    assert request.POST is form and not request.FILES
    with pytest.raises(AttributeError):  # as immutable as Django's own
        form["a"] = "changed"


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=3)
def test_more_fields_than_allowed_is_djangos_error():
    allowed = RequestFactory().post("/", b"a=1&b=2&c=3", content_type=FORM)
    too_many = RequestFactory().post("/", b"a=1&b=2&c=3&d=4", content_type=FORM)

    assert list(read_form(allowed)) == ["a", "b", "c"]
    with pytest.raises(TooManyFieldsSent):
        read_form(too_many)
    with pytest.raises(TooManyFieldsSent):  # as Django's own parse counts
        QueryDict(b"a=1&b=2&c=3&d=4")


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=3)
def test_more_fields_than_allowed_is_a_400(athlete_client):
    url = reverse("accounts:profile")
    response = athlete_client.post(url, "a=1&b=2&c=3&d=4", FORM)

    assert response.status_code == 400


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        (
            "multipart/form-data; boundary=x",
            b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
        ),
        ("application/json", b'{"a": 1}'),
    ],
)
def test_other_bodies_are_left_to_django(content_type, body):
    request = RequestFactory().post("/", body, content_type=content_type)

    assert read_form(request) is request.POST
    assert dict(read_form(request).lists()) == ({"a": ["1"]} if "multipart" in content_type else {})
