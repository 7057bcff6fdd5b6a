"""Values the search form offers and the facet index counts, read by both (search/forms.py,
search/facets.py, search/query.py)."""

from django.utils.translation import gettext_noop

from directory.taxonomy import ANY_SERVICE

RADIUS_MILES = (1, 2, 3, 5, 10, 15, 25, 50)
DEFAULT_RADIUS = 5
KM_PER_MILE = 1.609344

# The type option for "any service", beside each setting type and service category.
SERVICE = ANY_SERVICE
# The school phases families filter by (a listing's own phase is the register's, finer).
PHASE_CHOICES = [
    ("nursery", gettext_noop("Nursery")),
    ("primary", gettext_noop("Primary")),
    ("secondary", gettext_noop("Secondary")),
    ("post-16", gettext_noop("Post-16")),
]
