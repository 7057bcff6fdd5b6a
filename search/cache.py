"""Cache the expensive, shareable parts of a search page: facet counts, totals and the ids
on each results page.

Keys carry a data version that every change to a listing bumps (model signals, and
directory.signals.listings_changed from bulk writers), so nothing cached is older than the
data; the timeout only bounds memory. With several web processes use a shared cache
(CACHE=database, see README) so that one process's bump reaches the others; the per-process
default suits the embedded default, which is a single process.
"""

import hashlib
import json

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "directory:data-version"
TIMEOUT = 600


def data_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def bump(*args, **kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates old keys
        cache.set(VERSION_KEY, 2, None)


def key(kind, params):
    digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()
    return f"directory:{kind}:{data_version()}:{digest[:32]}"


def remember(kind, params, compute):
    cache_key = key(kind, params)
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, TIMEOUT)
    return value


def connect():
    from directory.models import Listing, Service, Setting
    from directory.signals import listings_changed

    for model in (Listing, Setting, Service):
        post_save.connect(bump, sender=model, dispatch_uid=f"search-bump-save-{model.__name__}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"search-bump-del-{model.__name__}")
    m2m_changed.connect(bump, sender=Listing.needs.through, dispatch_uid="search-bump-needs")
    listings_changed.connect(bump, dispatch_uid="search-bump-bulk")
