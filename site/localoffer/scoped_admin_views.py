"""Wagtail's own admin views, narrowed to what the user acts for. Each replaces Wagtail's view
at its URL through the declaration in admin_scope.py, which says why."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import Http404
from wagtail.admin.views import account, chooser
from wagtail.admin.views.reports import workflows
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.contrib.redirects import views as redirects
from wagtail.contrib.redirects.forms import RedirectForm
from wagtail.documents.api.admin.views import (
    DocumentsAdminAPIViewSet as DocumentsAdminAPIViewSetBase,
)
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet as ImagesAdminAPIViewSetBase
from wagtail.models import Page

from directory.models import Listing
from directory.models.access import reachable_listings

from .authority_rule import (
    is_national,
    own_sites,
    page_of_another_authority,
    without_other_authorities_pages,
)


class LogoutView(account.LogoutView):
    """Only a POST logs out. Wagtail's view deletes the session cookie even when it answers
    405 to a GET, so a plain link or an image anywhere would log staff out."""

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


# Redirects ------------------------------------------------------------------------------------


def redirects_of(user, queryset):
    """A redirect belongs to its site's authority; one for every site is national."""
    if is_national(user):
        return queryset
    return queryset.filter(site__in=own_sites(user))


class OwnSitesRedirectForm(RedirectForm):
    """Local staff redirect paths of their own sites to their own pages; pointing families at
    another website, or at every site, is for national staff."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.national = self.for_user is None or is_national(self.for_user)
        if not self.national:
            self.fields["site"].queryset = own_sites(self.for_user)
            self.fields["site"].required = True
            self.fields["site"].empty_label = None
            self.fields["redirect_link"].widget = forms.HiddenInput()

    def clean_redirect_link(self):
        link = self.cleaned_data.get("redirect_link")
        if link and not self.national:
            raise forms.ValidationError(
                "Only national staff can redirect to another website. Choose a page instead."
            )
        return link

    def clean_redirect_page(self):
        page = self.cleaned_data.get("redirect_page")
        if (
            page is not None
            and not self.national
            and page_of_another_authority(self.for_user, page)
        ):
            raise forms.ValidationError("Choose a page of your own Local Offer.")
        return page


class RedirectIndexView(redirects.IndexView):
    def get_base_queryset(self):
        return redirects_of(self.request.user, super().get_base_queryset())


class RedirectCreateView(redirects.CreateView):
    form_class = OwnSitesRedirectForm


class RedirectEditView(redirects.EditView):
    form_class = OwnSitesRedirectForm


# Reports --------------------------------------------------------------------------------------


def _listing_states_out_of_reach(user, prefix=""):
    """Workflow states of listings this user may not reach."""
    listing_type = ContentType.objects.get_for_model(Listing)
    reachable = reachable_listings(user, Listing.objects.all()).values_list(
        Cast("pk", CharField()), flat=True
    )
    return Q(**{f"{prefix}base_content_type": listing_type}) & ~Q(
        **{f"{prefix}object_id__in": reachable}
    )


def _as_specific(workflow_state):
    """A workflow state holds its object as the base model (a Listing), which has no admin
    views of its own; the report links to the setting's or service's."""
    base = workflow_state.content_object
    if isinstance(base, Listing):
        workflow_state.content_object = base.specific
    return workflow_state


class WorkflowReportView(workflows.WorkflowView):
    def get_queryset(self):
        return super().get_queryset().exclude(_listing_states_out_of_reach(self.request.user))

    def decorate_paginated_queryset(self, object_list):
        return [_as_specific(state) for state in super().decorate_paginated_queryset(object_list)]


class WorkflowTasksReportView(workflows.WorkflowTasksView):
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .exclude(_listing_states_out_of_reach(self.request.user, "workflow_state__"))
        )

    def decorate_paginated_queryset(self, object_list):
        states = super().decorate_paginated_queryset(object_list)
        for task_state in states:
            _as_specific(task_state.workflow_state)
        return states


class PageTypesUsageView(PageTypesUsageReportView):
    """Counts of each page type stay national figures; the page last edited is named only
    when it is not another authority's."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        for item in page_types:
            page = item.last_edited_page
            if page is not None and page_of_another_authority(self.request.user, page):
                item.last_edited_page = None
        return page_types


# Page choosers --------------------------------------------------------------------------------


class ChosenMultiplePagesView(chooser.ChosenMultipleView):
    def get(self, request):
        chosen = without_other_authorities_pages(
            request.user, Page.objects.filter(pk__in=request.GET.getlist("id"))
        )
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in chosen.values_list("pk", flat=True)])
        return super().get(request)


def page_chooser_queryset(pages, request):
    """construct_page_chooser_queryset: browse and search offer no other authority's pages."""
    return without_other_authorities_pages(request.user, pages)


# The URL arguments that name a page, across Wagtail's page views, choosers and admin API.
PAGE_ARGUMENTS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "pk")


def refuse_other_authorities_page(request, **kwargs):
    """Answer 404 for any page of another authority named in the URL."""
    ids = [kwargs[name] for name in PAGE_ARGUMENTS if kwargs.get(name) is not None]
    for pk in ids:
        page = Page.objects.filter(pk=pk).first()
        if page is not None and page_of_another_authority(request.user, page):
            raise Http404("No such page.")


# The admin API (the choosers' and the explorer's) -------------------------------------------


class MediaInReachMixin:
    """Only the images or documents in collections where the user may choose or change
    them, as the media index and choosers list."""

    def get_queryset(self):
        from wagtail.permissions import policy_registry

        policy = policy_registry.get_by_type(self.model)
        reachable = policy.instances_user_has_any_permission_for(
            self.request.user, ["choose", "change"]
        )
        return super().get_queryset().filter(pk__in=reachable.values("pk"))


class ImagesAdminAPIViewSet(MediaInReachMixin, ImagesAdminAPIViewSetBase):
    pass


class DocumentsAdminAPIViewSet(MediaInReachMixin, DocumentsAdminAPIViewSetBase):
    pass
