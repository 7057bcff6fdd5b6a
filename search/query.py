"""Build the family's search: free text through Wagtail's search API, distance by bounding
box then true distance, and every other filter and facet count from the facet index
(search/facets.py).

Each facet counts what the current search would find if that one filter were changed, as
families expect ("Autism (12)" next to the need checkbox). The number of queries per page is
fixed: it does not grow with the number of results.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Avg
from django.utils.functional import cached_property

from directory import change_log
from directory.geo import distance_km, normalise_postcode
from directory.models import Listing, LocalAuthority, Postcode, Service, Setting
from directory.taxonomy import NEED_CODES

from . import cache, nearby, rankings
from .facets import facet_index, members_between
from .options import DEFAULT_RADIUS, KM_PER_MILE
from .text import text_search
from .vocabulary import FamilyWords, places_with_words

# Relevance ranking hands the backend at most this many result ids (DirectorySearch.ranked_ids).
LONG_ID_LIST = 10_000


@dataclass
class Location:
    label: str
    latitude: float
    longitude: float


def find_location(text):
    """A full postcode, or an outward code (the centre of its postcodes); None if unknown."""
    if not text:
        return None
    if normalise_postcode(text):
        found = Postcode.objects.filter(postcode=text).values_list("latitude", "longitude")
        row = found.first()
        return Location(text, *row) if row else None
    centre = Postcode.objects.filter(outward=text).aggregate(
        latitude=Avg("latitude"), longitude=Avg("longitude")
    )
    if centre["latitude"] is None:
        return None
    return Location(text, centre["latitude"], centre["longitude"])


# What a result card shows (templates/search/result_card.html), and nothing else: a setting's
# row holds its whole SEND information report.
CARD_COLUMNS = (
    "name",
    "slug",
    "kind",
    "min_age",
    "max_age",
    "completeness_score",
    "latitude",
    "longitude",
)
CARD_COLUMNS_OF = {
    Setting: (*CARD_COLUMNS, "last_reviewed_on", "setting_type", "resourced_provision"),
    Service: (*CARD_COLUMNS, "last_reviewed_on", "category", "waiting_weeks", "waiting_stated_on"),
}


def cards_in_bulk(ids):
    """{pk: Setting or Service} for these ids, with the columns and needs cards show, in four
    queries however many there are."""
    found = {}
    for model, columns in CARD_COLUMNS_OF.items():
        rows = model.objects.filter(pk__in=ids).only(*columns).prefetch_related("needs")
        found.update(rows.in_bulk())
    return found


class ResultList(Sequence):
    """A search's results in its order, for a Paginator: ids, read only when a page is
    iterated. The page's ids are usually cached (DirectorySearch.page_ids); then neither the
    ranking nor the order is computed at all."""

    def __init__(self, search):
        self.search = search

    def __len__(self):
        return self.search.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, _ = index.indices(len(self))
            return LazyPage(self.search, start, stop)
        return list(LazyPage(self.search, index, index + 1))[0]


class LazyPage:
    def __init__(self, search, start, stop):
        self.search, self.start, self.stop = search, start, stop

    def __len__(self):
        return max(0, self.stop - self.start)

    def __iter__(self):
        return iter(self.search.ids_between(self.start, self.stop))


class DirectorySearch:
    """One family's search. Every filter and facet count is read from the facet index
    (search/facets.py); the database is asked for the words' matches, the listings near a
    postcode, the ranking by relevance and the twenty listings on the page."""

    def __init__(self, data, location=None, authorities=None, version=None, site_authority=None):
        if version is not None:  # the caller read it already
            self.__dict__["version"] = version
        self.authorities = (
            authorities if authorities is not None else list(LocalAuthority.objects.all())
        )
        q = data.get("q") or ""
        # Words with no letters or digits ("***", '"') cannot match anything: no text search.
        self.q = q if any(character.isalnum() for character in q) else ""
        # Listings with any of the words, not all: for a question no listing matches whole
        # (search/spelling.py).
        self.some_words = bool(self.q and data.get("some_words"))
        self.needs = data.get("need") or []
        self.kinds = data.get("kind") or []
        self.age = data.get("age")
        self.phases = data.get("phase") or []
        self.la = data.get("la") or ""
        # The authority whose Local Offer site the family searches on (None: the national
        # site): its officers' words are read, as the chosen area's are.
        self.site_authority = site_authority
        # "Include neighbouring authorities": the chosen authority and the ones next to it.
        self.near = bool(self.la and data.get("near"))
        self.location = location
        self.radius = data.get("radius") or DEFAULT_RADIUS
        order = data.get("order") or ""
        if order == "distance" and not location or order == "relevance" and not self.q:
            order = ""
        self.order = order or ("distance" if location else "relevance" if self.q else "name")

    @cached_property
    def version(self):
        return change_log.current_version()

    @cached_property
    def index(self):
        return facet_index(self.version)

    # Filters -----------------------------------------------------------------------------
    def has_filters(self):
        """Any filter besides the words."""
        return bool(
            self.needs
            or self.kinds
            or self.phases
            or self.age is not None
            or self.la
            or self.location
        )

    @cached_property
    def text(self):
        """The configured search backend, as the family search asks it (search/text.py), in
        families' words (search/vocabulary.py)."""
        return FamilyWords(text_search(self.version), self.version, self.places, self.some_words)

    def word_count(self):
        """How many things the words ask for (a phrase of the vocabulary counts once)."""
        return len(self.text.read(self.q).units) if self.q else 0

    @cached_property
    def places(self):
        """The authorities whose officers' words this search reads besides the national ones
        (search/vocabulary.py): the site's and the chosen area's, those with words."""
        chosen = self.authority_ids.get(self.la) if self.la else None
        return places_with_words((self.site_authority, chosen), self.version)

    @cached_property
    def ranking(self):
        """This process's ranking of the words (search/rankings.py), or None where the
        backend cannot score them (then it is asked for matches and pages directly)."""
        if not self.q:
            return None
        return rankings.ranking(self.q, self.version, self.places, self.some_words)

    @cached_property
    def text_bits(self):
        """The listings matching the words, asked of the search backend once per request."""
        if self.ranking is not None:
            return self.ranking.bits(self.index)
        return self.index.bits_of(self.text.matching_ids(self.q, Listing.objects.published()))

    @cached_property
    def place(self):
        """This process's listings near the postcode (search/nearby.py)."""
        return nearby.near(self.location.latitude, self.location.longitude, self.version)

    @cached_property
    def within(self):
        """{radius in miles: bits of the listings within it}."""
        return self.place.within(self.index, self.location.latitude)

    def bits(self, without=()):
        """Published listings with every filter applied except those named in `without`."""
        index = self.index
        bits = index.published
        if self.q and "q" not in without:
            bits &= self.text_bits
        if self.needs and "need" not in without:
            bits &= index.any_of(index.need, self.needs)
        if self.kinds and "kind" not in without:
            bits &= index.any_of(index.kind, self.kinds)
        if self.age is not None and "age" not in without:
            bits &= index.age.get(self.age, 0)
        if self.phases and "phase" not in without:
            bits &= index.any_of(index.phase, self.phases)
        if self.la and "la" not in without:
            area = 0
            for authority_id in self.area_ids:
                area |= index.authority.get(authority_id, 0)
            bits &= area
        if self.location and "radius" not in without:
            bits &= self.within[self.radius]
        return bits

    @cached_property
    def result_bits(self):
        return self.bits()

    @cached_property
    def members(self):
        return self.index.members(self.result_bits)

    # Results -----------------------------------------------------------------------------
    def results(self):
        """Something a Paginator can page through: the results' ids in the chosen order."""
        return ResultList(self)

    def ids_between(self, start, stop):
        """The ids of results start to stop - 1, in the chosen order."""
        if self.order == "relevance":
            return self.ranked_ids(start, stop)
        order = self.ordered_ids()
        return members_between(order, self.members_to_find(stop, len(order)), start, stop)

    def members_to_find(self, stop, scanned):
        """The results, to walk an order of `scanned` ids for the first `stop` of them: when
        they are few the walk goes far (about stop * scanned / results ids), and a set of
        their ids answers each step faster than the bitset."""
        results = self.count()
        if results * results < stop * scanned:
            return set(self.index.ids_in(self.result_bits))
        return self.members

    def ranked_ids(self, start, stop):
        """The backend ranks the words. Other filters reach it as "these ids", a filter every
        backend accepts (FilterField "id") - unless they keep most listings: handing over
        tens of thousands of ids costs more than ranking every match and keeping the best
        that are results."""
        if self.ranking is not None:
            pks = self.ranking.pks
            return members_between(pks, self.members_to_find(stop, len(pks)), start, stop)
        text = self.text
        published = Listing.objects.published()
        if not self.has_filters():
            return text.ranked_ids(self.q, published, start, stop)
        results = self.count()
        if results > LONG_ID_LIST:
            # Enough of the best matches overall to hold `stop` results at this search's share
            # of listings, with room to spare.
            share = results / max(1, self.index.published.bit_count())
            window = text.ranked_ids(self.q, published, 0, math.ceil(1.5 * stop / share))
            kept = [pk for pk in window if pk in self.members]
            if len(kept) >= stop:
                return kept[start:stop]
        among = self.index.ids_in(self.result_bits)
        return text.ranked_ids(self.q, published, start, stop, among=among)

    def ordered_ids(self):
        """Every published listing's id, by distance or by name."""
        if self.order == "distance":
            return self.place.pks
        return self.index.by_name

    def page_ids(self, page):
        """The ids on this page, in order (cached: ranking a broad term is the costly part)."""
        params = {**self.cache_params(), "order": self.order, "page": page.number}
        return cache.remember(
            "page",
            self.version,
            params,
            lambda: list(page.object_list),
        )

    def decorate(self, ids):
        """Load what the result cards show, in a fixed number of queries."""
        listings = cards_in_bulk(ids)
        cards = []
        for pk in ids:
            listing = listings.get(pk)
            if listing is None:  # removed since the page was cached
                continue
            distance = None
            if self.location and listing.latitude is not None:
                km = distance_km(
                    self.location.latitude,
                    self.location.longitude,
                    listing.latitude,
                    listing.longitude,
                )
                distance = km / KM_PER_MILE
            cards.append({"listing": listing, "distance_miles": distance})
        return cards

    # Facets ------------------------------------------------------------------------------
    def cache_params(self):
        """Everything that decides the results, in a stable form."""
        location = self.location and (
            round(self.location.latitude, 5),
            round(self.location.longitude, 5),
        )
        return {
            "q": self.q,
            "need": sorted(self.needs),
            "kind": sorted(self.kinds),
            "age": self.age,
            "phase": sorted(self.phases),
            "la": self.la,
            "near": self.near,
            "at": location,
            "radius": self.radius,
            # Whose officers' words the text is read with (none: the national vocabulary).
            "words_of": self.places if self.q else (),
            "some_words": self.some_words,
        }

    def facets(self):
        return cache.remember(
            "facets",
            self.version,
            self.cache_params(),
            lambda: {
                "need": self.need_counts(),
                "kind": self.kind_counts(),
                "age": self.age_counts(),
                "phase": self._counts("phase", self.index.phase.items()),
                "la": self.authority_counts(),
                "radius": self.radius_counts() if self.location else {},
            },
        )

    def count(self):
        # Whatever the order, the total is the size of the filtered set (the words included).
        return cache.remember(
            "count", self.version, self.cache_params(), lambda: self.result_bits.bit_count()
        )

    # Each facet counts what the search would find with that one filter changed: the other
    # filters' bits, ANDed with each option's bits.
    def _counts(self, facet, options):
        base = self.bits(without=(facet,))
        return {key: (base & bits).bit_count() for key, bits in options}

    def need_counts(self):
        return self._counts("need", ((code, self.index.need[code]) for code in NEED_CODES))

    def kind_counts(self):
        return self._counts("kind", self.index.kind.items())

    def age_counts(self):
        return self._counts("age", self.index.age.items())

    @cached_property
    def authority_ids(self):
        return {a.code: a.pk for a in self.authorities}

    @cached_property
    def area_ids(self):
        """The chosen authority, and its neighbours when the family asked for them."""
        chosen = self.authority_ids.get(self.la)
        if chosen is None:
            return []
        if not self.near:
            return [chosen]
        neighbours = LocalAuthority.neighbours.through.objects.filter(
            from_localauthority_id=chosen
        ).values_list("to_localauthority_id", flat=True)
        return [chosen, *neighbours]

    def authority_counts(self):
        index = self.index
        counts = self._counts(
            "la",
            ((code, index.authority.get(pk, 0)) for code, pk in self.authority_ids.items()),
        )
        return {code: n for code, n in counts.items() if n}

    def radius_counts(self):
        return self._counts("radius", self.within.items())
