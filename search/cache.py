"""Cache the shareable parts of a search page: facet counts, totals and the ids on each
results page.

Keys carry the directory version (search.models.DirectoryVersion), a token in the database
that every change to a listing replaces (model signals, and directory.signals.listings_changed
from bulk writers). Nothing cached is older than the data, in every process, whatever the
cache backend; the timeout only bounds memory.
"""

import hashlib
import json
import secrets

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django_tasks.signals import task_finished

TIMEOUT = 600


def data_version():
    """The current directory version: one indexed read of a one-row table."""
    from .models import DirectoryVersion

    token = DirectoryVersion.objects.values_list("token", flat=True).first()
    if token is None:  # a database made before the table had its row
        token = DirectoryVersion.objects.get_or_create(pk=1)[0].token
    return token


def bump(*args, **kwargs):
    """Give the directory a new version (in the writer's transaction, so it is seen exactly
    when the change is)."""
    from .models import DirectoryVersion

    token = secrets.randbits(62)
    if not DirectoryVersion.objects.filter(pk=1).update(token=token):
        DirectoryVersion.objects.update_or_create(pk=1, defaults={"token": token})


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


def connect():
    from directory.models import Listing, Service, Setting
    from directory.signals import listings_changed

    for model in (Listing, Setting, Service):
        post_save.connect(bump, sender=model, dispatch_uid=f"search-bump-save-{model.__name__}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"search-bump-del-{model.__name__}")
    m2m_changed.connect(bump, sender=Listing.needs.through, dispatch_uid="search-bump-needs")
    listings_changed.connect(bump, dispatch_uid="search-bump-bulk")
    task_finished.connect(bump_after_indexing, dispatch_uid="search-bump-indexed")


def bump_after_indexing(sender, task_result, **kwargs):
    """With background tasks (TASKS_BACKEND=database) a listing's search index entry is
    written by a worker after the listing is saved, so anything cached between the two would
    miss its new words: change the version again once the entry is written."""
    if task_result.task.module_path == "modelsearch.tasks.insert_or_update_object_task" and list(
        task_result.args[:1]
    ) == ["directory"]:
        bump()
