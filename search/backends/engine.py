"""Elasticsearch / OpenSearch: Wagtail's backend for the configured engine, whose indexes are
always made by the backend, never guessed by the engine.

A document written to an index that does not exist makes the engine create that index with
mappings guessed from the document: `pk` becomes a text field, and every family search (which
reads matches sorted by `pk`: search/external.py) then fails with a 400 from the engine. The
indexes are made properly by `update_index`, but a listing saved before it has ever run on a
cluster (a new deployment, a new cluster, an index deleted by hand) used to get there first.
Here, before any document is written, an index that does not exist is created with the
backend's settings and the mappings of every model it holds, in one request (so a second
process writing at the same moment finds it complete, or fails to create it and writes to the
one the first made). That costs one HEAD request per write or per bulk batch.

Selected with WAGTAILSEARCH_BACKENDS["default"] = {"BACKEND": "search.backends.engine",
"ENGINE": "wagtail.search.backends.opensearch3", ...}: ENGINE names Wagtail's backend for the
cluster's version (elasticsearch7/8/9, opensearch2/3); every other parameter is that backend's.
"""

from functools import cache

from modelsearch.backends import import_backend
from modelsearch.backends.base import get_model_root
from modelsearch.index import class_is_indexed, get_indexed_models

DEFAULT_ENGINE = "wagtail.search.backends.elasticsearch8"


class IndexMadeBeforeWriting:
    """Mixed into the engine backend's index class: writes make the index first if needed."""

    def add_item(self, item):
        if class_is_indexed(item.__class__):
            self.make_if_missing(item.__class__)
        super().add_item(item)

    def add_items(self, model, items):
        if items and class_is_indexed(model):
            self.make_if_missing(model)
        super().add_items(model, items)

    def make_if_missing(self, model):
        if self.exists():  # an index, or the alias update_index's atomic rebuild makes
            return
        body = {**self.backend.settings, "mappings": self.mappings_of(model)}
        try:
            if self.backend.use_new_elasticsearch_api:  # the elasticsearch 7.15+ clients
                self.es.indices.create(index=self.name, **body)
            else:  # opensearch-py, older elasticsearch clients
                self.es.indices.create(index=self.name, body=body)
        except Exception as error:  # each client has its own class for the engine's 400
            # Another process made it between the two requests: write to that one.
            if "resource_already_exists_exception" not in str(error):
                raise

    def mappings_of(self, model):
        """The mappings of every indexed model kept in this model's index (its root model's),
        as update_index puts them one model after the other."""
        root = get_model_root(model)
        properties = {}
        for indexed in get_indexed_models():
            if get_model_root(indexed) is root:
                properties.update(self.mapping_class(indexed).get_mapping()["properties"])
        return {"properties": properties}


@cache
def backend_class(engine):
    """Wagtail's backend class for this engine, with its indexes made before writing."""
    base = import_backend(engine)
    index_class = type(base.index_class.__name__, (IndexMadeBeforeWriting, base.index_class), {})
    return type(base.__name__, (base,), {"index_class": index_class, "__module__": __name__})


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks a backend module's class up by
    params = dict(params)
    return backend_class(params.pop("ENGINE", DEFAULT_ENGINE))(params)
