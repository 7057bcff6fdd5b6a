"""Forms of the directory.

Admin: an officer may place a listing only in an authority they act for (roles.authority_ids);
the permission policy keeps them out of other authorities' listings. Public: the shortlist and
compare check every value before it reaches a query."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

import roles

from .geo import normalise_postcode
from .models import LocalAuthority, Postcode


class ListingForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("authority")
        if field is not None and self.for_user is not None:
            field.queryset = roles.within_authorities(
                self.for_user, LocalAuthority.objects.all(), field="pk"
            )

    def clean(self):
        """Where the listing is comes from its postcode, as the importers work it out: a school
        is not asked for latitude and longitude. An officer's own figures are kept."""
        cleaned = super().clean()
        if "postcode" not in self.fields:
            return cleaned
        postcode = normalise_postcode(cleaned.get("postcode") or "")
        officer_gave = "latitude" in self.fields and (
            "latitude" in self.changed_data or "longitude" in self.changed_data
        )
        unplaced = self.instance.latitude is None
        if postcode and not officer_gave and ("postcode" in self.changed_data or unplaced):
            found = (
                Postcode.objects.filter(postcode=postcode)
                .values_list("latitude", "longitude")
                .first()
            )
            if found is not None:
                if "latitude" in self.fields:
                    cleaned["latitude"], cleaned["longitude"] = found
                self.instance.latitude, self.instance.longitude = found
            elif Postcode.objects.exists():
                # Keeping the old place would leave families' distances measured from where the
                # listing was; where no register is loaded, nothing can be checked.
                self.add_error("postcode", self.unknown_postcode_message(postcode))
        return cleaned

    def unknown_postcode_message(self, postcode):
        message = (
            f"We could not find {postcode} in the postcode register. Check it: families' "
            "distances to you are measured from it."
        )
        if "latitude" in self.fields:
            message += " If it is new, give the latitude and longitude as well."
        return message


class ListingEditorForm(WagtailAdminModelForm):
    """An officer may link an editor only to a listing of an authority they act for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "listing" in self.fields:
            self.fields["listing"].queryset = roles.within_authorities(
                self.for_user, self.fields["listing"].queryset
            )


# Families' forms: the shortlist and compare (directory/views/shortlist.py). Every value in the
# address or a post is checked here before it reaches a query.

# The largest id either database can hold (a signed 64-bit integer): a larger number in the
# address could never name a listing, and would overflow the query.
MAX_ID = 2**63 - 1
MAX_COMPARE_IDS_LENGTH = 200


def parse_listing_ids(text):
    """Listing ids from "1,2,3" (the compare and shared-shortlist addresses), in order, without
    repeats; None if the text is not that. Only ASCII digits count ("²" and other scripts'
    digits are not ids), each within what the database can hold."""
    text = text or ""
    if len(text) > MAX_COMPARE_IDS_LENGTH:
        return None
    ids = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        if not (part.isascii() and part.isdecimal()) or not 0 < int(part) <= MAX_ID:
            return None
        if int(part) not in ids:
            ids.append(int(part))
    return ids


class CompareForm(forms.Form):
    """/directory/compare/?ids=1,2,3: two to four listing ids, each a whole number."""

    ids = forms.CharField(
        required=False,
        max_length=MAX_COMPARE_IDS_LENGTH,
        error_messages={"max_length": "The list of schools and services to compare is not valid."},
    )

    def __init__(self, *args, fewest=2, most=4, **kwargs):
        super().__init__(*args, **kwargs)
        self.fewest, self.most = fewest, most

    def clean_ids(self):
        ids = parse_listing_ids(self.cleaned_data["ids"])
        if ids is None:
            raise forms.ValidationError("The list of schools and services to compare is not valid.")
        if not self.fewest <= len(ids) <= self.most:
            raise forms.ValidationError(
                f"Choose {self.fewest} to {self.most} schools or services to compare."
            )
        return ids


class ShortlistForm(forms.Form):
    """Add a listing to the family's shortlist, or remove it."""

    id = forms.IntegerField(min_value=1, max_value=MAX_ID)
    action = forms.ChoiceField(
        required=False, choices=[("", "Add"), ("add", "Add"), ("remove", "Remove")]
    )
    next = forms.CharField(required=False, max_length=2000)

    def clean_next(self):
        """Only a path on this site: anything else goes to the shortlist page."""
        path = self.cleaned_data["next"]
        return path if path.startswith("/") and not path.startswith(("//", "/\\")) else ""
