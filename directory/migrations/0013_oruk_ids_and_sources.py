import uuid

from django.db import migrations, models

NAMESPACE = uuid.UUID("5b0a6d1e-4c1f-5e0b-9a57-1f0c2a3e8d40")  # as directory.models.listings


def fill_oruk_ids(apps, schema_editor):
    """Give each existing listing its stable ORUK id: from its URN, otherwise its slug."""
    Listing = apps.get_model("directory", "Listing")
    Setting = apps.get_model("directory", "Setting")
    urns = dict(Setting.objects.exclude(urn=None).values_list("pk", "urn"))
    batch = []
    for listing in Listing.objects.only("pk", "slug").iterator(chunk_size=2000):
        urn = urns.get(listing.pk)
        listing.oruk_id = uuid.uuid5(NAMESPACE, f"urn:{urn}" if urn else f"listing:{listing.slug}")
        batch.append(listing)
        if len(batch) == 2000:
            Listing.objects.bulk_update(batch, ["oruk_id"])
            batch = []
    Listing.objects.bulk_update(batch, ["oruk_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0012_local_offer_approval_task"),
    ]

    operations = [
        migrations.AddField(
            model_name="listing",
            name="oruk_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="ORUK id"),
        ),
        migrations.RunPython(fill_oruk_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="listing",
            name="oruk_id",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="ORUK id"
            ),
        ),
        migrations.AddField(
            model_name="listing",
            name="source_id",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name="listing",
            name="source_url",
            field=models.URLField(blank=True, editable=False, max_length=500),
        ),
        migrations.AddIndex(
            model_name="listing",
            index=models.Index(
                fields=["live", "last_published_at"], name="directory_l_live_c1877b_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="listing",
            index=models.Index(fields=["live", "updated_at"], name="directory_l_live_821add_idx"),
        ),
    ]
