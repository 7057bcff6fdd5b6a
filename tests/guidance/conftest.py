import datetime
import shutil

import pytest
from django.utils import timezone

import roles
from guidance.content_pack import PACK_DIR
from guidance.models import GlossaryTerm, GuideIndexPage, GuidePage, ParentCarerForum
from home.models import HomePage

from ..conftest import PASSWORD


@pytest.fixture
def guide(demo_site):
    """An empty guide under the home page, as an officer would make it."""
    home = HomePage.objects.get()
    index = GuideIndexPage(title="Guide", slug="guide")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def forum(db):
    return ParentCarerForum.objects.create(
        name="Northbrook Parent Carer Forum", contact_email="forum@example.org"
    )


@pytest.fixture
def glossary(db):
    return [
        GlossaryTerm.objects.create(
            term="EHC plan",
            other_spellings="EHCP",
            short_explanation="a legal paper that says what help your child must get",
        ),
        GlossaryTerm.objects.create(term="SEND", short_explanation="special needs and disability"),
    ]


EASY_BODY = [
    {"type": "text", "value": "<p>You can ask for help. The school must listen to you.</p>"},
]


@pytest.fixture
def make_guide_page(guide):
    def make(title="Asking for help", body=None, live=True, checked_days_ago=30, **fields):
        checked = timezone.localdate() - datetime.timedelta(days=checked_days_ago)
        values = {
            "slug": title.lower().replace(" ", "-"),
            "summary": "How to ask for help.",
            "section": "ehc",
            "body": body if body is not None else EASY_BODY,
            "last_checked_on": checked,
            **fields,
        }
        page = GuidePage(title=title, **values)
        page.full_clean(exclude=["path", "depth"])  # works out next_check_due and the grade
        guide.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.live = False
            page.save(update_fields=["live"])
        return page

    return make


@pytest.fixture
def forum_editor(make_user):
    return make_user("forum", roles.FORUM_EDITORS)


def log_in(client, username):
    assert client.login(username=username, password=PASSWORD)
    return client


@pytest.fixture
def pack_copy(tmp_path):
    """A copy of the product's guide pack that a test can change, as a later version would."""
    directory = tmp_path / "pack"
    shutil.copytree(PACK_DIR, directory)
    return directory
