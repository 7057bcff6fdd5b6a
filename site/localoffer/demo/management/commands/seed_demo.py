import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

import roles
from directory.models import AuthorityAccess, LocalAuthority

from ... import guide, inclusion_demo, languages, listings, sites, waiting_work

# A demo-only password, printed on purpose; seed_demo refuses to run where demo data is off.
DEFAULT_PASSWORD = "localoffer-demo"  # noqa: S105

NATIONAL = "national"
# (username, name, group or None for the superuser, the authorities they act for by LA code,
# or NATIONAL for all of them)
DEMO_USERS = [
    ("admin", ("Ada", "Admin"), None, ()),
    ("officer", ("Olu", "Officer"), roles.LOCAL_OFFER_OFFICERS, ("990",)),
    ("officer-southmere", ("Sol", "Officer"), roles.LOCAL_OFFER_OFFICERS, ("991",)),
    ("forum", ("Farah", "Forum"), roles.FORUM_EDITORS, ("990",)),
    ("forum-national", ("Nia", "Network"), roles.FORUM_EDITORS, NATIONAL),
    ("setting-editor", ("Sam", "SENCo"), roles.SETTING_EDITORS, ()),
    ("service-editor", ("Sian", "Therapist"), roles.SERVICE_EDITORS, ()),
    ("regulator", ("Rhys", "Regulator"), roles.REGULATORS, NATIONAL),
]


class Command(BaseCommand):
    help = (
        "Create the demo site: a fictional authority, its home page and one user per role. "
        "Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=8000, help="the dev server's port, for the addresses shown"
        )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "Demo data is not allowed with these settings (DEMO_DATA_ALLOWED is off). "
                "It creates users with a published password."
            )
        password = os.environ.get("DEMO_PASSWORD", DEFAULT_PASSWORD)
        with transaction.atomic():
            site, home, national = sites.seed()
            settings_added, services_added = listings.seed()
            _, guide_added = guide.seed(home)
            local_sites = sites.seed_authority_sites()
            local_added = guide.seed_local_pages(local_sites)
            logins = [self.ensure_user(password, *user) for user in DEMO_USERS]
            listings.link_editors([username for username, *_ in DEMO_USERS])
            waiting = waiting_work.seed()
            inclusion = inclusion_demo.seed()
            translated = languages.seed(site, home)

        self.stdout.write(self.style.SUCCESS(f"Demo ready: {national.authority_name}"))
        port = options["port"]
        self.stdout.write(f"Sites (runserver on port {port}):")
        self.stdout.write(f"  http://127.0.0.1:{port}/  {national.authority_name} (national)")
        for authority, local_site, _ in local_sites:
            self.stdout.write(f"  http://{local_site.hostname}:{port}/  {authority.name}")
        self.stdout.write(
            f"Directory: {len(settings_added)} settings and {len(services_added)} services added."
        )
        self.stdout.write(
            f"Guide: {len(guide_added)} national pages and {len(local_added)} local pages added."
        )
        self.stdout.write(
            "Inclusion profiles: "
            + "; ".join(
                f"{report.applied} school-years new or changed from the {dataset} sample"
                for dataset, report in inclusion.items()
            )
            + "."
        )
        self.stdout.write(
            f"Languages: Polish and Urdu on the national site, {len(translated)} pages with "
            "SAMPLE translations (not checked, not for families)."
        )
        if waiting:
            self.stdout.write("Waiting in the admin: " + "; ".join(waiting) + ".")
        self.stdout.write(f"Admin logins (http://127.0.0.1:{port}/admin/):")
        for username, role, shown_password in logins:
            self.stdout.write(f"  {username:<18} {shown_password:<20} {role}")

    def ensure_user(self, password, username, name, group_name, acts_for):
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
        if group_name in roles.SCOPED_ROLES:
            access, _ = AuthorityAccess.objects.get_or_create(
                user=user, defaults={"national": acts_for == NATIONAL}
            )
            if acts_for != NATIONAL:
                access.authorities.set(LocalAuthority.objects.filter(code__in=acts_for))
        if group_name in roles.SCOPED_ROLES:
            where = (
                "all authorities"
                if acts_for == NATIONAL
                else ", ".join(
                    LocalAuthority.objects.filter(code__in=acts_for).values_list("name", flat=True)
                )
            )
            group_name = f"{group_name} ({where})"
        shown = password if user.check_password(password) else "(changed since seeding)"
        return username, group_name or "Superuser", shown
