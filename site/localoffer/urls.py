from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home.views import feedback, feedback_thanks, healthz

from . import admin_scope, views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("feedback/", feedback, name="feedback"),
    path("feedback/thanks/", feedback_thanks, name="feedback_thanks"),
    # Every admin URL, Wagtail's and ours, in its declared scope (admin_scope.py).
    path("admin/", include(admin_scope.scoped(wagtailadmin_urls.urlpatterns))),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("search.urls")),
    path("directory/", include("directory.urls")),
    path("api/oruk/", include("directory.api.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving comes last: it matches every remaining path.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = views.page_not_found
handler500 = views.server_error
