from django.urls import path

from sessions.export import export_csv

from . import views

app_name = "coaching"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("athletes/<int:athlete_id>/", views.athlete_history, name="athlete"),
    path("athletes/<int:athlete_id>/progress/", views.athlete_progress, name="athlete_progress"),
    path("athletes/<int:athlete_id>/export.csv", export_csv, name="athlete_export"),
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/invite/", views.invitation_create, name="invite"),
    path("sharing/invite/<int:pk>/cancel/", views.invitation_cancel, name="invite_cancel"),
    path("sharing/coaches/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.accept, name="accept"),
]
