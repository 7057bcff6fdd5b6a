import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

import roles

from ... import guide, listings, northbrook

# A demo-only password, printed on purpose; seed_demo refuses to run where demo data is off.
DEFAULT_PASSWORD = "localoffer-demo"  # noqa: S105

# (username, name, group or None for the superuser)
DEMO_USERS = [
    ("admin", ("Ada", "Admin"), None),
    ("officer", ("Olu", "Officer"), roles.LOCAL_OFFER_OFFICERS),
    ("forum", ("Farah", "Forum"), roles.FORUM_EDITORS),
    ("setting-editor", ("Sam", "SENCo"), roles.SETTING_EDITORS),
    ("service-editor", ("Sian", "Therapist"), roles.SERVICE_EDITORS),
    ("regulator", ("Rhys", "Regulator"), roles.REGULATORS),
]


class Command(BaseCommand):
    help = (
        "Create the demo site: a fictional authority, its home page and one user per role. "
        "Safe to run again: it only adds what is missing."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "Demo data is not allowed with these settings (DEMO_DATA_ALLOWED is off). "
                "It creates users with a published password."
            )
        password = os.environ.get("DEMO_PASSWORD", DEFAULT_PASSWORD)
        with transaction.atomic():
            site, home, authority = northbrook.seed()
            logins = [self.ensure_user(password, *user) for user in DEMO_USERS]
            settings_added, services_added = listings.seed(
                editor_usernames=[username for username, *_ in DEMO_USERS]
            )
            _, guide_added = guide.seed(home)

        self.stdout.write(self.style.SUCCESS(f"Demo site ready: {authority.authority_name}"))
        self.stdout.write(
            f"Directory: {len(settings_added)} settings and {len(services_added)} services added."
        )
        self.stdout.write(f"Guide: {len(guide_added)} pages added.")
        self.stdout.write("Admin logins (http://127.0.0.1:8000/admin/):")
        for username, role, shown_password in logins:
            self.stdout.write(f"  {username:<16} {shown_password:<20} {role}")

    def ensure_user(self, password, username, name, group_name):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": name[0],
                "last_name": name[1],
                "email": f"{username}@northbrook.example.org",
                "is_staff": group_name is None,
                "is_superuser": group_name is None,
            },
        )
        if created:
            user.set_password(password)
            user.save()
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        shown = password if user.check_password(password) else "(changed since seeding)"
        return username, group_name or "Superuser", shown
