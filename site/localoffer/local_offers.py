"""Adding a local authority's own Local Offer to the instance: its home page, its Wagtail Site
on its own host name, its settings, its collection and staff groups, and the national guide."""

from django.db import transaction
from wagtail.models import Page, Site

from guidance.sharing import share_national_guide
from home.models import AuthoritySettings, HomePage

HOME_INTRO = (
    "<p>Help and support for children and young people aged 0 to 25 with special educational "
    "needs and disabilities (SEND), and their families.</p>"
)


@transaction.atomic
def add_local_offer(
    authority, hostname, port=80, slug=None, settings_values=None, home=None, in_bulk=False
):
    """Give `authority` its own Local Offer site (idempotent). Returns (site, home page).
    `in_bulk`: the caller adds many and syncs the staff groups once at the end
    (directory.authority_groups.sync_place_groups) rather than once per authority."""
    slug = slug or authority.slug
    if home is None:
        home = HomePage.objects.filter(slug=slug, depth=2).first()
    if home is None:
        home = HomePage(title=f"SEND support in {authority.name}", slug=slug, intro=HOME_INTRO)
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(hostname=hostname, port=port).first()
    if site is None:
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            site_name=(settings_values or {}).get("authority_name", authority.name),
        )
    settings_ = AuthoritySettings.for_site(site)
    # Fill the settings only while they are still the defaults: officers edit them after.
    if settings_.authority_name == AuthoritySettings._meta.get_field("authority_name").default:
        for name, value in (settings_values or {"authority_name": authority.name}).items():
            setattr(settings_, name, value)
        settings_.save()
    if authority.site_id != site.pk:
        authority.site = site
        if in_bulk:
            type(authority).objects.filter(pk=authority.pk).update(site=site)
        else:
            authority.save()  # gives its staff their place groups (directory.signals)
    share_national_guide(site.root_page.specific)
    return site, site.root_page.specific
