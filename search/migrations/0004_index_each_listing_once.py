"""Remove the search index entries made for listings as base Listings: every listing is
indexed as its own type (Setting or Service) only (Listing.get_indexed_objects). On SQLite the
index's triggers remove the FTS5 rows with them."""

from django.db import migrations


def remove_base_listing_entries(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    listing = ContentType.objects.filter(app_label="directory", model="listing").first()
    if listing is not None:
        IndexEntry.objects.filter(content_type_id=listing.pk).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_remove_search_match"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(remove_base_listing_entries, migrations.RunPython.noop)]
