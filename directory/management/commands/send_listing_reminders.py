from django.core.management.base import BaseCommand

from directory.reminders import send_listing_reminders


class Command(BaseCommand):
    help = (
        "E-mail each listing's editors when their listing is due its yearly check (a month "
        "before it is out of date, and when it is) or its waiting time is out of date; listings "
        "with no editor go to the Local Offer team. Each reminder is sent once. Run it daily."
    )

    def handle(self, *args, **options):
        from directory.tasks import ensure_todays_snapshot

        emails, reminders = send_listing_reminders()
        self.stdout.write(f"{reminders} reminder(s) due; {emails} e-mail(s) sent.")
        # The daily run also records the day's completeness figures for the reports' trend.
        if ensure_todays_snapshot():
            self.stdout.write("Today's completeness figures recorded.")
