"""What the directory does when something changes: the one list of its receivers, connected
by `connect()` from DirectoryConfig.ready. The signals it defines are in signals.py.

- after every migrate, the need taxonomy and the place groups are brought in line;

- staff's place groups follow their roles and authorities (authority_groups.py);
- a listing is indexed for search when it is saved, unless only bookkeeping changed;
- an approval of a version confirmed current sets "Last checked"; a deleted listing's
  revisions and workflow states go with it;
- every change a family could see is recorded in the change log (change_log.py): a listing,
  its needs, an authority or its neighbours, a site, the search vocabulary, a release
  (migrate), a background indexing task. Home's settings record theirs in home/signal_handlers.py.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import timezone
from django_tasks.signals import task_finished
from modelsearch.signal_handlers import post_delete_signal_handler, post_save_signal_handler
from wagtail.models import Revision, Site, TaskState, WorkflowState
from wagtail.signals import published, task_submitted

import roles

from . import authority_groups, change_log
from .models import AuthorityAccess, Listing, LocalAuthority, SearchWords, Service, Setting
from .notifications import WAGTAIL_DISPATCH_UID, task_submission_notifier
from .reference_data import ensure_needs
from .signals import listings_changed

LISTING_MODELS = (Listing, Setting, Service)
M2M_DONE = ("post_add", "post_remove", "post_clear")


# Staff's place groups ------------------------------------------------------------------------


def authority_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.site_id is not None:
        authority_groups.sync_place_groups()


def access_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        authority_groups.sync_memberships(instance.user)


def access_authorities_changed(sender, instance, action, reverse, **kwargs):
    if action in M2M_DONE and not reverse:
        authority_groups.sync_memberships(instance.user)


def user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    # Only a change of role matters; the place groups that sync_memberships itself adds and
    # removes do not call it again.
    if action not in M2M_DONE or reverse:
        return
    if pk_set is None or Group.objects.filter(pk__in=pk_set, name__in=roles.SCOPED_ROLES):
        authority_groups.sync_memberships(instance)


# The search index ----------------------------------------------------------------------------


def _index_uid(model):
    return f"directory-search-index-{model.__name__}"


def index_listing(sender, instance, update_fields=None, **kwargs):
    """The search backends' own handler (through the task queue), unless Wagtail saved only
    bookkeeping columns (a draft, a lock)."""
    if not Listing.saves_only_bookkeeping(update_fields):
        post_save_signal_handler(instance, update_fields=update_fields, **kwargs)


def connect_search_index(models=None):
    """Index listings when they are saved and remove them when deleted. Returns the models
    connected."""
    models = models or LISTING_MODELS
    for model in models:
        post_save.connect(index_listing, sender=model, dispatch_uid=_index_uid(model))
        post_delete.connect(
            post_delete_signal_handler, sender=model, dispatch_uid=_index_uid(model)
        )
    return models


def disconnect_search_index(*models):
    """Stop indexing these models' saves (a bulk import indexes in bulk afterwards); returns
    those that were connected."""
    return [
        model
        for model in models
        if post_save.disconnect(sender=model, dispatch_uid=_index_uid(model))
    ]


# Publishing and deleting listings ------------------------------------------------------------


def confirm_last_checked(sender, instance, revision=None, **kwargs):
    """Publishing (an officer's approval) a version whose editor confirmed that every section
    is current sets "Last checked" to today, the approval date. The box is then cleared, in the
    live row and in the revision the editor will next edit from."""
    if not instance.confirmed_current:
        return
    today = timezone.localdate()
    # Written after the publish's save, and recorded in the change log by the queryset: a page
    # kept in between would otherwise show the old date.
    type(instance).objects.filter(pk=instance.pk).update(
        last_reviewed_on=today, confirmed_current=False
    )
    instance.last_reviewed_on, instance.confirmed_current = today, False
    if revision is not None:
        revision.content.update(last_reviewed_on=today.isoformat(), confirmed_current=False)
        revision.save(update_fields=["content"])


def delete_history(sender, instance, **kwargs):
    """Revisions and workflow states point at listings generically; remove them with it."""
    Revision.objects.for_instance(instance).delete()
    WorkflowState.objects.for_instance(instance).delete()


# The change log ------------------------------------------------------------------------------


def record_listing(sender, instance, update_fields=None, **kwargs):
    if not Listing.saves_only_bookkeeping(update_fields):  # a draft saved changes nothing shown
        change_log.record(listing_id=instance.pk)


def record_needs(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        change_log.record(listing_id=instance.pk)
    else:  # a need's listings changed: each of them
        for pk in sorted(pk_set or ()) or [None]:
            change_log.record(listing_id=pk)


def record_listings_changed(sender, listing_id=None, **kwargs):
    change_log.record(listing_id=listing_id)


def record_everything(*args, **kwargs):
    """Something every page shows besides listings changed (an authority, a site)."""
    change_log.record()


def record_m2m_everything(sender, action, **kwargs):
    if action.startswith("post_"):
        change_log.record()


def record_release(sender, app_config=None, using="default", **kwargs):
    """Every release runs migrate: a new release's templates and code may render any page
    differently, so nothing kept by the last one is reused."""
    from django.db import connections

    from .models import DirectoryChange

    if app_config is None or app_config.label != "directory":  # once a migrate
        return
    if DirectoryChange._meta.db_table in connections[using].introspection.table_names():
        change_log.record()


def record_indexed(sender, task_result, **kwargs):
    """With background tasks (TASKS_BACKEND=database) a listing's search index entry is
    written by a worker after the listing is saved, so anything kept between the two would
    miss its new words: record the change again once the entry is written."""
    args = list(task_result.args)
    if task_result.task.module_path == "modelsearch.tasks.insert_or_update_object_task" and (
        args[:1] == ["directory"]
    ):
        pk = args[2] if len(args) > 2 else None
        change_log.record(listing_id=int(pk) if str(pk).isdigit() else None)


# After every migrate ----------------------------------------------------------------------


def keep_reference_data(sender, **kwargs):
    """The need taxonomy is reference data defined in taxonomy.py: keep the table in step
    after every migrate (and after test-database flushes, which emit post_migrate)."""
    ensure_needs()


def keep_place_groups(sender, **kwargs):
    """After the roles' own sync (the roles app comes first): the per-authority groups that
    hold officers' and forums' page and media permissions."""
    authority_groups.sync_place_groups()


def connect(app_config):
    post_migrate.connect(
        keep_reference_data, sender=app_config, dispatch_uid="directory.ensure_needs"
    )
    post_migrate.connect(
        keep_place_groups, sender=app_config, dispatch_uid="directory.sync_place_groups"
    )
    post_save.connect(authority_saved, sender=LocalAuthority, dispatch_uid="directory-authority")
    post_save.connect(access_saved, sender=AuthorityAccess, dispatch_uid="directory-access")
    m2m_changed.connect(
        access_authorities_changed,
        sender=AuthorityAccess.authorities.through,
        dispatch_uid="directory-access-authorities",
    )
    m2m_changed.connect(
        user_groups_changed,
        sender=get_user_model().groups.through,
        dispatch_uid="directory-user-groups",
    )

    # Indexed before the change is recorded: a page kept after the change finds the new words.
    connect_search_index()

    for model in (Setting, Service):
        uid = f"directory-{model.__name__}"
        published.connect(confirm_last_checked, sender=model, dispatch_uid=f"{uid}-checked")
        post_delete.connect(delete_history, sender=model, dispatch_uid=f"{uid}-history")

    for model in LISTING_MODELS:
        uid = f"directory-change-log-{model.__name__}"
        post_save.connect(record_listing, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(record_listing, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        record_needs, sender=Listing.needs.through, dispatch_uid="directory-change-log-needs"
    )
    listings_changed.connect(record_listings_changed, dispatch_uid="directory-change-log-bulk")
    # Search pages show authorities (the filter) and sites; "include neighbouring authorities"
    # reads an authority's neighbours, edited in the admin after the authority itself is saved.
    for model in (LocalAuthority, Site):
        uid = f"directory-change-log-{model.__name__}"
        post_save.connect(record_everything, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(record_everything, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        record_m2m_everything,
        sender=LocalAuthority.neighbours.through,
        dispatch_uid="directory-change-log-neighbours",
    )
    # The vocabulary families search with: an officer's words change what every search finds.
    post_save.connect(
        record_everything, sender=SearchWords, dispatch_uid="directory-change-log-words-save"
    )
    post_delete.connect(
        record_everything, sender=SearchWords, dispatch_uid="directory-change-log-words-delete"
    )
    task_finished.connect(record_indexed, dispatch_uid="directory-change-log-indexed")

    # Workflow mail to the people who can act (notifications.py), in place of Wagtail's own:
    # connected under its id, so whichever app is ready first, ours is the one kept.
    task_submitted.disconnect(sender=TaskState, dispatch_uid=WAGTAIL_DISPATCH_UID)
    task_submitted.connect(
        task_submission_notifier, sender=TaskState, dispatch_uid=WAGTAIL_DISPATCH_UID
    )
    post_migrate.connect(record_release, dispatch_uid="directory-change-log-release")
