"""The ORUK API's query parameters, read and checked: a value the API cannot use is a
BadParameter (a 400 that says what is wrong), never a 500 or a silent default."""

import datetime
import uuid

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from .errors import BadParameter

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_SEARCH = 200


def int_param(request, name, default, low, high=None, clamp=False):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(f"{name} must be a whole number, not {raw[:40]!r}.") from None
    if value < low:
        raise BadParameter(f"{name} must be at least {low}.")
    if high is not None and value > high:
        if clamp:
            return high
        raise BadParameter(f"{name} must be at most {high}.")
    return value


def bool_param(request, name):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return False
    value = raw.strip().lower()
    if value in ("true", "1", "yes"):
        return True
    if value in ("false", "0", "no"):
        return False
    raise BadParameter(f"{name} must be true or false, not {raw[:40]!r}.")


def uuid_param(request, name):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return None
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise BadParameter(f"{name} must be a UUID, not {raw[:60]!r}.") from None


def output_format(request):
    value = request.GET.get("format", "json") or "json"
    if value not in ("json", "ndjson"):
        raise BadParameter("format must be json or ndjson.")
    return value


def search_text(request):
    text = request.GET.get("search", "").strip()
    if len(text) > MAX_SEARCH:
        raise BadParameter(f"search must be at most {MAX_SEARCH} characters.")
    return text


def modified_after(request):
    raw = request.GET.get("modified_after")
    if not raw:
        return None
    moment = None
    try:
        moment = parse_datetime(raw.replace(" ", "+"))
        if moment is None and parse_date(raw):
            moment = datetime.datetime.combine(parse_date(raw), datetime.time())
    except ValueError:
        moment = None
    if moment is None:
        raise BadParameter(
            f"modified_after must be a date or date and time (ISO 8601), not {raw[:40]!r}."
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return moment


def page_params(request):
    """(page, per_page): page from 1; per_page at most MAX_PER_PAGE (more is capped)."""
    page = int_param(request, "page", 1, low=1, high=10_000_000)
    per_page = int_param(
        request, "per_page", DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE, clamp=True
    )
    return page, per_page
