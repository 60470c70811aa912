from django.urls import path

from sessions.export import export_csv

from . import views

app_name = "insights"

# Mounted at the site's root: the athlete's progress sits beside their history, and the coach's
# pages under /coaching/, beside the invitations they accept there.
urlpatterns = [
    path("sessions/progress/", views.my_progress, name="progress"),
    path("coaching/", views.dashboard, name="dashboard"),
    path("coaching/athletes/<int:athlete_id>/", views.athlete_history, name="athlete"),
    path(
        "coaching/athletes/<int:athlete_id>/progress/",
        views.athlete_progress,
        name="athlete_progress",
    ),
    path("coaching/athletes/<int:athlete_id>/export.csv", export_csv, name="athlete_export"),
]
