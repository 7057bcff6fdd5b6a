from django.db import migrations

from directory.taxonomy import need_mask


def fill(apps, schema_editor):
    Listing = apps.get_model("directory", "Listing")
    Setting = apps.get_model("directory", "Setting")
    Service = apps.get_model("directory", "Service")
    settings = dict(Setting.objects.values_list("pk", "setting_type"))
    resourced = set(Setting.objects.exclude(resourced_provision="").values_list("pk", flat=True))
    categories = dict(Service.objects.values_list("pk", "category"))
    needs = {}
    for listing_id, code in Listing.needs.through.objects.values_list("listing_id", "need__code"):
        needs.setdefault(listing_id, []).append(code)
    batch = []
    for listing in Listing.objects.only("pk").iterator(chunk_size=2000):
        listing.listing_type = settings.get(listing.pk) or categories.get(listing.pk, "")
        listing.has_resourced_provision = listing.pk in resourced
        listing.need_mask = need_mask(needs.get(listing.pk, []))
        batch.append(listing)
        if len(batch) >= 2000:
            Listing.objects.bulk_update(
                batch, ["listing_type", "has_resourced_provision", "need_mask"]
            )
            batch = []
    Listing.objects.bulk_update(batch, ["listing_type", "has_resourced_provision", "need_mask"])


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_search_columns")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
