"""The admin form of every listing: an officer may place a listing only in an authority they act
for (roles.authority_ids); the permission policy keeps them out of other authorities' listings."""

from wagtail.admin.forms import WagtailAdminModelForm

import roles

from .models import LocalAuthority


class ListingForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("authority")
        if field is not None and self.for_user is not None:
            field.queryset = roles.within_authorities(
                self.for_user, LocalAuthority.objects.all(), field="pk"
            )


class ListingEditorForm(WagtailAdminModelForm):
    """An officer may link an editor only to a listing of an authority they act for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "listing" in self.fields:
            self.fields["listing"].queryset = roles.within_authorities(
                self.for_user, self.fields["listing"].queryset
            )
