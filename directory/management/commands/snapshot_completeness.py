from django.core.management.base import BaseCommand

from directory.accountability import take_snapshot


class Command(BaseCommand):
    help = (
        "Store today's completeness figures per authority and kind, for the trend in the "
        "authority report. Run it daily or weekly (cron, or a scheduled task); running it twice "
        "in a day replaces that day's figures."
    )

    def handle(self, *args, **options):
        count = take_snapshot()
        self.stdout.write(f"Stored {count} snapshot rows.")
