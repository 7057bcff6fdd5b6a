# The roles' permissions are set after every migrate by roles.sync_roles (post_migrate),
# because the permissions of later apps do not exist yet when this migration runs.
from django.db import migrations

from roles import ROLE_NAMES


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
