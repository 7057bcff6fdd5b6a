"""The one rule for every link an editor can enter, in any app (directory, home, guidance):
where it may point. It lives in the lowest app that has such links.

A link may be relative (/directory/, #contact, ?page=2) or use http, https, mailto or tel.
Anything else (javascript:, data:, vbscript:, file:) is refused: such a link would run code
or open something in the family's browser rather than take them to a page. Browsers ignore
whitespace and control characters inside a scheme ("java\\tscript:"), so the check does too.
Used by the home page's entry points, the guide's blocks, the authority's contacts, forums'
and listings' websites (model fields and StreamField blocks), and by the `safe_link` template
filter for anything stored before the rule existed.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


def link_scheme(value):
    """The scheme a browser would follow the link with, lower case; "" for a relative link."""
    found = SCHEME.match(IGNORED_BY_BROWSERS.sub("", str(value)))
    return found.group(1).lower() if found else ""


def is_safe_link(value):
    return link_scheme(value) in SAFE_SCHEMES | {""}


@deconstructible
class LinkValidator:
    message = "Links must start with https://, http://, mailto:, tel: or / (a page on this site)."
    code = "unsafe_link"

    def __call__(self, value):
        if value and not is_safe_link(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, LinkValidator)

    def __hash__(self):
        return hash(self.code)


validate_link = LinkValidator()
