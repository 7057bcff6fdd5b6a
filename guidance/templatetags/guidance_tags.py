from django import template
from wagtail.contrib.routable_page.templatetags.wagtailroutablepage_tags import routablepageurl

from ..blocks import letter_filename
from ..readability import TARGET_GRADE

register = template.Library()


@register.simple_tag(takes_context=True)
def letter_url(context, page, title):
    """Where a template letter on a guide page downloads from."""
    stem = letter_filename(title).removesuffix(".txt")
    return routablepageurl(context, page, "letter_download", letter=stem)


@register.simple_tag
def target_grade():
    return TARGET_GRADE


@register.simple_tag
def readability_of_revision(revision):
    """The reading level of the page as it is in a revision (what an approver is signing off)."""
    page = revision.as_object() if revision else None
    measure = getattr(page, "readability", None)
    return measure() if measure else None


@register.filter
def may_convert_alias(page, user):
    """Whether the admin offers "Convert this alias into an ordinary page" to this user (a page
    shared from the national guide: officers only, `GuidePagePermissionTester`)."""
    tester = page.permissions_for_user(user)
    if hasattr(tester, "can_convert_alias"):
        return tester.can_convert_alias()
    return tester.can_edit()
