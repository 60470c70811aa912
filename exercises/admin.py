from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Exercise


@admin.register(Exercise)
class ExerciseAdmin(SimpleHistoryAdmin):
    list_display = ("name", "position", "dosage", "timing", "measure", "active")
    list_display_links = ("name",)
    list_editable = ("position", "active")
    list_filter = ("active", "timing", "measure")
    search_fields = ("name", "purpose", "instructions", "equipment")
    prepopulated_fields = {"slug": ("name",)}
    history_list_display = ("position", "active")
    fieldsets = (
        (None, {"fields": ("name", "slug", "position", "active", "purpose")}),
        ("How to do it", {"fields": ("instructions", "equipment", "timing")}),
        (
            "Dosage",
            {
                "fields": (
                    ("sets", "reps"),
                    ("hold_min_seconds", "hold_max_seconds"),
                    "per_side",
                    "dosage_note",
                ),
                "description": "Sets × reps for strength drills, a hold range for timed ones.",
            },
        ),
        ("Progress and safety", {"fields": ("progression", "cautions")}),
        ("What athletes record", {"fields": ("measure",)}),
    )
