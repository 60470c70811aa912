from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("stop/", views.stop_all, name="stop_all"),
    path("feed/new/", views.feed_regenerate, name="feed_regenerate"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("morning/<str:token>/<int:pain>/", views.morning, name="morning"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path(
        "unsubscribe/<str:token>/one-click/",
        views.unsubscribe_one_click,
        name="unsubscribe_one_click",
    ),
    path("replies/", views.notices, name="notices"),
    path("replies/<int:pk>/open/", views.notice_open, name="notice_open"),
    path("replies/read/", views.notices_read, name="notices_read"),
]
