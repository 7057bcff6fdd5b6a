from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("directory/", views.directory_search, name="directory"),
    path("search/", views.site_search, name="site_search"),
]
