from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Exercise, routine


@login_not_required
@require_safe
def exercise_list(request: HttpRequest) -> HttpResponse:
    # The routine as the log form reads it: three plain statements, where building the two
    # ORM queries (the drills, then their parts) took a third of the page.
    return render(request, "exercises/exercise_list.html", {"drills": routine(revisions=False)})


@login_not_required
@require_safe
def exercise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    drill = get_object_or_404(Exercise.objects.active().with_prescription(), slug=slug)
    routine = list(Exercise.objects.active().in_routine_order().only("slug", "name", "position"))
    index = next(i for i, other in enumerate(routine) if other.pk == drill.pk)
    context = {
        "drill": drill,
        "previous": routine[index - 1] if index > 0 else None,
        "next": routine[index + 1] if index + 1 < len(routine) else None,
        "step_number": index + 1,
        "step_count": len(routine),
    }
    return render(request, "exercises/exercise_detail.html", context)
