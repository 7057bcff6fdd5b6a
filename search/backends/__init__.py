"""Wagtail search backends with query shapes that hold at national scale (sqlite.py,
postgres.py). They know nothing of the directory: search/text.py adapts each backend to what
the family search asks of it."""

from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType


@cache
def _leaf_models(model):
    family = [m for m in apps.get_models() if issubclass(m, model)]
    return tuple(m for m in family if not any(o is not m and issubclass(o, m) for o in family))


def leaf_content_type_ids(model):
    """Content types of `model` and its subclasses that have no subclasses of their own.

    With multi-table inheritance an object could be indexed once per concrete class it is;
    searching the leaves counts each object once. (Ids come from Django's content-type cache.)
    """
    return [ct.pk for ct in ContentType.objects.get_for_models(*_leaf_models(model)).values()]
