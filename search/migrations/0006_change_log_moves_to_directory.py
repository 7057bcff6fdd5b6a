# The directory's change log now lives in the directory app (directory 0018).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_directory_change"),
    ]

    operations = [
        migrations.DeleteModel(name="DirectoryChange"),
        migrations.DeleteModel(name="DirectoryVersion"),
    ]
