from django import template

from ..profile import profile_for

register = template.Library()


@register.inclusion_tag("inclusion/profile_section_body.html")
def inclusion_section(listing):
    """The inclusion section of a school's profile (nothing for a service)."""
    if getattr(listing, "kind", None) != "setting" or not hasattr(listing, "urn"):
        return {"profile": None}
    return {"profile": profile_for(listing), "listing": listing}
