"""The admin's "Publish without forum sign-off": deliberate, with a reason, and logged."""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin import messages
from wagtail.models import Page

import roles

from .models import GlossaryTerm
from .models.signoff import GuidePagePermissionTester
from .publishing import MIN_REASON_LENGTH, publish_without_sign_off


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why must this go live before the forum has signed it off?",
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=MIN_REASON_LENGTH,
        max_length=2000,
        strip=True,
    )


def can_publish_without_sign_off(page, user):
    perms = page.permissions_for_user(user)
    return isinstance(perms, GuidePagePermissionTester) and perms.can_publish_without_sign_off()


def publish_page_without_sign_off(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_publish_without_sign_off(page, request.user):
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[quote(page.pk)])
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        publish_without_sign_off(page, request.user, form.cleaned_data["reason"])
        messages.warning(
            request,
            f"“{page.get_admin_display_title()}” is live without the forum's sign-off. Readers "
            "are told it was not checked by the forum.",
        )
        return redirect("wagtailadmin_explore", page.get_parent().id)
    return reason_form_response(request, form, page.get_admin_display_title(), edit_url, True)


def reason_form_response(request, form, title, cancel_url, is_page):
    context = {"form": form, "object_title": title, "cancel_url": cancel_url, "is_page": is_page}
    status = 400 if form.is_bound else 200
    return TemplateResponse(
        request, "guidance/admin/publish_without_sign_off.html", context, status=status
    )


TERM_PUBLISH_PERMISSION = "guidance.publish_glossaryterm"


def can_publish_term_without_sign_off(user):
    """Officers hold the publish permission on terms; the views never offer a plain Publish
    (wagtail_hooks.SignOffOnlyPolicy), only this deliberate one. Terms are national: only
    national officers act for them."""
    return (
        user.is_active
        and user.has_perm(TERM_PUBLISH_PERMISSION)
        and roles.authority_ids(user) is None
    )


def publish_term_without_sign_off(request, pk):
    term = get_object_or_404(GlossaryTerm, pk=pk)
    if not can_publish_term_without_sign_off(request.user):
        raise PermissionDenied
    edit_url = reverse(GlossaryTerm.snippet_viewset.get_url_name("edit"), args=[quote(term.pk)])
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        publish_without_sign_off(term, request.user, form.cleaned_data["reason"])
        messages.warning(request, f"“{term}” is live without the forum's sign-off.")
        return redirect(GlossaryTerm.snippet_viewset.get_url_name("list"))
    return reason_form_response(request, form, str(term), edit_url, False)
