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
def inclusion_compare_rows(listings, only_differences=False):
    """Rows of the compare table: each school's published figures with its authority's, and
    the inclusion criteria it meets; each row marked where the schools differ, and only those
    rows when the family asked for the differences (as the standard's rows are)."""
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
        shown = {
            (
                cell["applies"],
                cell["measure"] and cell["measure"].school,
                cell["measure"] and cell["measure"].authority,
                cell["measure"] and cell["measure"].year,
            )
            for cell in cells
        }
        rows.append({"label": label, "unit": unit, "cells": cells, "differs": len(shown) > 1})
    criteria = [{"listing": listing, "profile": profiles.get(listing.pk)} for listing in listings]
    met = {
        cell["profile"] and tuple((e.criterion.pk, e.state) for e in cell["profile"].evaluations)
        for cell in criteria
    }
    criteria_differ = len(met) > 1
    if only_differences:
        rows = [row for row in rows if row["differs"]]
    return {
        "rows": rows,
        "criteria": criteria if criteria_differ or not only_differences else None,
        "criteria_differ": criteria_differ,
        "columns": len(listings) + 1,
    }
