from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("transparency/", views.transparency, name="transparency"),
    path("<slug:slug>/", views.profile, name="profile"),
]
