from __future__ import annotations

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from .models import DrillPart, DrillVariant, Exercise
from .revisions import MultilineTextField, RevisionContextHelper, same_as_saved


class DrillPartInline(admin.TabularInline):
    model = DrillPart
    extra = 0
    fields = (
        "position",
        "name",
        "sets",
        "reps",
        "hold_min_seconds",
        "hold_max_seconds",
        "per_side",
    )


class DrillVariantInline(admin.TabularInline):
    model = DrillVariant
    extra = 0
    fields = ("rung", "name", "per_side", "timing", "equipment")


@admin.register(Exercise)
class ExerciseAdmin(SimpleHistoryAdmin):
    list_display = ("name", "position", "dosage", "timing", "measure", "active")
    list_display_links = ("name",)
    list_editable = ("position", "active")
    list_filter = ("active", "timing", "measure")
    search_fields = ("name", "purpose", "instructions", "equipment")
    prepopulated_fields = {"slug": ("name",)}
    # Revisions as a list of cards with line diffs: readable on a phone, no inline style (CSP).
    object_history_template = "admin/exercises/exercise/object_history.html"
    object_history_list_template = "admin/exercises/exercise/object_history_list.html"
    formfield_overrides = {models.TextField: {"form_class": MultilineTextField}}
    history_list_display = ("position", "active")
    inlines = (DrillPartInline, DrillVariantInline)
    fieldsets = (
        (None, {"fields": ("name", "slug", "position", "active", "purpose")}),
        ("How to do it", {"fields": ("instructions", "cues", "equipment", "timing")}),
        (
            "Dosage",
            {
                "fields": ("dosage_note", "alternate_parts"),
                "description": (
                    "Sets × reps or a hold for each part, and the variant ladder, are edited "
                    "in the tables below."
                ),
            },
        ),
        ("Progress and safety", {"fields": ("progression", "cautions")}),
        ("What athletes record", {"fields": ("measure",)}),
    )

    def save_model(self, request, obj, form, change) -> None:
        # A save that stores nothing new (the change form, a revert to the current text, the
        # list's editable columns) leaves no revision, so History lists real edits only.
        if change and same_as_saved(obj):
            obj.skip_history_when_saving = True
        try:
            super().save_model(request, obj, form, change)
        finally:
            obj.__dict__.pop("skip_history_when_saving", None)

    def get_historical_record_context_helper(self, request, historical_record):
        return RevisionContextHelper(self.model, historical_record)

    def get_queryset(self, request):
        return super().get_queryset(request).with_prescription()
