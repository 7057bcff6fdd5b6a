"""The national guide in every authority's Local Offer.

The law is national, so the guide is written once, under the national site, and signed off by
the national forum. Each authority's site shows it as a Wagtail alias of the national guide
(the guide index and every page in it): an alias is kept in step with its original by Wagtail
each time the original is published, so a national update reaches every site at once, after
national sign-off. Local pages (local contacts, policies, the local SEND strategy) are ordinary
pages that the authority's own forum writes and signs off, beside the aliases in that site's
guide; each keeps its own cycle.
"""

from wagtail.models import Page, Site

from .models import GuideIndexPage


def national_guide():
    """The national guide: the guide index of the default (national) site that is not an
    alias."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    return (
        GuideIndexPage.objects.descendant_of(site.root_page, inclusive=True)
        .filter(alias_of__isnull=True)
        .first()
    )


def share_national_guide(home):
    """Put the national guide into an authority's site (under its home page), once."""
    guide = national_guide()
    if guide is None:
        return None
    existing = GuideIndexPage.objects.child_of(home).filter(alias_of=guide).first()
    if existing is not None:
        return existing
    return guide.create_alias(parent=home, recursive=True)


def alias_new_national_page(page):
    """A page newly published in the national guide appears in every authority's guide too
    (Wagtail keeps existing aliases in step, but does not alias a new child by itself)."""
    parent = page.get_parent()
    if parent is None:
        return []
    made = []
    for parent_alias in Page.objects.filter(alias_of=parent):
        if not Page.objects.child_of(parent_alias).filter(alias_of=page).exists():
            made.append(page.create_alias(parent=parent_alias))
    return made
