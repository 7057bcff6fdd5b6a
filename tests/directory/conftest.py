import datetime
import itertools

import pytest
from django import forms
from django.utils import timezone

from directory.models import ListingEditor, LocalAuthority, Need, Service, Setting
from directory.reference_data import ensure_listing_workflow, ensure_needs
from directory.taxonomy import Phase, ServiceCategory, SettingType
from home import roles

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


def edit_form_data(listing, user, **changes):
    """The POST data the admin's edit form would send for this listing, with changes."""
    viewset = type(listing).snippet_viewset
    form_class = viewset.get_edit_handler().get_form_class()
    form = form_class(instance=listing, for_user=user)
    data = {}
    for name, field in form.fields.items():
        value = changes.pop(name, form[name].value())
        if isinstance(field.widget, forms.NullBooleanSelect):
            data[name] = {True: "true", False: "false"}.get(value, "unknown")
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v.pk if hasattr(v, "pk") else v) for v in value]
        elif value is None:
            data[name] = ""
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    assert not changes, f"not fields of this editor's form: {sorted(changes)}"
    return data
