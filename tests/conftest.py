import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from directory.models import ListingEditor, LocalAuthority, Need, Service, Setting
from directory.reference_data import ensure_listing_workflow, ensure_needs
from directory.taxonomy import Phase, ServiceCategory, SettingType
from home import demo as home_demo
from home import roles

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def demo_site(db):
    """The site, its home page and the demo authority's settings, as seed_demo makes them."""
    site, home, authority = home_demo.seed()
    return site


@pytest.fixture
def make_user(db):
    """Create a user in one of the roles (None makes a superuser)."""

    def make(username, role=None):
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
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
