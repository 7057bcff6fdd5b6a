from django.db import migrations


def create(apps, schema_editor):
    from inclusion.criteria import create_starting_criteria

    create_starting_criteria(apps.get_model("inclusion", "InclusionCriterion"), publish=False)


class Migration(migrations.Migration):
    dependencies = [("inclusion", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
