"""What a first visit to a page costs over the wire: its HTML plus the CSS and JS it links.

Usage: .venv/bin/python tools/page_weight.py http://127.0.0.1:8000 /sessions/log/ [more paths]
           --login user:pass

Asks for gzip, as every browser does, and counts the bytes as sent (compressed when the server
compresses). Meant for a server run as in production (debug off, after collectstatic), where
WhiteNoise serves precompressed static files. Signs in through the form first, carrying the
cookies by hand, so Secure cookies work over plain http://127.0.0.1.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import re
from urllib.parse import urlencode, urljoin, urlsplit


class Visitor:
    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict, bytes]:
        parts = urlsplit(urljoin(self.base, path))
        connection = http.client.HTTPConnection(parts.hostname, parts.port)
        headers = {"Accept-Encoding": "gzip", "Host": parts.netloc}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = urljoin(self.base, path)
        connection.request(method, parts.path or "/", body=data, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        headers_out = {k.lower(): v for k, v in response.getheaders()}
        connection.close()
        return response.status, headers_out, payload

    def login(self, username: str, password: str) -> None:
        self.request("GET", "/accounts/login/")
        status, _, _ = self.request(
            "POST",
            "/accounts/login/",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.cookies.get("csrftoken", ""),
            },
        )
        if status != 302:
            raise SystemExit(f"Sign-in failed with status {status}.")


def assets(html: str) -> list[str]:
    sheets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    return sheets + scripts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--login", help="username:password to sign in first")
    args = parser.parse_args()
    visitor = Visitor(args.base)
    if args.login:
        visitor.login(*args.login.split(":", 1))
    for path in args.paths:
        status, headers, body = visitor.request("GET", path)
        rows = [(path, status, headers.get("content-encoding", "-"), len(body))]
        html = (
            gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body
        ).decode()
        for asset in assets(html):
            a_status, a_headers, a_body = visitor.request("GET", asset)
            rows.append((asset, a_status, a_headers.get("content-encoding", "-"), len(a_body)))
        total = sum(row[3] for row in rows)
        for name, code, encoding, size in rows:
            print(f"  {name:70} {code} {encoding:5} {size:>8,} B")
        print(f"{path}: {total:,} B = {total / 1024:.1f} KiB over the wire on a first visit\n")


if __name__ == "__main__":
    main()
