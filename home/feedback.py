"""The "Was this page useful?" form on every public page, and its spam protection.

No personal data is asked for or kept: the rate limit counts submissions under a salted hash
of the visitor's address (home/network.py: the real client behind TRUSTED_PROXY_COUNT proxies),
for ten minutes, in the "shared" cache: one count for every web process (in production a
database table).
"""

import hashlib

from django import forms
from django.conf import settings
from django.core.cache import caches

from .network import client_ip

RATE_LIMIT = 5  # submissions
RATE_WINDOW = 600  # seconds


class FeedbackForm(forms.Form):
    useful = forms.TypedChoiceField(
        label="Was this page useful?",
        choices=[("", "Not answered"), ("yes", "Yes"), ("no", "No")],
        required=False,
        coerce=lambda value: value == "yes",
        empty_value=None,
        error_messages={"invalid_choice": "Choose yes or no."},
    )
    message = forms.CharField(
        label="What was missing or wrong?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Write 2,000 characters or fewer."},
    )
    page = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    # Hidden from people (and from screen readers); bots fill every field they find.
    website = forms.CharField(required=False, max_length=200)

    def clean(self):
        data = super().clean()
        if data.get("useful") is None and not (data.get("message") or "").strip():
            raise forms.ValidationError("Say whether the page was useful, or tell us what to fix.")
        return data

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))


def over_rate_limit(request):
    cache = caches["shared"]
    address = client_ip(request)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    key = f"feedback-rate:{digest}"
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count > RATE_LIMIT
