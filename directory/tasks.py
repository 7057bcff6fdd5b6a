"""Background work of the directory (django-tasks: immediate in the embedded default, a
`manage.py db_worker` in production)."""

from django.utils import timezone
from django_tasks import task

from .accountability import take_snapshot
from .models import CompletenessSnapshot


@task()
def snapshot_completeness():
    """Today's completeness figures per authority and kind, for the reports' trend."""
    return take_snapshot()


def ensure_todays_snapshot():
    """The trend is the product's, not its readers': the first time the figures are looked at
    or the daily reminders run on a day without a snapshot, one is taken (in the background).
    Returns whether one was asked for."""
    if CompletenessSnapshot.objects.filter(taken_on=timezone.localdate()).exists():
        return False
    snapshot_completeness.enqueue()
    return True
