from django import template

from ..profile import MEASURES, profile_for, profiles_in_bulk

register = template.Library()


@register.inclusion_tag("inclusion/profile_section_body.html")
def inclusion_section(listing):
    """The inclusion section of a school's profile (nothing for a service)."""
    if getattr(listing, "kind", None) != "setting" or not hasattr(listing, "urn"):
        return {"profile": None}
    return {"profile": profile_for(listing), "listing": listing}


@register.inclusion_tag("inclusion/compare_rows_body.html")
def inclusion_compare_rows(listings):
    """Rows of the compare table: each school's published figures with its authority's, and
    the inclusion criteria it meets."""
    profiles = profiles_in_bulk(listings)
    if not profiles:
        return {"rows": []}
    rows = []
    for key, label, unit, *_ in MEASURES:
        cells = []
        for listing in listings:
            profile = profiles.get(listing.pk)
            measure = profile.measure(key) if profile else None
            cells.append({"listing": listing, "measure": measure, "applies": profile is not None})
        rows.append({"label": label, "unit": unit, "cells": cells})
    criteria = [{"listing": listing, "profile": profiles.get(listing.pk)} for listing in listings]
    return {"rows": rows, "criteria": criteria, "columns": len(listings) + 1}
