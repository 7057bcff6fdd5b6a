from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from directory import presentation, standard
from directory.models import Listing, LocalAuthority
from directory.taxonomy import MAX_AGE, MIN_AGE, NEED_TYPES

from .forms import (
    DEFAULT_RADIUS,
    KIND_CHOICES,
    RADIUS_CHOICES,
    CompareForm,
    DirectorySearchForm,
    ShortlistForm,
    SiteSearchForm,
)
from .query import DirectorySearch, find_location

PER_PAGE = 20


SHORTLIST_SIZE = 4
COMPARE_MIN, COMPARE_MAX = 2, 4
SHORTLIST_KEY = "shortlist"


def _shortlist(request):
    return [pk for pk in request.session.get(SHORTLIST_KEY, []) if isinstance(pk, int)]


def _without(params, name, value=None):
    """The current search's query string with one filter (or one value of it) removed."""
    kept = [
        (key, val)
        for key, val in params
        if key != "page" and not (key == name and (value is None or val == str(value)))
    ]
    return "?" + urlencode(kept) if kept else "?"


@require_GET
def directory_search(request):
    authorities = list(LocalAuthority.objects.only("code", "name"))
    form = DirectorySearchForm(request.GET or None, authorities=authorities)
    context = {"form": form, "breadcrumbs": [], "shortlist": _shortlist(request)}
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
    params = [(key, value) for key, values in request.GET.lists() for value in values]
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
        chips.append(
            (f"Area: {authority_names.get(data['la'], data['la'])}", _without(params, "la"))
        )
    if location:
        radius = data.get("radius") or DEFAULT_RADIUS
        chips.append((f"Within {radius} miles of {location.label}", _without(params, "postcode")))
    return chips


@require_POST
def shortlist(request):
    """Add or remove a listing (kept in the session: no account needed)."""
    ids = _shortlist(request)
    form = ShortlistForm(request.POST)
    valid = form.is_valid()
    pk = form.cleaned_data["id"] if valid else None
    action = form.cleaned_data["action"] if valid else None
    if pk is None or not Listing.objects.published().filter(pk=pk).exists():
        messages.error(request, "That school or service could not be found.")
    elif action == "remove":
        ids = [i for i in ids if i != pk]
    elif pk in ids:
        pass
    elif len(ids) >= SHORTLIST_SIZE:
        messages.error(
            request, f"Your shortlist is full: you can compare up to {SHORTLIST_SIZE} at a time."
        )
    else:
        ids.append(pk)
    request.session[SHORTLIST_KEY] = ids
    next_url = (form.cleaned_data.get("next") if valid else "") or "/directory/shortlist/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/directory/shortlist/"
    return HttpResponseRedirect(next_url)


@require_GET
def shortlist_page(request):
    ids = _shortlist(request)
    listings = Listing.objects.published().filter(pk__in=ids).select_related("authority")
    by_id = {listing.pk: listing for listing in listings}
    return render(
        request,
        "search/shortlist.html",
        {
            "listings": [by_id[i] for i in ids if i in by_id],
            "compare_ids": ",".join(str(i) for i in ids if i in by_id),
            "breadcrumbs": [{"title": "Find schools and services", "url": "/directory/"}],
        },
    )


@require_GET
def compare(request):
    form = CompareForm(request.GET, fewest=COMPARE_MIN, most=COMPARE_MAX)
    problem = None if form.is_valid() else form.errors["ids"][0]
    ids = form.cleaned_data["ids"] if not problem else []
    listings = []
    if not problem:
        found = Listing.objects.specific_in_bulk(
            Listing.objects.published().filter(pk__in=ids).values_list("pk", flat=True)
        )
        listings = [found[i] for i in ids if i in found]
        if len(listings) != len(ids):
            problem = "One or more of these schools or services could not be found."
    breadcrumbs = [{"title": "Find schools and services", "url": "/directory/"}]
    if problem:
        return render(
            request,
            "search/compare.html",
            {"problem": problem, "breadcrumbs": breadcrumbs},
            status=400,
        )
    return render(
        request,
        "search/compare.html",
        {"listings": listings, "sections": _compare_rows(listings), "breadcrumbs": breadcrumbs},
    )


def _compare_rows(listings):
    """One row per item of the standard, in the standard's order; gaps stated per listing."""
    sections, seen = [], set()
    for listing in listings:
        for section in standard.profile_for(listing):
            for item in section.items:
                if (section.title, item.key) in seen:
                    continue
                seen.add((section.title, item.key))
                if not sections or sections[-1]["title"] != section.title:
                    sections.append({"title": section.title, "rows": []})
                cells = []
                for other in listings:
                    keys = {i.key for s in standard.profile_for(other) for i in s.items}
                    if item.key not in keys:
                        cells.append({"text": "Does not apply"})
                    elif standard.is_met(other, item):
                        cells.append({"parts": presentation.item_parts(other, item)})
                    else:
                        cells.append({"gap": presentation.gap_message(other)})
                sections[-1]["rows"].append({"item": item, "cells": cells})
    return sections


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
