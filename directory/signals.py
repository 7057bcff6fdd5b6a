from django.dispatch import Signal

# Sent after listings change where no model signals fire: in bulk (seed_scale, bulk imports),
# or one listing's row written directly (then with `listing_id`). Whatever keeps derived data
# about listings (the search cache) listens to it.
listings_changed = Signal()


def connect_authority_groups():
    """Keep staff's place groups (directory/authority_groups.py) in line with their roles and
    the authorities they act for, whichever of those changes."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed, post_save

    import roles
    from roles.models import AuthorityAccess

    from . import authority_groups
    from .models import LocalAuthority

    changed = ("post_add", "post_remove", "post_clear")

    def authority_saved(sender, instance, raw=False, **kwargs):
        from .sites import forget_sites

        forget_sites()
        if not raw and instance.site_id is not None:
            authority_groups.sync_place_groups()

    def access_saved(sender, instance, raw=False, **kwargs):
        if not raw:
            authority_groups.sync_memberships(instance.user)

    def access_authorities_changed(sender, instance, action, reverse, **kwargs):
        if action in changed and not reverse:
            authority_groups.sync_memberships(instance.user)

    def user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
        # Only a change of role matters; the place groups that sync_memberships itself adds
        # and removes do not call it again.
        if action not in changed or reverse:
            return
        from django.contrib.auth.models import Group

        if pk_set is None or Group.objects.filter(pk__in=pk_set, name__in=roles.SCOPED_ROLES):
            authority_groups.sync_memberships(instance)

    post_save.connect(authority_saved, sender=LocalAuthority, weak=False)
    post_save.connect(access_saved, sender=AuthorityAccess, weak=False)
    m2m_changed.connect(
        access_authorities_changed, sender=AuthorityAccess.authorities.through, weak=False
    )
    m2m_changed.connect(user_groups_changed, sender=get_user_model().groups.through, weak=False)


def _index_uid(model):
    return f"directory-search-index-{model.__name__}"


def connect_search_index(models=None):
    """Index a listing when it is saved (the search backends' own handler, through the task
    queue), unless Wagtail saved only bookkeeping columns (a draft, a lock); remove it when it
    is deleted. Returns the models connected."""
    from django.db.models.signals import post_delete, post_save
    from modelsearch.signal_handlers import post_delete_signal_handler, post_save_signal_handler

    from .models import Listing, Service, Setting

    def listing_saved(sender, instance, update_fields=None, **kwargs):
        if not Listing.saves_only_bookkeeping(update_fields):
            post_save_signal_handler(instance, update_fields=update_fields, **kwargs)

    models = models or (Listing, Setting, Service)
    for model in models:
        post_save.connect(listing_saved, sender=model, weak=False, dispatch_uid=_index_uid(model))
        post_delete.connect(
            post_delete_signal_handler, sender=model, dispatch_uid=_index_uid(model)
        )
    return models


def disconnect_search_index(*models):
    """Stop indexing these models' saves (a bulk import indexes in bulk afterwards); returns
    those that were connected."""
    from django.db.models.signals import post_save

    return [
        model
        for model in models
        if post_save.disconnect(sender=model, dispatch_uid=_index_uid(model))
    ]
