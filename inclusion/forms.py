from django import forms

REPLY_MAX_LENGTH = 600


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="Your reply",
        required=False,
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Shown to families beside your school's inclusion profile, up to "
        f"{REPLY_MAX_LENGTH} characters. Leave it empty to remove your reply.",
    )
