import re
from collections import Counter
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import DatabaseError
from django.shortcuts import render
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop, ngettext
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from directory import change_log, maps, presentation
from directory.models import Listing, LocalAuthority, Postcode
from directory.sites import authority_for_request
from directory.taxonomy import MAX_AGE, MIN_AGE, NEED_TYPES
from directory.views.caching import kept_page, same_for_every_family
from directory.views.shortlist import SHORTLIST_SIZE, shortlist_notices, shortlisted
from directory.vocabulary import FILLER_WORDS, words_of

from . import spelling
from .forms import (
    DEFAULT_RADIUS,
    KIND_CHOICES,
    ORDER_CHOICES,
    PHASE_CHOICES,
    DirectorySearchForm,
    SiteSearchForm,
    radius_choices,
)
from .query import DirectorySearch, find_location
from .vocabulary import family_query

PER_PAGE = 20


def _without(params, name, value=None):
    """The current search's query string with one filter (or one value of it) removed."""
    kept = [
        (key, val)
        for key, val in params
        if key != "page" and not (key == name and (value is None or val == str(value)))
    ]
    return "?" + urlencode(kept) if kept else "?"


def local_area_first(request):
    """On an authority's own Local Offer site the directory opens on that authority's area;
    an explicit `la` (even empty: the whole country) is the family's choice and is kept."""
    params = request.GET.copy()
    authority = authority_for_request(request)
    if authority is not None and "la" not in params:
        params["la"] = authority.code
    return params


def _local_area_links(request, params):
    """Links to widen an authority site's search: its neighbours too, or the whole country."""
    authority = authority_for_request(request)
    if authority is None:
        return None
    kept = [(k, v) for k, vs in params.lists() for v in vs if k not in ("la", "near", "page")]
    return {
        "authority": authority,
        "here": params.get("la") == authority.code and not params.get("near"),
        "near": params.get("la") == authority.code and bool(params.get("near")),
        "nearby_url": "?" + urlencode([*kept, ("la", authority.code), ("near", "on")]),
        "country_url": "?" + urlencode([*kept, ("la", "")]),
        "local_url": "?" + urlencode([*kept, ("la", authority.code)]),
    }


@same_for_every_family
@require_GET
def directory_search(request):
    """The directory's search page."""
    version = change_log.request_version(request)
    authorities = change_log.site_wide(
        "authorities", version, lambda: list(LocalAuthority.objects.only("code", "name"))
    )
    params = local_area_first(request)
    form = DirectorySearchForm(params or None, authorities=authorities)
    example_postcode = _example_postcode(authority_for_request(request), version)
    context = {
        "form": form,
        "example_postcode": example_postcode,
        "breadcrumbs": [],
        "shortlist": shortlisted(request),
        "shortlist_size": SHORTLIST_SIZE,
        "local_area": _local_area_links(request, params),
    }
    location = None
    if form.is_bound and form.is_valid() and form.cleaned_data.get("postcode"):
        location = find_location(form.cleaned_data["postcode"])
        if location is None:
            # Searching without the postcode would list everything, far and near: say so, as
            # for any other value we cannot use, and mark the field.
            form.add_error("postcode", _postcode_problem(form, example_postcode))
    if form.is_bound and not form.is_valid():
        context["options"] = _filter_options(_chosen(request.GET), None, authorities)
        context["order_options"] = _order_options(request.GET.get("order", ""), None)
        context["filters_open"] = any(
            name in form.errors
            for name in ("radius", "age", "phase", "need", "kind", "la", "order")
        )
        return render(request, "search/directory.html", context, status=400)
    data = form.cleaned_data if form.is_bound else {}

    site_authority = authority_for_request(request)
    search, typed = spelling.search_correcting(
        data,
        lambda words: DirectorySearch(
            words,
            location,
            authorities,
            version=version,
            site_authority=site_authority and site_authority.pk,
        ),
        exact=bool(request.GET.get("exact")),
    )
    paginator = Paginator(search.results(), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    ids, facets = search.page_ids(page), search.facets()
    # Everything the page says that the data decides, besides the listings on it: after an
    # editor's change the page kept earlier is served if this is all the same.
    answers = {
        "count": paginator.count,
        "page": page.number,
        "ids": ids,
        "facets": facets,
        "order": search.order,
        "at": location and [location.latitude, location.longitude, location.label],
        "area": search.area_ids if search.la else None,
        "typed": typed,
        "some_words": search.some_words,
    }
    kept = kept_page(request, answers, shows=ids)
    if kept is not None:
        return kept
    params = [(key, value) for key, values in params.lists() for value in values]
    cards = _with_shortlist_notices(
        _with_waiting_times(search.decorate(ids)), shortlist_notices(request)
    )
    context.update(
        {
            "results_map": _results_map(search, cards, page, authorities),
            "search": search,
            "typed": typed,
            "exact_url": "?"
            + urlencode([*[(k, v) for k, v in params if k != "page"], ("exact", "1")]),
            "help": _zero_results_help(search, data, params) if not paginator.count else None,
            "results_page": page,
            "cards": cards,
            "order_options": _order_options(data.get("order") or "", search),
            "order_label": gettext(ORDER_SUMMARIES[search.order]),
            "filter_count": _filter_count(data),
            "active_filters": _active_filters(data, location, search, params, authorities),
            "query_string": urlencode([(k, v) for k, v in params if k != "page"]),
            # Each profile links back to this search (its "Back to results").
            "profile_query": "?"
            + urlencode(
                {
                    **({"postcode": location.label} if location else {}),
                    "back": request.get_full_path(),
                }
            ),
            "options": _filter_options(
                _chosen({**data, "radius": search.radius}), facets, authorities
            ),
        }
    )
    return render(request, "search/directory.html", context)


def _results_map(search, cards, page, authorities):
    """The map of this page's results (directory/maps.py), where the search is about a place:
    a postcode or an authority's area. It numbers the cards as it numbers its markers."""
    if not cards or not maps.maps_shown() or not (search.location or search.la):
        return None
    names = {authority.code: authority.name for authority in authorities}
    area = names.get(search.la, "")
    if area and search.near:
        area += " and nearby"
    return maps.results_map(
        cards, page.start_index(), location=search.location, radius=search.radius, area=area
    )


def _zero_results_help(search, data, params):
    """For a search that found nothing: how many each filter removed ("3 results if you remove
    age 7"), and the needs and types of service nearest the words by name, with their counts
    (read from the facet index: no query)."""
    needs = {need.code: gettext(need.name) for need in NEED_TYPES}
    kinds = {value: gettext(label) for value, label in KIND_CHOICES}
    removable = []
    chosen = [("need", code, needs.get(code, code)) for code in data.get("need") or []]
    chosen += [("kind", kind, kinds.get(kind, kind)) for kind in data.get("kind") or []]
    if data.get("age") is not None:
        chosen.append(("age", None, gettext("age %(age)s") % {"age": data["age"]}))
    if data.get("la"):
        chosen.append(("la", None, gettext("the area")))
    if search.location:
        chosen.append(
            ("radius", None, gettext("the distance (%(miles)s miles)") % {"miles": search.radius})
        )
    for facet, value, label in chosen:
        count = search.bits(without=(facet,)).bit_count()
        if count:
            if facet == "la":  # an empty `la` is the whole country (as the filter's chip)
                kept = [(k, v) for k, v in params if k not in ("la", "near", "page")]
                url = "?" + urlencode([*kept, ("la", "")])
            else:
                url = _without(params, "postcode" if facet == "radius" else facet, value)
            removable.append((label, count, url))
    nearest = []
    if search.q:
        index = search.index
        for facet, code, label in _labels_like(search.q, search.version, search.places):
            bits = index.published & index.any_of(getattr(index, facet), [code])
            count = bits.bit_count()
            if count:
                nearest.append((gettext(label), count, "?" + urlencode({facet: code})))
    return {"removable": removable, "nearest": nearest[:6]}


def _labels_like(q, version, places=()):
    """(facet, code, label) of the needs and types of service whose names share a word or a
    vocabulary group with the words, or are spelt nearly like them."""
    from difflib import get_close_matches

    from .vocabulary import FamilyText, vocabulary

    family = FamilyText.read(q, vocabulary(version, places))
    wanted = {word for unit in family.units for phrase in unit for word in phrase}
    wanted -= {"and", "or", "of", "for", "the", "with", "needs", "children", "young", "people"}
    wanted -= FILLER_WORDS
    options = [
        ("need", need.code, need.name, f"{need.keywords} {need.code}") for need in NEED_TYPES
    ]
    options += [("kind", value, label, "") for value, label in KIND_CHOICES if value != "service"]
    found = []
    for facet, code, label, keywords in options:
        words = set(words_of(f"{label} {keywords}"))
        close = any(get_close_matches(word, words, n=1, cutoff=0.8) for word in wanted)
        if wanted & words or close:
            found.append((facet, code, label))
    return found


def _with_waiting_times(cards):
    """Services' waiting times as the profile words them, out-of-date warning included."""
    for card in cards:
        if card["listing"].kind == "service" and card["listing"].waiting_weeks is not None:
            card["waiting_time"] = presentation.waiting_time_html(card["listing"])
    return cards


def _with_shortlist_notices(cards, notices):
    """The confirmation of the family's last shortlist change, on the card it was about."""
    for card in cards:
        card["shortlist_notice"] = notices.get(card["listing"].pk)
    return cards


def _example_postcode(authority, version):
    """A postcode this directory knows, in the site's own area where it has one, for the form's
    hint: a family (or someone trying the demo, whose postcode table holds only its own area)
    sees what will be found."""

    def first_known():
        listings = Listing.objects.published().exclude(postcode="")
        if authority is not None:
            listings = listings.filter(authority=authority)
        known = Postcode.objects.filter(postcode__in=listings.values("postcode"))
        found = known.order_by("postcode").values_list("postcode", flat=True).first()
        if found is None:  # no listing gives its postcode: any the directory knows
            found = Postcode.objects.order_by("postcode").values_list("postcode", flat=True).first()
        return found or ""

    name = f"example_postcode:{authority.code if authority else ''}"
    return change_log.site_wide(name, version, first_known)


def _postcode_problem(form, example=""):
    postcode = form.cleaned_data["postcode"]
    if form.postcode_is_wellformed:
        problem = gettext(
            "We could not find the postcode “%(postcode)s”. Check it, or search without one."
        ) % {"postcode": postcode}
        if example:
            problem += " " + gettext("Postcodes this directory knows look like %(example)s.") % {
                "example": example
            }
        return problem
    return gettext(
        "“%(postcode)s” is not a postcode. Enter a postcode like NB1 2NE, or just its first "
        "half, like NB1."
    ) % {"postcode": postcode}


# How each order reads in the summary above the results.
ORDER_SUMMARIES = {
    "distance": gettext_noop("Nearest first"),
    "relevance": gettext_noop("Best match first"),
    "name": gettext_noop("Sorted A to Z"),
}


def _order_options(requested, search):
    """The "Sort by" options as (value, label, chosen). The first, "Automatic", follows the
    search (nearest first with a postcode, best match with words, else A to Z) and says which
    order that is now; an order that cannot apply (nearest without a postcode) is not shown as
    chosen, so the select always shows the order really applied."""
    applied = search.order if search else requested
    automatic = _default_order(search) if search else ""
    labels = {value: gettext(label) for value, label in ORDER_CHOICES}
    explicit = bool(requested) and requested == applied
    first = (
        gettext("Automatic (%(order)s)") % {"order": labels[automatic].lower()}
        if automatic
        else gettext("Automatic")
    )
    return [("", first, not explicit)] + [
        (value, labels[value], explicit and value == applied) for value, _ in ORDER_CHOICES
    ]


def _default_order(search):
    return "distance" if search.location else "relevance" if search.q else "name"


def _filter_count(data):
    """How many filters inside "Filter results" are chosen (the words and postcode are not)."""
    return (
        len(data.get("need") or [])
        + len(data.get("kind") or [])
        + len(data.get("phase") or [])
        + (data.get("age") is not None)
        + bool(data.get("la"))
        + bool(data.get("radius"))
        + bool(data.get("order"))
    )


def _filter_options(chosen, facets, authorities):
    """Each filter's options as (value, label, count, chosen), ready to print: the page lists
    about 220 of them, so the template does no lookups. `chosen` maps each filter to the
    values picked, as strings; without facets (a form with errors) there are no counts."""
    facets = facets or {}

    def options(name, values_and_labels):
        counts = facets.get(name, {})
        picked = chosen.get(name, ())
        return [
            (value, gettext(label), counts.get(value, 0) if facets else None, str(value) in picked)
            for value, label in values_and_labels
        ]

    radius = options("radius", radius_choices())
    if not facets.get("radius"):  # no postcode: distances cannot be counted
        radius = [(value, label, None, picked) for value, label, _, picked in radius]
    return {
        "radius": _option_tags(radius),
        # "Age 7 — 41 results", not "7 (41)", which reads as an age range.
        "age": _option_tags(
            options("age", ((age, _age_label(age)) for age in range(MIN_AGE, MAX_AGE + 1))),
            count_text=_results_count,
        ),
        "phase": options("phase", PHASE_CHOICES),
        "need": options("need", ((need.code, need.name) for need in NEED_TYPES)),
        "kind": options("kind", KIND_CHOICES),
        "la": _option_tags(options("la", ((a.code, a.name) for a in authorities))),
    }


def _age_label(age):
    return gettext("Under 1") if age == 0 else gettext("Age %(age)s") % {"age": age}


def _results_count(n):
    return " — " + ngettext("%(count)s result", "%(count)s results", n) % {"count": n}


def _option_tags(options, count_text=" ({})".format):
    """A select's <option> tags, escaped. Made here rather than in the template because the
    authority list alone is over 150 options, which the template language renders slowly."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}{}</option>',
        (
            (
                value,
                mark_safe(" selected") if chosen else "",
                label,
                "" if n is None else count_text(n),
            )
            for value, label, n, chosen in options
        ),
    )


def _chosen(values):
    """{filter: the values chosen, as strings} from cleaned data or the raw query string."""
    chosen = {}
    for name in ("radius", "age", "phase", "need", "kind", "la"):
        value = values.getlist(name) if hasattr(values, "getlist") else values.get(name)
        if value is None or value == "":
            value = []
        elif not isinstance(value, list):
            value = [value]
        chosen[name] = {str(item) for item in value}
    return chosen


def _active_filters(data, location, search, params, authorities):
    names = dict(KIND_CHOICES)
    needs = {need.code: need.name for need in NEED_TYPES}
    authority_names = {a.code: a.name for a in authorities}
    chips = []

    if data.get("q"):
        chips.append((gettext("Words: %(value)s") % {"value": data["q"]}, _without(params, "q")))
    for code in data.get("need") or []:
        chips.append(
            (
                gettext("Need: %(value)s") % {"value": gettext(needs[code])},
                _without(params, "need", code),
            )
        )
    for kind in data.get("kind") or []:
        chips.append(
            (
                gettext("Type: %(value)s") % {"value": gettext(names[kind])},
                _without(params, "kind", kind),
            )
        )
    if data.get("age") is not None:
        chips.append((gettext("Age: %(value)s") % {"value": data["age"]}, _without(params, "age")))
    phases = dict(PHASE_CHOICES)
    for phase in data.get("phase") or []:
        chips.append(
            (
                gettext("School phase: %(value)s") % {"value": gettext(phases[phase])},
                _without(params, "phase", phase),
            )
        )
    if data.get("la"):
        area = authority_names.get(data["la"], data["la"])
        if data.get("near"):
            area = gettext("%(area)s and neighbouring authorities") % {"area": area}
        # An empty `la` is the whole country (an authority's site otherwise opens on its own).
        everywhere = [(k, v) for k, v in params if k not in ("la", "near")] + [("la", "")]
        chips.append((gettext("Area: %(value)s") % {"value": area}, _without(everywhere, "page")))
    if location:
        radius = data.get("radius") or DEFAULT_RADIUS
        chips.append(
            (
                gettext("Within %(miles)s miles of %(place)s")
                % {"miles": radius, "place": location.label},
                _without(params, "postcode"),
            )
        )
    return chips


# Fewer guide pages than this for all the words: also suggest pages matching any of them.
FEW_RESULTS = 3


def _pages_matching_most_words(backend, q, pages, exclude, limit=5):
    """Guide pages with the most of the search's words (one search per word, at most eight
    words; the guide is a few hundred pages at most), then in the order of a search for any
    of the words."""
    words = list(dict.fromkeys(w for w in re.findall(r"\w[\w']*", q.lower()) if len(w) > 1))[:8]
    counts = Counter()
    for word in words:
        counts.update(page.pk for page in backend.search(word, pages)[:200])
    order = [page.pk for page in backend.search(q, pages, operator="or")[:200]]
    rank = {pk: position for position, pk in enumerate(order)}
    best = sorted(
        (pk for pk in counts if pk not in exclude),
        key=lambda pk: (-counts[pk], rank.get(pk, len(rank))),
    )[:limit]
    found = pages.in_bulk(best)
    return [found[pk] for pk in best if pk in found]


@require_GET
def site_search(request):
    """The header's search box: this site's guide pages and the directory, grouped. Only pages
    anyone may read are searched (a page behind a login or password is left out). A search that
    finds little never ends there: pages matching some of the words, the guide, the directory
    and SENDIAS are offered."""
    form = SiteSearchForm(request.GET)
    valid = form.is_valid()
    q = form.cleaned_data["q"] if valid else ""
    pages, suggestions, listings, total = [], [], [], 0
    if q:
        backend = get_search_backend()
        # This site's pages only: each authority's site shows the national guide as aliases.
        site = Site.find_for_request(request)
        pages_here = Page.objects.in_site(site) if site is not None else Page.objects.none()
        guide = pages_here.live().public().specific().exclude(depth__lte=2)
        # In families' words (search/vocabulary.py), as the directory search.
        authority = authority_for_request(request)
        words = family_query(
            q, change_log.request_version(request), (authority.pk,) if authority else ()
        )
        try:
            if words is not None:  # None: no letters or digits, nothing to find
                pages = list(backend.search(words, guide)[:10])
                if len(pages) < FEW_RESULTS and len(q.split()) > 1:
                    # A family's question ("school not meeting my child's needs") rarely has
                    # every word on one page: offer the pages that match the most of them.
                    suggestions = _pages_matching_most_words(
                        backend, q, guide, {p.pk for p in pages}
                    )
                results = backend.search(words, Listing.objects.published())
                listings = list(results[:5])
                total = results.count()
        except DatabaseError:
            # Words the backend's query language cannot parse find nothing rather than fail.
            pages, suggestions, listings, total = [], [], [], 0
    return render(
        request,
        "search/site_search.html",
        {
            "form": form,
            "q": q,
            "pages": pages,
            "suggestions": suggestions,
            "few_results": bool(q) and len(pages) < FEW_RESULTS,
            "listings": listings,
            "listing_total": total,
            "directory_url": "/directory/?" + urlencode({"q": q}),
        },
        status=200 if valid else 400,
    )
