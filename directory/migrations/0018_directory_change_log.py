# The change log moves from the search app to the directory (it records changes to the
# directory); search's tables are dropped by search 0006. A new log starts here: every
# process rebuilds what it keeps on its first request after the release anyway (each migrate
# records a change that names no listing).

import secrets

from django.db import migrations, models


def first_version(apps, schema_editor):
    apps.get_model("directory", "DirectoryVersion").objects.create(pk=1, token=secrets.randbits(62))


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0017_listing_reminders"),
    ]

    operations = [
        migrations.CreateModel(
            name="DirectoryVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "directory version",
            },
        ),
        migrations.CreateModel(
            name="DirectoryChange",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("token", models.BigIntegerField()),
                ("listing_id", models.BigIntegerField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "directory change",
            },
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
