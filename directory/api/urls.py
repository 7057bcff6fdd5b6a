"""/api/oruk/: the Open Referral UK 3.0 endpoints, each with or without a trailing slash, and the
API's page for developers (docs/)."""

from django.urls import path, re_path

from . import docs, views

app_name = "oruk"

ID = r"(?P<id>[^/]+)"

urlpatterns = [
    path("", views.api_details, name="api_details"),
    path("openapi.json", views.openapi, name="openapi"),
    path("docs/", docs.docs, name="docs"),
    re_path(r"^services/?$", views.services, name="services"),
    re_path(rf"^services/{ID}/?$", views.service, name="service"),
    re_path(r"^service_at_locations/?$", views.service_at_locations, name="service_at_locations"),
    re_path(
        rf"^service_at_locations/{ID}/?$", views.service_at_location, name="service_at_location"
    ),
    re_path(r"^organizations/?$", views.organizations, name="organizations"),
    re_path(rf"^organizations/{ID}/?$", views.organization, name="organization"),
    re_path(r"^taxonomies/?$", views.taxonomies, name="taxonomies"),
    re_path(rf"^taxonomies/{ID}/?$", views.taxonomy, name="taxonomy"),
    re_path(r"^taxonomy_terms/?$", views.taxonomy_terms, name="taxonomy_terms"),
    re_path(rf"^taxonomy_terms/{ID}/?$", views.taxonomy_term, name="taxonomy_term"),
]
