"""How the standard's items read on public pages (profile, compare): values or plain gaps."""

import datetime
import decimal
import json

from django.db import models
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from . import standard

PERCENT_FIELDS = {"sen_support_percent", "ehc_plan_percent"}
# Fields whose numbers read better with their unit.
UNITS = {"senco_hours": "hours a week"}


def sentence_case(text):
    """The first letter in capitals and the rest as written, so that "SENCo email" and "SEN
    support" keep their capitals (str.capitalize() would make them "Senco" and "Sen")."""
    text = str(text)
    return text[:1].upper() + text[1:]


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
        number = f"{value.normalize():f}"
        return f"{number} {UNITS[name]}" if name in UNITS else number
    if isinstance(field, models.TextField):
        return mark_safe(linebreaks(value, autoescape=True))  # noqa: S308 - escaped by linebreaks
    return str(value)


def waiting_time_html(listing):
    """ "6 weeks (stated on 19 March 2026)", with a warning when it was stated longer ago than
    the standard allows (standard.WAITING_TIME_CURRENT_FOR)."""
    weeks = listing.waiting_weeks
    # In the page's language; the date's month name too (Django's date formats per language).
    text = format_html(
        "{}",
        ngettext(
            "%(weeks)s week (stated on %(date)s)", "%(weeks)s weeks (stated on %(date)s)", weeks
        )
        % {"weeks": weeks, "date": date_format(listing.waiting_stated_on, "j F Y")},
    )
    if standard.waiting_time_is_current(listing.waiting_stated_on):
        return text
    return format_html(
        '{} <strong class="tag tag--warning">{}</strong><span class="waiting-warning">{}</span>',
        text,
        gettext("Out of date"),
        gettext(
            "This was stated more than %(limit)s ago, so the wait may now be different. "
            "Ask the service."
        )
        % {"limit": gettext(standard.WAITING_TIME_AGE_LIMIT)},
    )


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
        "waiting-time": lambda: [("", waiting_time_html(listing))],
    }
    if item.key in special:
        return special[item.key]()
    parts = []
    for name in item.fields:
        if standard.is_filled(listing, name):
            label = listing._meta.get_field(name).verbose_name if len(item.fields) > 1 else ""
            parts.append((sentence_case(label) if label else "", field_html(listing, name)))
    in_progress = getattr(listing, "senco_qualification", "") == "in-progress"
    if item.key == "senco-qualification" and in_progress and listing.senco_qualification_started_on:
        started = date_format(listing.senco_qualification_started_on, "j F Y")
        parts.append(("", f"Started on {started}"))
    return parts


def _contact_html(phone, email, website=""):
    links = []
    if phone:
        links.append(format_html('<a href="tel:{}">{}</a>', phone.replace(" ", ""), phone))
    if email:
        links.append(format_html('<a href="mailto:{}">{}</a>', email, email))
    if website:
        links.append(format_html('<a href="{}">Website</a>', website))
    return format_html_join(mark_safe("<br>"), "{}", ((link,) for link in links))


def key_facts(listing, miles=None, postcode=""):
    """[(label, html)]: the facts families choose by, first on the profile. A fact not
    published says so, as gaps do everywhere."""
    gap = gap_message(listing)
    not_published = format_html('<span class="gap">{}</span>', gap)
    facts = []
    needs = [need.name for need in listing.needs.all()]
    facts.append(
        (
            "Needs met",
            format_html_join(mark_safe("; "), "{}", ((n,) for n in needs))
            if needs
            else not_published,
        )
    )
    if listing.kind == "setting" and listing.resourced_provision:
        facts.append(("Resourced provision or SEN unit", resourced_provision_html(listing)))
    facts.append(("Ages", listing.age_range or not_published))
    if miles is not None:
        facts.append(("Distance", f"{miles:.1f} miles from {postcode}"))
    if listing.kind == "setting":
        senco = listing.senco_name or ""
        contact = _contact_html(listing.senco_phone, listing.senco_email)
        if senco or contact:
            facts.append(
                (
                    "SENCo (special educational needs co-ordinator)",
                    format_html(
                        "{}{}{}", senco, mark_safe("<br>") if senco and contact else "", contact
                    ),
                )
            )
        else:
            facts.append(("SENCo (special educational needs co-ordinator)", not_published))
        if listing.accessibility_plan_url:
            facts.append(
                (
                    "Accessibility",
                    format_html(
                        '<a href="{}">Accessibility plan</a>', listing.accessibility_plan_url
                    ),
                )
            )
        else:
            facts.append(("Accessibility", not_published))
    else:
        facts.append(
            (
                "Waiting time",
                waiting_time_html(listing) if listing.waiting_weeks is not None else not_published,
            )
        )
        facts.append(("Cost", listing.cost or not_published))
        if listing.self_referral is not None:
            facts.append(
                (
                    "Can families refer themselves?",
                    "Yes" if listing.self_referral else "No: ask a professional to refer you",
                )
            )
    facts.append(
        (
            "Getting there",
            format_html(
                '{}{}<a href="/directory/?kind=transport">'
                "Help with travel to school or college</a>",
                format_html_join(
                    mark_safe(", "), "{}", ((line,) for line in listing.address_lines)
                ),
                mark_safe("<br>") if listing.address_lines else "",
            ),
        )
    )
    visit = _contact_html(listing.phone, listing.email, listing.website)
    noun = "service" if listing.kind == "service" else "school or setting"
    facts.append(
        (
            "Visiting or asking a question",
            format_html(
                "Contact the {} to arrange a visit or ask about a place:<br>{}", noun, visit
            )
            if visit
            else not_published,
        )
    )
    return facts


def resourced_provision_html(listing):
    """What kind, for which needs, how many places, and how places are allocated."""
    text = [listing.get_resourced_provision_display()]
    for_needs = [need.name for need in listing.resourced_provision_needs.all()]
    if for_needs:
        text.append(" for " + "; ".join(for_needs))
    capacity = listing.resourced_provision_capacity or listing.sen_unit_capacity
    on_roll = listing.resourced_provision_on_roll or listing.sen_unit_on_roll
    lines = ["".join(text)]
    if capacity:
        lines.append(f"{capacity} places" + (f", {on_roll} taken" if on_roll is not None else ""))
    lines.append(
        f"Places are usually agreed by {listing.authority.name} through an education, health "
        "and care (EHC) plan, not through the school's usual admissions. Ask the SENCo or the "
        "council's SEN team."
    )
    return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))


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
        "key_facts": key_facts(listing),
    }
