"""Load the national guide pack (guidance/guide_pack/) into a site."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page, Site

from guidance.content_pack import PACK_DIR, PackError, SignOff, load_guide, read_pack
from guidance.models import ParentCarerForum


class Command(BaseCommand):
    help = (
        "Load the national guide pack into a site. New pages are created as drafts and sent "
        "into the guide's coproduction workflow; pages whose text changed in the pack get a new "
        "draft revision for the forum to sign off, and their live version is left as it was "
        "published; unchanged pages are left alone. Safe to run again."
    )

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group()
        where.add_argument(
            "--site", help="Hostname of the site whose home page the guide goes under."
        )
        where.add_argument("--parent", type=int, help="Id of the page the guide goes under.")
        parser.add_argument(
            "--pack", default=str(PACK_DIR), help="The pack's directory (default: the product's)."
        )
        parser.add_argument(
            "--user", help="Username recorded as having submitted the drafts for review."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the pack and report what would change, without changing anything.",
        )
        parser.add_argument(
            "--publish-as-signed-off",
            action="store_true",
            help="Demo sites only (DEMO_DATA_ALLOWED): publish each page as if the forum had "
            "signed it off, instead of sending it into the workflow.",
        )
        parser.add_argument(
            "--forum", help="With --publish-as-signed-off: the parent carer forum signing off."
        )

    def handle(self, *args, **options):
        parent = self.parent(options)
        user = self.user(options["user"])
        sign_off = None
        if options["publish_as_signed_off"]:
            if not getattr(settings, "DEMO_DATA_ALLOWED", False):
                raise CommandError(
                    "--publish-as-signed-off is for demo sites only (DEMO_DATA_ALLOWED is off): "
                    "on a real site every page goes through the forum's sign-off."
                )
            sign_off = SignOff(forum=self.forum(options["forum"]))
        elif options["forum"]:
            raise CommandError("--forum only goes with --publish-as-signed-off.")
        try:
            pack = read_pack(options["pack"])
            result = load_guide(
                parent, pack=pack, user=user, sign_off=sign_off, dry_run=options["dry_run"]
            )
        except PackError as error:
            raise CommandError(f"The guide pack was not loaded: {error}") from error
        self.report(result, options["dry_run"], sign_off)

    def parent(self, options):
        if options["parent"]:
            page = Page.objects.filter(pk=options["parent"]).first()
            if page is None:
                raise CommandError(f"No page has the id {options['parent']}.")
            return page.specific
        if options["site"]:
            site = Site.objects.filter(hostname=options["site"]).first()
            if site is None:
                known = ", ".join(Site.objects.values_list("hostname", flat=True)) or "none"
                raise CommandError(
                    f"No site has the hostname {options['site']!r} (sites: {known})."
                )
        else:
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                raise CommandError("There is no default site; name one with --site or --parent.")
        return site.root_page.specific

    def user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called {username!r}.")
        return user

    def forum(self, name):
        if not name:
            return None
        forum = ParentCarerForum.objects.filter(name=name).first()
        if forum is None:
            raise CommandError(f"No parent carer forum is called {name!r}.")
        return forum

    def report(self, result, dry_run, sign_off):
        prefix = "Dry run, nothing saved. Would have: " if dry_run else ""
        fate = "published as signed off" if sign_off else "as drafts sent for review"
        self.stdout.write(f"{prefix}Guide pack {result.version} into {result.index.url_path}")
        if result.index_created:
            self.stdout.write(f"  guide contents page created ({fate})")
        lines = [
            ("created", result.created, f" ({fate})"),
            ("updated", result.updated, f" (new revisions {fate}; live versions unchanged)"),
            ("unchanged", result.unchanged, ""),
        ]
        for label, slugs, note in lines:
            listed = f": {', '.join(slugs)}" if slugs and label != "unchanged" else ""
            self.stdout.write(f"  {len(slugs)} pages {label}{note if slugs else ''}{listed}")
        self.stdout.write(
            f"  glossary: {len(result.glossary_added)} terms added, "
            f"{len(result.glossary_kept)} already there and left as they are"
        )
