import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.utils import timezone

import roles
from directory import change_log
from directory.models import (
    AuthorityAccess,
    ListingEditor,
    LocalAuthority,
    Need,
    Postcode,
    Service,
    Setting,
)
from directory.reference_data import ensure_listing_workflow, ensure_needs
from directory.taxonomy import Phase, ServiceCategory, SettingType
from localoffer.demo import sites as demo_sites

PASSWORD = "correct-horse-battery-staple"


def pytest_sessionstart(session):
    """The translation catalogs compiled (locale/*.mo are built, not kept in git), so every
    test sees the fixed text in each language as a family would."""
    from localoffer.management.commands.compile_catalogs import compile_catalogs

    compile_catalogs()


@pytest.fixture
def demo_site(db):
    """The site, its home page and the demo authority's settings, as seed_demo makes them."""
    site, home, authority = demo_sites.seed()
    return site


@pytest.fixture
def make_user(db):
    """Create a user in one of the roles (None makes a superuser)."""

    def make(username, role=None, authorities=None):
        """`authorities`: the LocalAuthority objects an officer, forum editor or regulator acts
        for; by default they act for every authority (national)."""
        User = get_user_model()
        user = User.objects.create_user(
            username=username,
            password=PASSWORD,
            email=f"{username}@example.org",
            is_staff=role is None,
            is_superuser=role is None,
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        if role in roles.SCOPED_ROLES:
            access = AuthorityAccess.objects.create(user=user, national=authorities is None)
            access.authorities.set(authorities or [])
        return user

    return make


@pytest.fixture(params=roles.ROLE_NAMES)
def role_name(request):
    return request.param


# Directory fixtures, shared by the directory and search tests.
_urn = itertools.count(100001)


@pytest.fixture
def authority(db):
    ensure_needs()
    return LocalAuthority.objects.create(code="990", name="Northbrook")


@pytest.fixture
def other_authority(db):
    return LocalAuthority.objects.create(code="991", name="Southmere")


def publish(listing):
    listing.save()
    listing.save_revision().publish()
    return listing


@pytest.fixture
def make_setting(authority):
    def make(name="Oakfield Primary School", publish_it=True, **fields):
        values = {
            "authority": authority,
            "setting_type": SettingType.MAINSTREAM,
            "phase": Phase.PRIMARY,
            "min_age": 4,
            "max_age": 11,
            "urn": next(_urn),
            "last_reviewed_on": timezone.localdate() - datetime.timedelta(days=30),
            **fields,
        }
        setting = Setting(name=name, **values)
        return publish(setting) if publish_it else setting

    return make


@pytest.fixture
def make_service(authority):
    def make(name="Speech and Language Therapy", **fields):
        values = {
            "authority": authority,
            "category": ServiceCategory.SPEECH_LANGUAGE,
            "min_age": 0,
            "max_age": 18,
            **fields,
        }
        return publish(Service(name=name, **values))

    return make


@pytest.fixture
def link():
    def make(user, listing):
        return ListingEditor.objects.create(user=user, listing=listing)

    return make


@pytest.fixture
def workflow(db):
    return ensure_listing_workflow()


@pytest.fixture
def needs(authority):
    return {need.code: need for need in Need.objects.all()}


@pytest.fixture
def officer(make_user):
    return make_user("officer", roles.LOCAL_OFFER_OFFICERS)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database rolls back between tests, the
    process-wide cache would not."""

    for cache in caches.all():
        cache.clear()
    change_log.forget_everything_kept()


# Search fixtures, shared by the search and directory (shortlist, compare) tests.


@pytest.fixture
def postcodes(db):
    rows = [
        ("NB1 1AA", 52.6000, -1.5000),  # the family's home
        ("NB1 2BB", 52.6050, -1.5050),
        ("NB9 9ZZ", 52.9000, -1.5000),  # about 21 miles north
    ]
    for code, lat, lon in rows:
        Postcode.objects.create(postcode=code, outward=code.split()[0], latitude=lat, longitude=lon)
    return rows


@pytest.fixture
def area(make_setting, make_service, needs, postcodes, other_authority):
    """Schools and services around NB1 1AA, with known needs, ages and distances."""
    near_rp = make_setting(
        "Near Primary Autism Base",
        setting_type="resourced",
        latitude=52.601,
        longitude=-1.501,
        min_age=4,
        max_age=11,
    )
    near_rp.needs.set([needs["ASD"]])
    near_mainstream_rp = make_setting(
        "Near Primary With Unit",
        resourced_provision="unit",
        latitude=52.61,
        longitude=-1.49,
        min_age=4,
        max_age=11,
    )
    near_mainstream_rp.needs.set([needs["ASD"], needs["SLCN"]])
    near_secondary = make_setting(
        "Near Secondary",
        latitude=52.59,
        longitude=-1.52,
        min_age=11,
        max_age=18,
        phase="secondary",
    )
    near_secondary.needs.set([needs["ASD"]])
    far_rp = make_setting(
        "Far Primary Autism Base",
        setting_type="resourced",
        latitude=52.9,
        longitude=-1.5,
        min_age=4,
        max_age=11,
    )
    far_rp.needs.set([needs["ASD"]])
    elsewhere = make_setting(
        "Southmere Special School",
        setting_type="special",
        authority=other_authority,
        latitude=52.48,
        longitude=-1.42,
        min_age=2,
        max_age=19,
    )
    elsewhere.needs.set([needs["PMLD"]])
    therapy = make_service(
        "Speech Therapy Team",
        latitude=52.602,
        longitude=-1.502,
        description="Speech and language therapy for children.",
    )
    therapy.needs.set([needs["SLCN"]])
    for listing in (near_rp, near_mainstream_rp, near_secondary, far_rp, elsewhere, therapy):
        listing.save()  # re-index with needs
    return {
        "near_rp": near_rp,
        "near_mainstream_rp": near_mainstream_rp,
        "near_secondary": near_secondary,
        "far_rp": far_rp,
        "elsewhere": elsewhere,
        "therapy": therapy,
    }


@pytest.fixture
def redis_server():
    """A real Redis of the test's own (tests/servers.py), stopped after."""
    from tests.servers import RedisServer

    server = RedisServer().start()
    yield server
    server.stop()
