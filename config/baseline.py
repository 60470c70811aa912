"""`/bench/baseline/`: the cheapest signed-in page, the yardstick of `make bench`.

It passes through every middleware, loads the session and the user as any page does, and renders a
small template, but asks the app's own tables nothing. A page's budget is a share of this page's
requests per second on the same machine in the same run. Routed only when GROUNDWORK_BENCHMARK=1.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def baseline(request: HttpRequest) -> HttpResponse:
    return render(request, "bench/baseline.html")
