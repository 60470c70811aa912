"""The floor of `make bench`: a bare WSGI "hello", served by the same gunicorn as the app.

What a request costs gunicorn alone; the baseline page (config/baseline.py) is held to a few
times this, the rest is Django, its middleware and the session.
"""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "6")])
    return [b"hello\n"]
