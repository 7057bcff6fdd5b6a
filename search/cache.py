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


def request_version(request):
    """The directory version for this request, read once however many parts of it ask (the
    site lookup, the page cache, the search view): all of a page is of one version."""
    if getattr(request, "directory_version", None) is None:
        request.directory_version = data_version()
    return request.directory_version


# Old change rows are pruned now and then; a process that has not caught up since simply
# rebuilds what it derives from the listings.
KEEP_CHANGES = 2000


def bump(*args, listing_id=None, **kwargs):
    """Give the directory a new version (in the writer's transaction, so it is seen exactly
    when the change is), and log which listing changed (None: any of them)."""
    from .models import DirectoryChange, DirectoryVersion

    token = secrets.randbits(62)
    change = DirectoryChange.objects.create(token=token, listing_id=listing_id)
    if not DirectoryVersion.objects.filter(pk=1).update(token=token):
        DirectoryVersion.objects.update_or_create(pk=1, defaults={"token": token})
    if change.pk % 100 == 0:
        DirectoryChange.objects.filter(pk__lt=change.pk - KEEP_CHANGES).delete()


def bump_listing(sender, instance, update_fields=None, **kwargs):
    from directory.models import Listing

    if not Listing.saves_only_bookkeeping(update_fields):  # a draft saved changes nothing shown
        bump(listing_id=instance.pk)


def bump_needs(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        bump(listing_id=instance.pk)
    else:  # a need's listings changed: each of them
        for pk in sorted(pk_set or ()) or [None]:
            bump(listing_id=pk)


_recent_changes = {}


def changes_since(change_id, token, version=None):
    """[(id, token, listing id)] of the changes after this one, oldest first; None when this
    one is no longer there as it was (rolled back, or pruned): then rebuild. With `version`,
    the answer is remembered for the next caller at the same version (the facet index and the
    entry map usually ask the same question in one request)."""
    if version is not None:
        key = (change_id, token, version)
        if key not in _recent_changes:
            if len(_recent_changes) > 8:
                _recent_changes.clear()
            _recent_changes[key] = changes_since(change_id, token)
        return _recent_changes[key]
    from .models import DirectoryChange

    rows = list(
        DirectoryChange.objects.filter(pk__gte=change_id)
        .order_by("pk")
        .values_list("pk", "token", "listing_id")
    )
    if not rows or rows[0][:2] != (change_id, token):
        return None
    return rows[1:]


# More listings changed than this since a process last brought what it derives from them up
# to date (the facet index, rankings, places, the entry map): it reads that afresh instead.
MAX_INCREMENTAL = 500


def listings_changed_since(change, version):
    """For a process bringing what it derives from the listings up to date from `change`
    ((id, token)): (the newest change, the ids of the listings changed since, perhaps none);
    or None when it must read it afresh - a change naming no listing (a bulk write, an
    authority, a site), a gap in the log (pruned or rolled back), or more than
    MAX_INCREMENTAL listings."""
    changes = changes_since(*change, version)
    listing_ids = {pk for _, _, pk in changes or ()}
    if changes is None or None in listing_ids or len(listing_ids) > MAX_INCREMENTAL:
        return None
    return (changes[-1][:2] if changes else change), listing_ids


def latest_change():
    """(id, token) of the newest change, (0, 0) when there is none."""
    from .models import DirectoryChange

    row = DirectoryChange.objects.order_by("-pk").values_list("pk", "token").first()
    return row or (0, 0)


def keep_recent(kept, key, value, most):
    """Put `value` in the OrderedDict `kept` as its newest entry, dropping the oldest beyond
    `most` (a process's rankings of recent words, its recent places)."""
    kept[key] = value
    kept.move_to_end(key)
    while len(kept) > most:
        kept.popitem(last=False)
    return value


_site_wide = {}


def site_wide(name, version, compute):
    """`compute()`, for something only a change naming no listing can alter (authorities,
    sites and their settings: `bump_everything`): this process keeps it while every change
    since it was read names a listing, so an editor's publish does not make each web process
    read it again."""
    kept = _site_wide.get(name)
    if kept is not None:
        change, seen_at, value = kept
        if seen_at == version:
            return value
        found = listings_changed_since(change, version)
        if found is not None:
            _site_wide[name] = (found[0], version, value)
            return value
    change = latest_change()  # first: a change after it is seen next time
    value = compute()
    _site_wide[name] = (change, version, value)
    return value


def forget_site_wide():
    """Drop what `site_wide` kept (tests)."""
    _site_wide.clear()


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


def bump_everything(*args, **kwargs):
    """What every page shows besides listings changed (an authority, a site)."""
    bump()


def bump_after_m2m(sender, action, **kwargs):
    if action.startswith("post_"):
        bump()


def bump_for_settings(sender, created=False, **kwargs):
    """A site's settings changed. They are created, empty, when a page first asks for them:
    that changes nothing shown."""
    if not created:
        bump()


def connect():
    from directory.models import Listing, LocalAuthority, Service, Setting
    from directory.signals import listings_changed

    for model in (Listing, Setting, Service):
        uid = f"search-bump-{model.__name__}"
        post_save.connect(bump_listing, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump_listing, sender=model, dispatch_uid=f"{uid}-del")
    m2m_changed.connect(bump_needs, sender=Listing.needs.through, dispatch_uid="search-bump-needs")
    listings_changed.connect(bump, dispatch_uid="search-bump-bulk")
    # Search pages show authorities (the filter), and each site's name and contacts.
    from wagtail.models import Site

    from home.models import AuthoritySettings

    # "Include neighbouring authorities" reads an authority's neighbours, edited in the admin
    # after the authority itself is saved.
    m2m_changed.connect(
        bump_after_m2m,
        sender=LocalAuthority.neighbours.through,
        dispatch_uid="search-bump-neighbours",
    )
    for model in (LocalAuthority, Site, AuthoritySettings):
        uid = f"search-bump-{model.__name__}"
        on_save = bump_for_settings if model is AuthoritySettings else bump_everything
        post_save.connect(on_save, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump_everything, sender=model, dispatch_uid=f"{uid}-del")
    task_finished.connect(bump_after_indexing, dispatch_uid="search-bump-indexed")
    # Every release runs migrate (README, "Operations"): a new release's templates and code
    # may render any page differently, so nothing kept by the last one is reused.
    from django.db.models.signals import post_migrate

    post_migrate.connect(bump_after_migrate, dispatch_uid="search-bump-migrate")


def bump_after_migrate(sender, app_config=None, using="default", **kwargs):
    from django.db import connections

    from .models import DirectoryChange

    if app_config is None or app_config.label != "search":  # once a migrate
        return
    if DirectoryChange._meta.db_table in connections[using].introspection.table_names():
        bump()


def bump_after_indexing(sender, task_result, **kwargs):
    """With background tasks (TASKS_BACKEND=database) a listing's search index entry is
    written by a worker after the listing is saved, so anything cached between the two would
    miss its new words: change the version again once the entry is written."""
    args = list(task_result.args)
    if task_result.task.module_path == "modelsearch.tasks.insert_or_update_object_task" and (
        args[:1] == ["directory"]
    ):
        pk = args[2] if len(args) > 2 else None
        bump(listing_id=int(pk) if str(pk).isdigit() else None)
