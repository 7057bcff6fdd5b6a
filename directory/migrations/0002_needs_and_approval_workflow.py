from django.db import migrations

from directory.reference_data import ensure_listing_workflow, ensure_needs


def forwards(apps, schema_editor):
    ensure_needs(apps)
    ensure_listing_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
