import datetime

import pytest
from django import forms

import roles


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


# A school and its SENCo, who edits it: the editing journeys' (test_editing.py,
# test_school_editor_journey.py).
@pytest.fixture
def school(make_setting):
    return make_setting("Oakfield Primary School", summary="A friendly primary school.")


@pytest.fixture
def senco(make_user, link, school):
    user = make_user("senco", roles.SETTING_EDITORS)
    link(user, school)
    return user
