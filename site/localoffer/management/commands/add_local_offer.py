from django.core.management.base import BaseCommand, CommandError

from directory.models import LocalAuthority
from localoffer.local_offers import add_local_offer


class Command(BaseCommand):
    help = (
        "Give a local authority its own Local Offer site on this instance: a home page, a site "
        "on its host name, its settings, a collection for its images and documents, groups for "
        "its staff, and the national guide. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="the authority's GIAS LA code, e.g. 202")
        parser.add_argument("hostname", help="the site's host name, e.g. localoffer.camden.gov.uk")
        parser.add_argument("--port", type=int, default=443)
        parser.add_argument("--name", help="the authority's name, if it is not here yet")

    def handle(self, *args, code, hostname, port, name, **options):
        authority = LocalAuthority.objects.filter(code=code).first()
        if authority is None:
            if not name:
                raise CommandError(f"No local authority with code {code}: give --name to add it.")
            authority = LocalAuthority.objects.create(code=code, name=name)
        site, home = add_local_offer(authority, hostname, port=port)
        self.stdout.write(
            self.style.SUCCESS(
                f"{authority.name}'s Local Offer: https://{hostname}/ ({home.title})"
            )
        )
