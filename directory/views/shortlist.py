"""The family's shortlist and side-by-side comparison of listings (no account: the shortlist is
kept for 30 days in a signed cookie, and can be shared as a link)."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import presentation, standard
from ..forms import CompareForm, ShortlistForm, parse_listing_ids
from ..models import Listing
from .places import distances_in_miles, miles_from, postcode_location

SHORTLIST_SIZE = 4
COMPARE_MIN, COMPARE_MAX = 2, 4
# The shortlist is kept in a signed cookie for 30 days from its last change: no account, and
# nothing about the family is stored on the server.
SHORTLIST_COOKIE = "shortlist"
SHORTLIST_SALT = "directory.shortlist"
SHORTLIST_KEPT_FOR = datetime.timedelta(days=30)


def shortlisted(request):
    """The ids of the listings on this visitor's shortlist, in the order they were added."""
    raw = request.get_signed_cookie(
        SHORTLIST_COOKIE, default="", salt=SHORTLIST_SALT, max_age=SHORTLIST_KEPT_FOR
    )
    return (parse_listing_ids(raw) or [])[:SHORTLIST_SIZE]


def keep_shortlist(request, response, ids):
    if ids:
        response.set_signed_cookie(
            SHORTLIST_COOKIE,
            ",".join(str(pk) for pk in ids),
            salt=SHORTLIST_SALT,
            max_age=int(SHORTLIST_KEPT_FOR.total_seconds()),
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    else:
        response.delete_cookie(SHORTLIST_COOKIE, samesite="Lax")
    return response


@require_POST
def shortlist(request):
    """Add or remove a listing, or keep a shared shortlist as one's own (no account needed)."""
    ids = shortlisted(request)
    action = request.POST.get("action")
    if action == "keep":
        shared = parse_listing_ids(request.POST.get("ids"))
        published = set(
            Listing.objects.published().filter(pk__in=shared or []).values_list("pk", flat=True)
        )
        if not shared or len(shared) > SHORTLIST_SIZE or set(shared) - published:
            messages.error(request, _("That shortlist could not be kept: it is not valid."))
        else:
            ids = shared
            messages.success(request, _("This is now your shortlist, kept for 30 days."))
        return keep_shortlist(request, HttpResponseRedirect(_shortlist_url()), ids)
    form = ShortlistForm(request.POST)
    valid = form.is_valid()
    pk = form.cleaned_data["id"] if valid else None
    action = form.cleaned_data["action"] if valid else None
    listing = None
    if pk is not None:
        listing = Listing.objects.published().filter(pk=pk).only("id", "name").first()
    if listing is None:
        messages.error(request, _("That school or service could not be found."))
    elif action == "remove":
        ids = [i for i in ids if i != pk]
        _tell(
            request,
            pk,
            messages.SUCCESS,
            _("Removed — %(how_full)s") % {"how_full": _how_full(ids)},
        )
    elif pk in ids:
        _tell(
            request,
            pk,
            messages.INFO,
            _("Already on your shortlist — %(how_full)s") % {"how_full": _how_full(ids)},
        )
    elif len(ids) >= SHORTLIST_SIZE:
        _tell(
            request,
            pk,
            messages.ERROR,
            _(
                "Not added: your shortlist is full. It holds %(size)s, the most you can "
                "compare side by side. To add %(name)s, first remove one from your shortlist."
            )
            % {"size": SHORTLIST_SIZE, "name": listing.name},
            full=True,
        )
    else:
        ids.append(pk)
        _tell(
            request, pk, messages.SUCCESS, _("Added — %(how_full)s") % {"how_full": _how_full(ids)}
        )
    next_url = (form.cleaned_data.get("next") if valid else "") or _shortlist_url()
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = _shortlist_url()
    if listing is not None and not next_url.startswith(_shortlist_url()):
        # Back to the card or profile that was changed, not to the top of a long page.
        next_url = next_url.split("#")[0] + f"#{SHORTLIST_ANCHOR}{pk}"
    return keep_shortlist(request, HttpResponseRedirect(next_url), ids)


# Where a page shows a listing's shortlist button (a result card, a profile), the element that
# holds it has this id followed by the listing's id: the change returns there.
SHORTLIST_ANCHOR = "listing-"
NOTICE_TAG = "shortlist-notice"


def _shortlist_url():
    """The shortlist page, in the language of the page the family was on."""
    return reverse("directory:shortlist_page")


def _how_full(ids):
    if not ids:
        return _("your shortlist is now empty")
    return _("%(count)s of %(size)s in your shortlist") % {
        "count": len(ids),
        "size": SHORTLIST_SIZE,
    }


def _tell(request, pk, level, text, full=False):
    """A confirmation shown beside the listing's own button (`shortlist_notices`)."""
    tags = f"{NOTICE_TAG} {NOTICE_TAG}-{pk}" + (" shortlist-full" if full else "")
    messages.add_message(request, level, text, extra_tags=tags)


def shortlist_notices(request):
    """{listing id: {"text", "full", "problem"}}: what the visitor's last shortlist change
    said, to show beside that listing's button. Reading them uses them up; messages not about
    one listing are left for the page that shows them."""
    notices = {}
    storage = messages.get_messages(request)
    kept = []
    for message in storage:
        tags = message.extra_tags.split()
        if NOTICE_TAG not in tags:
            kept.append(message)
            continue
        pk = int(next(t for t in tags if t.startswith(NOTICE_TAG + "-"))[len(NOTICE_TAG) + 1 :])
        notices[pk] = {
            "text": message.message,
            "full": "shortlist-full" in tags,
            "problem": message.level >= messages.WARNING,
        }
    for message in kept:  # not ours: keep for the next page that shows messages
        messages.add_message(request, message.level, message.message, message.extra_tags)
    return notices


@require_GET
def shortlist_page(request):
    """The visitor's shortlist, or a shared one (?ids=1,2,3: anyone with the link can open it,
    print it, and keep it as their own)."""
    breadcrumbs = [{"title": _("Find schools and services"), "url": reverse("search:directory")}]
    own = shortlisted(request)
    shared = None
    if "ids" in request.GET:
        shared = parse_listing_ids(request.GET["ids"])
        if shared is None or len(shared) > SHORTLIST_SIZE:
            return render(
                request,
                "directory/shortlist.html",
                {
                    "problem": _(
                        "This shortlist link is not valid. Check that it was copied whole."
                    ),
                    "breadcrumbs": breadcrumbs,
                },
                status=400,
            )
    ids = own if shared is None else shared
    found = Listing.objects.specific_in_bulk(
        Listing.objects.published().filter(pk__in=ids).values_list("pk", flat=True)
    )
    listings = [found[i] for i in ids if i in found]
    compare_ids = ",".join(str(listing.pk) for listing in listings)
    postcode, location = postcode_location(request.GET.get("postcode"))
    # What a family takes to a visit, printed or shared: the profile's key facts (needs,
    # ages, distance, SENCo and contact, waiting time, address, how to ask for a visit).
    entries = [
        {
            "listing": listing,
            "facts": presentation.key_facts(listing, miles_from(location, listing), postcode),
        }
        for listing in listings
    ]
    compare_query = {"ids": compare_ids, **({"postcode": postcode} if postcode else {})}
    return render(
        request,
        "directory/shortlist.html",
        {
            "listings": listings,
            "entries": entries,
            "postcode": postcode,
            "location_found": location is not None,
            "compare_ids": compare_ids,
            "compare_url": "/directory/compare/?" + urlencode(compare_query, safe=","),
            # The postcode travels with the link: whoever opens it sees the same distances.
            "share_url": request.build_absolute_uri(
                "/directory/shortlist/?" + urlencode(compare_query, safe=",")
            ),
            "shared": shared is not None,
            "is_own": shared is not None and shared == own,
            "missing": len(ids) - len(listings),
            "kept_days": SHORTLIST_KEPT_FOR.days,
            "breadcrumbs": breadcrumbs,
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
            problem = _("One or more of these schools or services could not be found.")
    breadcrumbs = [{"title": _("Find schools and services"), "url": reverse("search:directory")}]
    if problem:
        return render(
            request,
            "directory/compare.html",
            {"problem": problem, "breadcrumbs": breadcrumbs},
            status=400,
        )
    postcode, location = postcode_location(request.GET.get("postcode"))
    only_differences = request.GET.get("differences") == "1"
    sections = _compare_rows(listings)
    differing = sum(row["differs"] for section in sections for row in section["rows"])
    if only_differences:
        sections = [
            {**section, "rows": [row for row in section["rows"] if row["differs"]]}
            for section in sections
        ]
        sections = [section for section in sections if section["rows"]]
    base = {"ids": ",".join(str(listing.pk) for listing in listings)}
    if postcode:
        base["postcode"] = postcode
    return render(
        request,
        "directory/compare.html",
        {
            "listings": listings,
            "sections": sections,
            "breadcrumbs": breadcrumbs,
            "postcode": postcode,
            "location_found": location is not None,
            "distances": distances_in_miles(listings, location),
            "only_differences": only_differences,
            "differing": differing,
            "all_url": "?" + urlencode(base, safe=","),
            "differences_url": "?" + urlencode({**base, "differences": "1"}, safe=","),
            "compare_ids": base["ids"],
        },
    )


def _compare_rows(listings):
    """One row per item of the standard, in the standard's order; gaps stated per listing, and
    each row says whether the listings differ on it."""
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
                differs = len({repr(sorted(cell.items())) for cell in cells}) > 1
                sections[-1]["rows"].append({"item": item, "cells": cells, "differs": differs})
    return sections
