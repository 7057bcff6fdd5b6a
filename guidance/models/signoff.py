"""Nothing in the guide goes live without the parent carer forum's sign-off.

The rule lives on the models, so every way of publishing obeys it: the editor's Publish button,
adding a page with Publish, bulk publishing, reverting and publishing, copying with "publish
copies", moving a live page between guides, and the scheduled publishing of a revision.

- `SignOff` records what may go live: a revision the forum signed off (written by
  `ForumSignOffTask`), or one a Local Offer officer deliberately published without the forum,
  with their reason (also in the audit log, action `PUBLISH_WITHOUT_SIGN_OFF`).
- `SignOffRequired.publish` refuses any revision a person publishes without such a record; code
  run by an operator (seed data, content loaders) publishes without a user and is trusted, but a
  scheduled revision always needs the record.
- `GuidePagePermissionTester` tells Wagtail's views that nobody may publish a guide page by hand,
  so they offer Save draft and Submit instead of Publish, and skip guide pages in bulk publishing.
"""

from django.conf import settings
from django.db import models
from wagtail.actions.publish_page_revision import PublishPagePermissionError
from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.models import PagePermissionTester

from .edits import UnchangedIsNotAnEdit

PUBLISH_WITHOUT_SIGN_OFF = "guidance.publish_without_sign_off"
FORUM_SIGN_OFF = "guidance.forum_sign_off"


class SignOff(models.Model):
    """The authority for one revision of the guide (a page or a glossary term) to go live."""

    FORUM = "forum"
    WITHOUT_FORUM = "without_forum"
    KINDS = [
        (FORUM, "Signed off by the parent carer forum"),
        (WITHOUT_FORUM, "Published by the Local Offer team without the forum's sign-off"),
    ]

    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="guide_sign_off"
    )
    kind = models.CharField(max_length=20, choices=KINDS)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "guide sign-off"

    def __str__(self):
        return f"{self.get_kind_display()} (revision {self.revision_id})"


class SignOffMissing(PublishPermissionError):
    """Raised when a guide revision is published without the forum's sign-off."""


class GuidePageSignOffMissing(SignOffMissing, PublishPagePermissionError):
    pass


def has_sign_off(revision):
    return revision.pk is not None and SignOff.objects.filter(revision_id=revision.pk).exists()


def check_sign_off(revision, user, error_class=SignOffMissing):
    """Refuse to publish `revision` unless the forum signed it off or an officer recorded why
    it goes live without them. A publish with no acting user is code run by an operator (seed
    data, a content loader) and is trusted, except for a scheduled revision: that was scheduled
    by a person, so it needs the same record."""
    if user is None and revision.approved_go_live_at is None:
        return
    if not has_sign_off(revision):
        raise error_class(
            "Nothing in the guide goes live without the parent carer forum's sign-off. Submit "
            "it to the coproduction workflow, or use “Publish without forum sign-off” and give "
            "a reason."
        )


class SignOffRequired(UnchangedIsNotAnEdit):
    """For the guide's models (pages and glossary terms): publishing needs a `SignOff`; a save
    during the workflow that changes no content is not an edit (`edits.UnchangedIsNotAnEdit`)."""

    sign_off_error_class = SignOffMissing

    def publish(self, revision, user=None, *args, **kwargs):
        check_sign_off(revision, user, self.sign_off_error_class)
        return super().publish(revision, user, *args, **kwargs)


class GuidePagePermissionTester(PagePermissionTester):
    """Wagtail asks this what a user may do with a guide page: nobody publishes by hand."""

    def can_publish(self):
        return False

    def can_publish_subpage(self):
        # Adding a page with Publish, and copying into the guide with "publish copies".
        return False

    def can_convert_alias(self):
        """Splitting a shared national page off the national guide: officers only."""
        return super().can_publish()

    def can_publish_without_sign_off(self):
        """Officers (publish permission on the page) may, deliberately and with a reason."""
        return super().can_publish()

    # What Wagtail ties to publishing, but which does not put new words in front of families.
    def can_set_view_restrictions(self):
        return super().can_publish()

    def can_unschedule(self):
        return super().can_publish()

    def can_move_to(self, destination):
        # A live page moved into another guide would go live there unchecked.
        if self.page.live and not self.page.is_child_of(destination):
            return False
        return super().can_move_to(destination)


class SignOffRequiredPage(SignOffRequired):
    """For the guide's page types."""

    sign_off_error_class = GuidePageSignOffMissing

    def permissions_for_user(self, user):
        return GuidePagePermissionTester(user, self)

    def get_admin_display_title(self):
        # In the admin's page lists a page shared from the national guide says so.
        title = super().get_admin_display_title()
        return f"{title} (shared from the national guide)" if self.alias_of_id else title

    def get_workflow(self):
        # A translation goes through its English page's workflow (officer review, then the
        # forum's sign-off), wherever in its own language's tree it sits.
        workflow = super().get_workflow()
        if workflow is None and not self.locale.is_default:
            from wagtail.models import Locale

            source = self.get_translation_or_none(Locale.get_default())
            if source is not None:
                workflow = source.get_workflow()
        return workflow

    def copy(self, *args, **kwargs):
        # A copy is a new page of the guide: it starts as a draft and goes through sign-off.
        kwargs["keep_live"] = False
        return super().copy(*args, **kwargs)
