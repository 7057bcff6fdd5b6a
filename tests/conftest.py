import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

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
