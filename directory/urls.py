from django.urls import path

from .views import maps, profiles, shortlist

app_name = "directory"

urlpatterns = [
    path("transparency/", profiles.transparency, name="transparency"),
    path("compare/", shortlist.compare, name="compare"),
    path("shortlist/", shortlist.shortlist_page, name="shortlist_page"),
    path("shortlist/change/", shortlist.shortlist, name="shortlist"),
    path("map/base.png", maps.base_map, name="base_map"),
    path("<slug:slug>/", profiles.profile, name="profile"),
]
