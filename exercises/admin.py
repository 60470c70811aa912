from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DrillPart, DrillVariant, Exercise


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

    def get_queryset(self, request):
        return super().get_queryset(request).with_prescription()
