from django.urls import path

from . import views

app_name = "coaching"

urlpatterns = [
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/invite/", views.invitation_create, name="invite"),
    path("sharing/invite/<int:pk>/cancel/", views.invitation_cancel, name="invite_cancel"),
    path("sharing/coaches/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.accept, name="accept"),
]
