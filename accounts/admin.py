from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class GroundworkUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Groundwork", {"fields": ("display_name", "time_zone")}),
    )
    list_display = ("username", "display_name", "email", "is_staff", "date_joined")
    search_fields = ("username", "display_name", "email")
