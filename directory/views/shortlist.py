"""The family's shortlist and side-by-side comparison of listings (no account: the shortlist is
kept in the session)."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from .. import presentation, standard
from ..forms import CompareForm, ShortlistForm
from ..models import Listing

SHORTLIST_SIZE = 4
COMPARE_MIN, COMPARE_MAX = 2, 4
SHORTLIST_KEY = "shortlist"


def shortlisted(request):
    """The ids of the listings on this visitor's shortlist, in the order they were added."""
    return [pk for pk in request.session.get(SHORTLIST_KEY, []) if isinstance(pk, int)]


@require_POST
def shortlist(request):
    """Add or remove a listing (kept in the session: no account needed)."""
    ids = shortlisted(request)
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
    ids = shortlisted(request)
    listings = Listing.objects.published().filter(pk__in=ids).select_related("authority")
    by_id = {listing.pk: listing for listing in listings}
    return render(
        request,
        "directory/shortlist.html",
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
            "directory/compare.html",
            {"problem": problem, "breadcrumbs": breadcrumbs},
            status=400,
        )
    return render(
        request,
        "directory/compare.html",
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
