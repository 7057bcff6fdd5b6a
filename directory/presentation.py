"""How the standard's items read on public pages (profile, compare): values or plain gaps."""

import datetime
import decimal
import json

from django.db import models
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe

from . import standard

PERCENT_FIELDS = {"sen_support_percent", "ehc_plan_percent"}


def gap_message(listing):
    return (
        "Not published by this service"
        if listing.kind == "service"
        else "Not published by this setting"
    )


def field_html(listing, name):
    field = listing._meta.get_field(name)
    value = getattr(listing, name)
    if isinstance(field, models.ManyToManyField):
        names = [str(obj) for obj in value.all()]
        return format_html(
            "<ul class='list'>{}</ul>", format_html_join("", "<li>{}</li>", ((n,) for n in names))
        )
    if field.choices:
        return getattr(listing, f"get_{name}_display")()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(field, models.URLField):
        return format_html('<a href="{}">{}</a>', value, value)
    if isinstance(field, models.EmailField):
        return format_html('<a href="mailto:{}">{}</a>', value, value)
    if name.endswith("phone"):
        return format_html('<a href="tel:{}">{}</a>', value.replace(" ", ""), value)
    if name in PERCENT_FIELDS:
        return f"{value.normalize():f}%"
    if isinstance(value, decimal.Decimal):
        return f"{value.normalize():f}"
    if isinstance(field, models.TextField):
        return mark_safe(linebreaks(value, autoescape=True))  # noqa: S308 - escaped by linebreaks
    return str(value)


def item_parts(listing, item):
    """[(label, html)] for a met item; the parts that are filled in."""
    special = {
        "ages": lambda: [("", listing.age_range)],
        "address": lambda: [
            (
                "",
                format_html_join(
                    mark_safe("<br>"), "{}", ((line,) for line in listing.address_lines)
                ),
            )
        ],
        "waiting-time": lambda: [
            (
                "",
                format_html(
                    "{} weeks (stated on {})",
                    listing.waiting_weeks,
                    date_format(listing.waiting_stated_on, "j F Y"),
                ),
            )
        ],
    }
    if item.key in special:
        return special[item.key]()
    parts = []
    for name in item.fields:
        if standard.is_filled(listing, name):
            label = listing._meta.get_field(name).verbose_name if len(item.fields) > 1 else ""
            parts.append((str(label).capitalize() if label else "", field_html(listing, name)))
    return parts


def profile_sections(listing):
    """The standard's sections for this listing, each item with its parts or None (a gap)."""
    sections = []
    for section in standard.profile_for(listing):
        rows = []
        for item in section.items:
            met = standard.is_met(listing, item)
            rows.append({"item": item, "parts": item_parts(listing, item) if met else None})
        sections.append({"section": section, "rows": rows})
    return sections


def json_ld(listing, url):
    """schema.org description of the listing, for search engines and other directories."""
    data = {
        "@context": "https://schema.org",
        "@type": "Service" if listing.kind == "service" else "School",
        "name": listing.name,
        "url": url,
    }
    if listing.summary or listing.description:
        data["description"] = listing.summary or listing.description
    if listing.address_lines:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(filter(None, [listing.address_1, listing.address_2])),
            "addressLocality": listing.town,
            "postalCode": listing.postcode,
            "addressCountry": "GB",
        }
    if listing.latitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": listing.latitude,
            "longitude": listing.longitude,
        }
    if listing.phone:
        data["telephone"] = listing.phone
    if listing.email:
        data["email"] = listing.email
    if listing.website:
        data["sameAs"] = listing.website
    if listing.kind == "service":
        data["serviceType"] = listing.get_category_display()
        if listing.provider:
            data["provider"] = {"@type": "Organization", "name": listing.provider}
        data["areaServed"] = listing.authority.name
    if listing.min_age is not None or listing.max_age is not None:
        data["audience"] = {
            "@type": "PeopleAudience",
            **({"suggestedMinAge": listing.min_age} if listing.min_age is not None else {}),
            **({"suggestedMaxAge": listing.max_age} if listing.max_age is not None else {}),
        }
    text = json.dumps(data, ensure_ascii=False)
    # Safe inside <script>: no tag or entity can be closed or opened from the data.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above


def profile_context(listing, url, is_preview=False):
    """Everything the profile template needs; shared by the public page and the admin preview."""
    return {
        "listing": listing,
        "sections": profile_sections(listing),
        "result": standard.evaluate(listing),
        "gap_message": gap_message(listing),
        "stale": standard.is_stale(listing.last_reviewed_on),
        "json_ld": json_ld(listing, url),
        "breadcrumbs": [{"title": "Find schools and services", "url": "/directory/"}],
        "is_preview": is_preview,
    }
