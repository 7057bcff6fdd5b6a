from django.core.management.base import BaseCommand

from guidance.reviews import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email each parent carer forum's contact a list of its guide pages whose check is "
        "overdue (pages without a forum contact go to the Local Offer team). Run it daily."
    )

    def handle(self, *args, **options):
        emails, pages = send_review_reminders()
        self.stdout.write(f"{pages} overdue guide page(s); {emails} reminder email(s) sent.")
