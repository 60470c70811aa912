from django.urls import path

from . import views
from .export import data_export, export_csv

app_name = "sessions"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("log/", views.session_create, name="create"),
    path("<int:pk>/", views.session_detail, name="detail"),
    path("<int:pk>/edit/", views.session_update, name="update"),
    path("<int:pk>/delete/", views.session_delete, name="delete"),
    path("<int:pk>/morning-after/", views.session_morning_after, name="morning_after"),
    path("<int:pk>/comments/", views.comment_create, name="comment"),
    path("export.csv", export_csv, name="export"),
    path("data.json", data_export, name="data_export"),
]
