"""The demo's sites: the national site (the default site: the national directory, the
transparency page and the guide) and the Local Offers of two fictional authorities, Northbrook
and Southmere, each on its own host name with its own home page, settings and local pages.

Everything here is get-or-create, so `seed_demo` can run any number of times.
Phone numbers are in Ofcom's range reserved for drama (01632 960xxx); emails use example.org.
"""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

import roles
from directory.authority_groups import sync_place_groups
from directory.models import LocalAuthority
from home.models import AuthoritySettings, HomePage
from localoffer.local_offers import add_local_offer

NATIONAL = {
    "authority_name": "Local Offers in England",
    "service_name": "SEND guide and national directory",
    "phase": "Beta",
    "contact_email": "localoffer@national.example.org",
    "contact_hours": "",
    "sendias_name": "Your local SENDIAS service",
    "sendias_website": "https://councilfordisabledchildren.org.uk/information-advice-and-support-services-network/find-your-local-ias-service",
}

# Each authority's own Local Offer: (LA code, host name, home page slug, settings).
DEMO_AUTHORITY = {
    "authority_name": "Northbrook Council",
    "service_name": "SEND Local Offer",
    "phase": "Beta",
    "contact_email": "localoffer@northbrook.example.org",
    "contact_phone": "01632 960 100",
    "contact_hours": "Monday to Friday, 9am to 5pm",
    "contact_address": "SEND Local Offer team\nNorthbrook Council\nTown Hall\nNorthbrook\nNB1 1AA",
    "sendias_name": "Northbrook SENDIAS",
    "sendias_phone": "01632 960 200",
    "sendias_email": "advice@northbrook-sendias.example.org",
    "sendias_website": "https://northbrook-sendias.example.org/",
    "sendias_hours": "Monday to Friday, 9:30am to 4:30pm",
}
SOUTHMERE = {
    "authority_name": "Southmere Borough Council",
    "service_name": "SEND Local Offer",
    "phase": "Beta",
    "contact_email": "send@southmere.example.org",
    "contact_phone": "01632 960 300",
    "contact_hours": "Monday to Thursday, 9am to 4pm",
    "contact_address": "SEND Local Offer\nSouthmere Borough Council\nCivic Centre\nSouthmere",
    "sendias_name": "Southmere SENDIASS",
    "sendias_phone": "01632 960 400",
    "sendias_email": "help@southmere-sendiass.example.org",
    "sendias_website": "https://southmere-sendiass.example.org/",
    "sendias_hours": "Monday to Friday, 10am to 3pm",
}
AUTHORITY_SITES = [
    ("990", "northbrook.localhost", "northbrook", DEMO_AUTHORITY),
    ("991", "southmere.localhost", "southmere", SOUTHMERE),
]

HOME_INTRO = (
    "<p>Help and support for children and young people aged 0 to 25 with special educational "
    "needs and disabilities (SEND), and their families.</p>"
)

ENTRY_POINTS = [
    (
        "My child may have SEND",
        "What special educational needs are, the signs to look for, and who to talk to first.",
        "/guide/what-send-means/",
    ),
    (
        "Find a school or service",
        "Search schools, nurseries, colleges and services by need, age and distance. "
        "Compare what they offer.",
        "/directory/",
    ),
    (
        "Know your rights",
        "What schools and the council must do, how to ask for an EHC needs assessment, "
        "and how to appeal.",
        "/guide/",
    ),
    (
        "Get help now",
        "Free, impartial advice from people who know the law and are not part of the council.",
        "#help-now-heading",
    ),
]


def ensure_root_page():
    """Wagtail's migrations create the locale, root page and root collection; an emptied
    database (e.g. after a test flush) lacks them."""
    if not Locale.objects.exists():
        Locale.objects.create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    return root


def ensure_home_page():
    """Return the national site's HomePage, creating it (and replacing Wagtail's welcome page)
    if needed."""
    home = HomePage.objects.filter(slug="home", depth=2).first()
    if home is not None:
        return home, False
    root = ensure_root_page()
    # Wagtail's first migration leaves a plain "Welcome" page at the home slug; it has no
    # content of ours, so replace it rather than nest the site under it.
    for welcome in root.get_children().filter(slug="home", content_type__model="page"):
        if welcome.get_children_count() == 0:
            welcome.delete()
    home = HomePage(
        title="SEND support for families",
        slug="home",
        intro=HOME_INTRO,
        entry_points=[
            ("entry_point", {"heading": h, "summary": s, "page": None, "url": u})
            for h, s, u in ENTRY_POINTS
        ],
        show_help_now=True,
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    return home, True


def ensure_site(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Local Offer",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return site


def ensure_authority_settings(site, values):
    settings_ = AuthoritySettings.for_site(site)
    if settings_.authority_name == AuthoritySettings._meta.get_field("authority_name").default:
        for name, value in values.items():
            setattr(settings_, name, value)
        settings_.save()
    return settings_


def seed():
    """The national site: the default site, its home page and settings."""
    home, _ = ensure_home_page()
    # Page and collection permissions hang off the root nodes, which may have just been made.
    roles.sync_roles()
    sync_place_groups()
    site = ensure_site(home)
    national = ensure_authority_settings(site, NATIONAL)
    return site, home, national


def ensure_authority_site(code, hostname, slug, values):
    """An authority's own Local Offer, as `manage.py add_local_offer` makes it, with the
    demo's entry points on its home page."""
    authority = LocalAuthority.objects.get(code=code)
    home = HomePage.objects.filter(slug=slug, depth=2).first()
    if home is None:
        home = HomePage(
            title=f"SEND support in {authority.name}",
            slug=slug,
            intro=HOME_INTRO,
            entry_points=[
                ("entry_point", {"heading": h, "summary": s, "page": None, "url": u})
                for h, s, u in ENTRY_POINTS
            ],
            show_help_now=True,
        )
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
    site, home = add_local_offer(authority, hostname, slug=slug, settings_values=values, home=home)
    return LocalAuthority.objects.get(pk=authority.pk), site, home


def seed_authority_sites():
    """Northbrook's and Southmere's Local Offers; they are neighbours."""
    made = [ensure_authority_site(*spec) for spec in AUTHORITY_SITES]
    northbrook, southmere = made[0][0], made[1][0]
    northbrook.neighbours.add(southmere)
    return made
