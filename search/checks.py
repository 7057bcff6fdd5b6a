"""System checks of the family search (`python manage.py check`, run before migrate and
runserver).

search/backends/ subclass django-modelsearch's SQLite and PostgreSQL backends and the index class
of its Elasticsearch / OpenSearch backends (engine.py), and use its internals (query compilers,
`BM25`, `MatchExpression`, the index entry models, mappings), which it may
change in any release without notice. Wagtail accepts a range of versions of it, so an upgrade
of Wagtail, or a fresh install, could bring one our backends were never tested with: refuse to
start on it rather than serve wrong or slow searches.
"""

from importlib import metadata

from django.core.checks import Error

# The django-modelsearch release search/backends/ are tested with (its distribution on PyPI is
# `modelsearch`; requirements.txt pins the same, tests/search/test_checks.py keeps them equal).
MODELSEARCH_DISTRIBUTION = "modelsearch"
TESTED_MODELSEARCH_VERSION = "1.3.2"


def installed_modelsearch_version():
    """The installed django-modelsearch version, or None when it is not installed."""
    try:
        return metadata.version(MODELSEARCH_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None


def check_modelsearch_version(app_configs=None, **kwargs):
    installed = installed_modelsearch_version()
    if installed == TESTED_MODELSEARCH_VERSION:
        return []
    found = f"version {installed} is installed" if installed else "it is not installed"
    return [
        Error(
            f"The family search backends (search/backends/) are tested with django-modelsearch "
            f"{TESTED_MODELSEARCH_VERSION}, but {found}.",
            hint=(
                f"Install the pinned version (pip install -r requirements.txt, which has "
                f"{MODELSEARCH_DISTRIBUTION}=={TESTED_MODELSEARCH_VERSION}). To move to another "
                "version, read its changes to the SQLite and PostgreSQL backends, run "
                "tests/search and benchmarks/search.py against it, then change the pin in "
                "requirements.txt and TESTED_MODELSEARCH_VERSION in search/checks.py together."
            ),
            obj="search.backends",
            id="search.E001",
        )
    ]
