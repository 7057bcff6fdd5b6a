"""Work waiting in the demo, so that each role's first login shows its journey: a school's
change submitted by its SENCo for the Northbrook officer to approve, Northbrook's own guide page
approved by the officer and waiting for the forum's sign-off, and what families said about the
guide. Added once: not again where the school or the page has ever been in a workflow, or the
feedback is there."""

from django.contrib.auth import get_user_model
from django.test.utils import override_settings

from directory.models import ListingEditor, LocalAuthority
from guidance.models import GuidePage
from guidance.workflows import ensure_guide_workflow
from home.models import Feedback

# The demo's people are fictional: seeding their work sends no notification mail (the dev
# server prints every mail it sends, which would bury the logins seed_demo prints).
QUIET = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")

EQUIPMENT = (
    "We have a sensory room, a quiet room for lunch and break, and ramps to every classroom. "
    "We lend laptops to children who need them."
)
FEEDBACK = [
    (True, ""),
    (False, "I could not find the phone number for the SEND team on my phone."),
]


def seed():
    """Returns what it added, in words, for seed_demo to print."""
    added = []
    with QUIET:
        if school := change_waiting_for_approval():
            added.append(f"{school} has a change waiting for the officer's approval")
        if page := page_waiting_for_sign_off():
            added.append(f"“{page}” is waiting for the forum's sign-off")
    if feedback_on_the_guide():
        added.append("families' feedback on the guide")
    return added


def change_waiting_for_approval():
    User = get_user_model()
    senco = User.objects.filter(username="setting-editor").first()
    link = (
        ListingEditor.objects.filter(user=senco, listing__authority__code="990")
        .select_related("listing")
        .order_by("listing__setting__urn")
        .first()
    )
    if senco is None or link is None:
        return None
    school = link.listing.specific
    if school.workflow_states.exists():
        return None
    draft = school.get_latest_revision_as_object()
    if not draft.equipment:
        draft.equipment = EQUIPMENT
    else:
        draft.description = f"{draft.description}\n\nCome to our open morning in March."
    draft.save_revision(user=senco)
    school.get_workflow().start(school, senco)
    return school


def page_waiting_for_sign_off():
    User = get_user_model()
    forum, officer = (User.objects.filter(username=name).first() for name in ("forum", "officer"))
    page = GuidePage.objects.filter(slug="send-in-northbrook").first()
    if forum is None or officer is None or page is None or page.workflow_states.exists():
        return None
    draft = page.get_latest_revision_as_object()
    draft.summary = (
        "The Northbrook SEND team, its local SEND plan, how we check this Local Offer with "
        "families, and the dates of the next forum coffee mornings."
    )
    draft.save_revision(user=forum)
    workflow_state = ensure_guide_workflow().start(page, forum)
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, officer, "approve")
    return page


def feedback_on_the_guide():
    page = GuidePage.objects.filter(slug="send-in-northbrook").first()
    authority = LocalAuthority.objects.filter(code="990").first()
    if page is None or authority is None or Feedback.objects.filter(page__contains="/guide/"):
        return False
    _site, _root, path = page.get_url_parts()  # as families' pages give it: /guide/…/
    for useful, message in FEEDBACK:
        Feedback.objects.create(authority=authority, page=path, useful=useful, message=message)
    return True
