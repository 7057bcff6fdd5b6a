"""Word forms on SQLite: the FTS5 table of the search index is made again with the Porter
stemmer (`tokenize='porter unicode61 remove_diacritics 2'`), so that "swim" finds "swimming"
and "clubs" finds "club", as PostgreSQL's english configuration and the search engine's
stemmer already do (docs/search-vocabulary.md). The index entries keep each object's text, so
the new table is filled from them; nothing is re-indexed. PostgreSQL: nothing to do.
"""

from django.db import migrations

INDEX = "wagtailsearch_indexentry"
FTS = f"{INDEX}_fts"
STEMMED = "porter unicode61 remove_diacritics 2"


def fts_table(schema_editor, tokenize):
    connection = schema_editor.connection
    if connection.vendor != "sqlite" or FTS not in connection.introspection.table_names():
        return
    options = f", tokenize='{tokenize}'" if tokenize else ""
    with connection.cursor() as cursor:
        # The index entry table's triggers name the FTS table; it is dropped and made again
        # under the same name, so they keep working.
        cursor.execute(f"DROP TABLE {FTS}")
        cursor.execute(f"CREATE VIRTUAL TABLE {FTS} USING fts5(autocomplete, body, title{options})")
        cursor.execute(
            f"INSERT INTO {FTS}(rowid, title, body, autocomplete) "  # noqa: S608 (constants)
            f"SELECT id, title, body, autocomplete FROM {INDEX}"
        )


def stem(apps, schema_editor):
    fts_table(schema_editor, STEMMED)


def unstem(apps, schema_editor):
    fts_table(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_change_log_moves_to_directory"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(stem, unstem)]
