from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("directory/", views.directory_search, name="directory"),
    path("directory/compare/", views.compare, name="compare"),
    path("directory/shortlist/", views.shortlist_page, name="shortlist_page"),
    path("directory/shortlist/change/", views.shortlist, name="shortlist"),
    path("search/", views.site_search, name="site_search"),
]
