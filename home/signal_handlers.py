"""What the home app does when something changes, connected by `connect()` from
HomeConfig.ready."""

from django.db.models.signals import post_delete, post_save

from directory import change_log

from .models import AuthoritySettings


def record_settings(sender, created=False, **kwargs):
    """A site's name, contacts and SENDIAS details are on every page. Settings are created,
    empty, when a page first asks for them: that changes nothing shown."""
    if not created:
        change_log.record()


def connect():
    post_save.connect(
        record_settings, sender=AuthoritySettings, dispatch_uid="home-change-log-settings"
    )
    post_delete.connect(
        change_log.record, sender=AuthoritySettings, dispatch_uid="home-change-log-settings"
    )
