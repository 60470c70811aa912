from django.contrib import admin

from .models import Delivery, Notice, ReminderPlan


@admin.register(ReminderPlan)
class ReminderPlanAdmin(admin.ModelAdmin):
    list_display = ("user", "before_run", "morning_check", "weekly_summary", "coach_digest")
    search_fields = ("user__username", "user__email")
    exclude = ("feed_token",)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "slot", "due_at", "status", "attempts", "sent_at")
    list_filter = ("kind", "status")
    search_fields = ("user__username", "slot")
    list_select_related = ("user",)
    readonly_fields = [f.name for f in Delivery._meta.fields]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("recipient", "comment", "created_at", "read_at")
    list_select_related = ("recipient", "comment")
