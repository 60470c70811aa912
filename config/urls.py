from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from insights.home import home

from .baseline import baseline
from .health import healthz

admin.site.site_header = "Groundwork admin"
admin.site.site_title = "Groundwork admin"

urlpatterns = [
    path("", home, name="home"),
    path("drills/", include("exercises.urls")),
    path("sessions/", include("sessions.urls")),
    path("", include("insights.urls")),
    path("coaching/", include("coaching.urls")),
    path("accounts/", include("accounts.urls")),
    path("reminders/", include("reminders.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]

if settings.BENCHMARK:
    urlpatterns.append(path("bench/baseline/", baseline, name="bench_baseline"))
