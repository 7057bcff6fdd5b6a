from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .. import maps, presentation
from ..accountability import authority_summary
from ..models import Listing
from ..sites import authority_for_request
from .caching import kept_page, same_for_every_family
from .places import back_to_results, miles_from, postcode_location
from .shortlist import SHORTLIST_SIZE, shortlist_notices, shortlisted


@same_for_every_family
@require_GET
def profile(request, slug):
    """A listing's public profile: the standard's sections, in order, with every gap stated."""
    base = get_object_or_404(Listing.objects.filter(live=True).only("id", "kind"), slug=slug)
    postcode, location = postcode_location(request.GET.get("postcode"))
    # A profile shows its own listing (and how far it is): another listing's change keeps it.
    kept = kept_page(request, {"listing": base.pk, "at": location}, shows=[base.pk])
    if kept is not None:
        return kept
    model = _model_for(base.kind)
    listing = get_object_or_404(
        model.objects.select_related("authority").prefetch_related(*_prefetch(base.kind)),
        pk=base.pk,
    )
    url = request.build_absolute_uri(listing.get_url())
    context = presentation.profile_context(listing, url)
    miles = miles_from(location, listing)
    context["key_facts"] = presentation.key_facts(listing, miles, postcode)
    if maps.maps_shown():
        context["listing_map"] = maps.profile_map(listing, postcode, location, miles)
    context["shortlist"] = shortlisted(request)
    context["shortlist_size"] = SHORTLIST_SIZE
    back = back_to_results(request.GET.get("back"))
    context["back_url"] = back and f"{back}#listing-{listing.pk}"
    context["shortlist_notice"] = shortlist_notices(request).get(listing.pk)
    return render(request, "directory/profile.html", context)


def _model_for(kind):
    from ..models import Service, Setting

    return Service if kind == "service" else Setting


def _prefetch(kind):
    return ["needs"] if kind == "service" else ["needs", "resourced_provision_needs"]


@require_GET
def transparency(request):
    """How complete and how current each authority's Local Offer is, for anyone to see. An
    authority's own site shows its own figures (and links to every authority's); the national
    site, every authority's."""
    authority = authority_for_request(request)
    everyone = authority is None or "all" in request.GET
    rows, national = authority_summary(authority_ids=None if everyone else [authority.pk])
    return render(
        request,
        "directory/transparency.html",
        {
            "rows": rows,
            "national": national,
            "site_authority": authority,
            "everyone": everyone,
            "breadcrumbs": [{"title": "Find schools and services", "url": "/directory/"}],
        },
    )
