# Which authorities staff act for moves from the roles app (the ground floor, which now refers
# to nothing above it) to the directory, where the authorities are. The tables keep their names
# (roles_authorityaccess and its authorities table): a database that had them keeps them and
# their rows; one that never had them gets them here.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def make_tables_where_missing(apps, schema_editor):
    AuthorityAccess = apps.get_model("directory", "AuthorityAccess")
    if AuthorityAccess._meta.db_table in schema_editor.connection.introspection.table_names():
        return  # made by the roles app's migration, as it was
    schema_editor.create_model(AuthorityAccess)
    # As that migration did: before authorities were scoped, officers, forum editors and
    # regulators acted for every authority, and keep doing so. New staff get an access row
    # saying which authorities they act for.
    from roles import FORUM_EDITORS, LOCAL_OFFER_OFFICERS, REGULATORS

    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    staff = User.objects.filter(
        groups__name__in=[LOCAL_OFFER_OFFICERS, FORUM_EDITORS, REGULATORS], is_superuser=False
    ).distinct()
    for user in staff:
        AuthorityAccess.objects.get_or_create(user=user, defaults={"national": True})


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0018_directory_change_log"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuthorityAccess",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "national",
                            models.BooleanField(
                                default=False,
                                help_text="Acts for every local authority on this instance (a national officer, forum or regulator).",
                            ),
                        ),
                        (
                            "authorities",
                            models.ManyToManyField(
                                blank=True,
                                help_text="The local authorities this person acts for.",
                                related_name="staff_access",
                                to="directory.localauthority",
                            ),
                        ),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="authority_access",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "authority access",
                        "verbose_name_plural": "authority access",
                        "db_table": "roles_authorityaccess",
                    },
                ),
            ],
        ),
        migrations.RunPython(make_tables_where_missing, migrations.RunPython.noop),
    ]
