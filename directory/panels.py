"""Editing tabs for listings, built from the standard's sections so that the editor fills in the
profile in the same order families read it."""

from django import forms
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    TabbedInterface,
)

from . import standard
from .forms import ListingForm
from .models.listings import IDENTITY_PERMISSION

OFFICERS_ONLY = IDENTITY_PERMISSION  # who may change identity and ownership fields
CHECKBOXES = {"needs", "resourced_provision_needs"}


def field_anchor(name):
    """The id of a field's input on the edit screen (Django's auto_id)."""
    return f"id_{name}"


def field_panel(name):
    if name in CHECKBOXES:
        return FieldPanel(name, widget=forms.CheckboxSelectMultiple)
    return FieldPanel(name)


def section_panels(section, skip=()):
    seen, panels = set(skip), []
    for item in section.items:
        for name in item.fields:
            if name not in seen:
                seen.add(name)
                panels.append(field_panel(name))
    return panels


def identity_panel(extra=()):
    # The permission goes on each field: on a group panel it only hides the group, and the
    # fields would still be accepted from a forged POST.
    names = ("name", "slug", "authority", *extra)
    return MultiFieldPanel(
        [FieldPanel(name, permission=OFFICERS_ONLY) for name in names],
        heading="Identity (set by the Local Offer team)",
        permission=OFFICERS_ONLY,
    )


class CompletenessPanel(Panel):
    """At the top of the edit screen: how complete this version is, what is missing (each a
    link to its field) and where the listing is (awaiting approval, published...)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "directory/admin/completeness_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            listing = self.instance
            result = standard.evaluate(listing)
            context.update(
                {
                    "result": result,
                    "missing": missing_item_links(listing, result, ""),
                    "status": listing.approval_status if listing.pk else "New: not published",
                    # The officer approving sees what to do; the school, what happens next.
                    "can_approve": bool(
                        listing.pk
                        and listing.workflow_in_progress
                        and listing.current_workflow_task
                        and listing.current_workflow_task.specific.get_actions(
                            listing, self.request.user
                        )
                    ),
                }
            )
            return context


def about_tab(section, extra_panels=()):
    return ObjectList(
        [
            CompletenessPanel(),
            *extra_panels,
            FieldPanel("summary"),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")], heading="Ages"),
            MultiFieldPanel(
                [
                    FieldPanel("address_1"),
                    FieldPanel("address_2"),
                    FieldPanel("town"),
                    FieldPanel("postcode"),
                    # Worked out from the postcode (ListingForm); the Local Offer team may
                    # correct them where a postcode covers a wide area.
                    FieldRowPanel(
                        [
                            FieldPanel("latitude", permission=OFFICERS_ONLY),
                            FieldPanel("longitude", permission=OFFICERS_ONLY),
                        ],
                        permission=OFFICERS_ONLY,
                    ),
                ],
                heading="Address",
            ),
            FieldPanel("phone"),
            FieldPanel("email"),
            FieldPanel("website"),
            FieldPanel("last_reviewed_on"),
            FieldPanel("confirmed_current"),
        ],
        heading=section.title,
    )


def setting_edit_handler():
    about, needs, report, senco, inclusion, access = standard.PROFILES["school"]
    return TabbedInterface(
        [
            about_tab(
                about,
                [
                    identity_panel(["urn", "ukprn"]),
                    FieldRowPanel([FieldPanel("setting_type"), FieldPanel("phase")]),
                ],
            ),
            ObjectList(
                [
                    *section_panels(needs),
                    MultiFieldPanel(
                        [
                            FieldPanel("resourced_provision"),
                            field_panel("resourced_provision_needs"),
                            FieldRowPanel(
                                [
                                    FieldPanel("resourced_provision_capacity"),
                                    FieldPanel("resourced_provision_on_roll"),
                                ]
                            ),
                            FieldRowPanel(
                                [FieldPanel("sen_unit_capacity"), FieldPanel("sen_unit_on_roll")]
                            ),
                        ],
                        heading="Resourced provision and SEN units",
                    ),
                    FieldRowPanel(
                        [FieldPanel("capacity"), FieldPanel("pupils_on_roll")], heading="Places"
                    ),
                    FieldPanel("section41_approved", permission=OFFICERS_ONLY),
                ],
                heading=needs.title,
            ),
            ObjectList(section_panels(report), heading=report.title),
            ObjectList(
                [
                    FieldPanel("senco_qualification"),
                    FieldPanel("senco_qualification_started_on"),
                    *section_panels(senco, skip={"senco_qualification"}),
                ],
                heading=senco.title,
            ),
            ObjectList(section_panels(inclusion), heading=inclusion.title),
            ObjectList(section_panels(access), heading=access.title),
        ],
        base_form_class=ListingForm,
    )


def service_edit_handler():
    about, who, access, waiting = standard.PROFILES["service"]
    return TabbedInterface(
        [
            about_tab(about, [identity_panel(), FieldPanel("category")]),
            ObjectList(section_panels(who), heading=who.title),
            ObjectList(section_panels(access), heading=access.title),
            ObjectList(
                [
                    FieldRowPanel(
                        [FieldPanel("waiting_weeks"), FieldPanel("waiting_stated_on")],
                        help_text="Update this whenever the wait changes. A wait stated more "
                        "than six months ago is shown to families as unknown.",
                    )
                ],
                heading=waiting.title,
            ),
        ],
        base_form_class=ListingForm,
    )


def missing_item_links(listing, result, edit_url):
    """(label, url) for each missing item, linking to its first field on the edit screen:
    Wagtail's tabs open the tab that holds the element a URL's fragment names."""
    return [(item.label, f"{edit_url}#{field_anchor(item.fields[0])}") for item in result.missing]
