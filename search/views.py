from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import DatabaseError
from django.shortcuts import render
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from directory.models import Listing, LocalAuthority
from directory.sites import authority_for_request
from directory.taxonomy import MAX_AGE, MIN_AGE, NEED_TYPES
from directory.views.shortlist import shortlisted

from .forms import (
    DEFAULT_RADIUS,
    KIND_CHOICES,
    RADIUS_CHOICES,
    DirectorySearchForm,
    SiteSearchForm,
)
from .query import DirectorySearch, find_location

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


@require_GET
def directory_search(request):
    authorities = list(LocalAuthority.objects.only("code", "name"))
    params = local_area_first(request)
    form = DirectorySearchForm(params or None, authorities=authorities)
    context = {
        "form": form,
        "breadcrumbs": [],
        "shortlist": shortlisted(request),
        "local_area": _local_area_links(request, params),
    }
    if form.is_bound and not form.is_valid():
        context["options"] = _filter_options(_chosen(request.GET), None, authorities)
        return render(request, "search/directory.html", context, status=400)
    data = form.cleaned_data if form.is_bound else {}

    location = find_location(data.get("postcode"))
    postcode_problem = None
    if data.get("postcode") and location is None:
        postcode_problem = (
            f"We could not find the postcode “{data['postcode']}”. Check it, or search without one."
            if form.postcode_is_wellformed
            else f"“{data['postcode']}” is not a postcode. Enter a postcode like NB1 2NE, or "
            "just its first half, like NB1."
        )

    search = DirectorySearch(data, location, authorities)
    paginator = Paginator(search.results(), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    params = [(key, value) for key, values in params.lists() for value in values]
    context.update(
        {
            "search": search,
            "results_page": page,
            "cards": search.decorate(search.page_ids(page)),
            "postcode_problem": postcode_problem,
            "active_filters": _active_filters(data, location, search, params, authorities),
            "query_string": urlencode([(k, v) for k, v in params if k != "page"]),
            "options": _filter_options(
                _chosen({**data, "radius": search.radius}), search.facets(), authorities
            ),
        }
    )
    return render(request, "search/directory.html", context)


def _filter_options(chosen, facets, authorities):
    """Each filter's options as (value, label, count, chosen), ready to print: the page lists
    about 220 of them, so the template does no lookups. `chosen` maps each filter to the
    values picked, as strings; without facets (a form with errors) there are no counts."""
    facets = facets or {}

    def options(name, values_and_labels):
        counts = facets.get(name, {})
        picked = chosen.get(name, ())
        return [
            (value, label, counts.get(value, 0) if facets else None, str(value) in picked)
            for value, label in values_and_labels
        ]

    radius = options("radius", RADIUS_CHOICES)
    if not facets.get("radius"):  # no postcode: distances cannot be counted
        radius = [(value, label, None, picked) for value, label, _, picked in radius]
    return {
        "radius": _option_tags(radius),
        "age": _option_tags(options("age", ((age, age) for age in range(MIN_AGE, MAX_AGE + 1)))),
        "need": options("need", ((need.code, need.name) for need in NEED_TYPES)),
        "kind": options("kind", KIND_CHOICES),
        "la": _option_tags(options("la", ((a.code, a.name) for a in authorities))),
    }


def _option_tags(options):
    """A select's <option> tags, escaped. Made here rather than in the template because the
    authority list alone is over 150 options, which the template language renders slowly."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}{}</option>',
        (
            (value, mark_safe(" selected") if chosen else "", label, "" if n is None else f" ({n})")
            for value, label, n, chosen in options
        ),
    )


def _chosen(values):
    """{filter: the values chosen, as strings} from cleaned data or the raw query string."""
    chosen = {}
    for name in ("radius", "age", "need", "kind", "la"):
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
        chips.append((f"Words: {data['q']}", _without(params, "q")))
    for code in data.get("need") or []:
        chips.append((f"Need: {needs[code]}", _without(params, "need", code)))
    for kind in data.get("kind") or []:
        chips.append((f"Type: {names[kind]}", _without(params, "kind", kind)))
    if data.get("age") is not None:
        chips.append((f"Age: {data['age']}", _without(params, "age")))
    if data.get("la"):
        area = authority_names.get(data["la"], data["la"])
        if data.get("near"):
            area += " and neighbouring authorities"
        # An empty `la` is the whole country (an authority's site otherwise opens on its own).
        everywhere = [(k, v) for k, v in params if k not in ("la", "near")] + [("la", "")]
        chips.append((f"Area: {area}", _without(everywhere, "page")))
    if location:
        radius = data.get("radius") or DEFAULT_RADIUS
        chips.append((f"Within {radius} miles of {location.label}", _without(params, "postcode")))
    return chips


@require_GET
def site_search(request):
    """The header's search box: guide pages and the directory, grouped. Only pages anyone may
    read are searched (a page behind a login or password is left out)."""
    form = SiteSearchForm(request.GET)
    valid = form.is_valid()
    q = form.cleaned_data["q"] if valid else ""
    pages, listings, total = [], [], 0
    if q:
        backend = get_search_backend()
        try:
            pages = list(
                backend.search(q, Page.objects.live().public().specific().exclude(depth__lte=2))[
                    :10
                ]
            )
            results = backend.search(q, Listing.objects.published())
            listings = list(results[:5])
            total = results.count()
        except DatabaseError:
            # Words the backend's query language cannot parse find nothing rather than fail.
            pages, listings, total = [], [], 0
    return render(
        request,
        "search/site_search.html",
        {
            "form": form,
            "q": q,
            "pages": pages,
            "listings": listings,
            "listing_total": total,
            "directory_url": "/directory/?" + urlencode({"q": q}),
        },
        status=200 if valid else 400,
    )
