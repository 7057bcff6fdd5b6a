from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home.views import feedback, feedback_thanks, healthz

from . import admin_scope, views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Every admin URL, Wagtail's and ours, in its declared scope (admin_scope.py).
    path("admin/", include(admin_scope.scoped(wagtailadmin_urls.urlpatterns))),
    path("documents/", include(wagtaildocs_urls)),
    path("api/oruk/", include("directory.api.urls")),
]

# Families' pages, in each language the site offers: English at the paths it always had, each
# other language under its own prefix (/pl/directory/), so every page has one address per
# language - for links, hreflang and the page cache, which keeps pages by address
# (docs/languages.md).
family_urlpatterns = [
    path("feedback/", feedback, name="feedback"),
    path("feedback/thanks/", feedback_thanks, name="feedback_thanks"),
    path("", include("search.urls")),
    path("directory/", include("directory.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving comes last: it matches every remaining path.
urlpatterns += i18n_patterns(
    *family_urlpatterns, path("", include(wagtail_urls)), prefix_default_language=False
)

handler404 = views.page_not_found
handler500 = views.server_error
