from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from localoffer.two_factor import remove_devices


class Command(BaseCommand):
    help = (
        "Remove a user's second factor (authenticator app and recovery codes), e.g. after a "
        "lost phone. At their next login they set it up again (required roles) or log in "
        "with their password alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as missing:
            raise CommandError(f"No user called “{username}”.") from missing
        removed = remove_devices(user)
        self.stdout.write(
            f"Removed {removed} device{'s' if removed != 1 else ''} from “{username}”: "
            "their next login asks them to set up two-factor authentication again."
            if removed
            else f"“{username}” had no two-factor authentication set up."
        )
