"""Cache the shareable parts of a search page: facet counts, totals and the ids on each
results page, in the shared cache.

Keys carry the directory version (directory/change_log.py): every change to the directory
makes a new one, so nothing cached is older than the data, in every process, whatever the
cache backend; the timeout only bounds memory.
"""

import hashlib
import json

from django.core.cache import cache

TIMEOUT = 600


def key(kind, version, params):
    digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()
    return f"directory:{kind}:{version}:{digest[:32]}"


def remember(kind, version, params, compute):
    cache_key = key(kind, version, params)
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, TIMEOUT)
    return value
