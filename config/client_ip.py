"""The client's IP address, as the sign-in throttle counts it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind N trusted proxies, the address the outermost of them saw.

    Each proxy appends the address it received from to X-Forwarded-For, so the trustworthy entry is
    the Nth from the right; anything to its left came from the client and may be forged.
    """
    hops = settings.TRUSTED_PROXY_COUNT
    if hops > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
        if len(addresses) >= hops:
            return addresses[-hops]
    return request.META.get("REMOTE_ADDR", "")
