"""The one search index, shared by every worker and every app.

`IndexedDocument` holds what the query filters and sorts on (kind, access level, organisation,
freshness) and `IndexedFacet` the facet values; the terms themselves live in the database's
full-text index (`search_text`: an FTS5 table on SQLite, a tsvector column with a GIN index on
PostgreSQL; see `backends.py`), keyed by the document's id. `IndexedTerm` is the vocabulary per
kind and access level (for typo tolerance), and `IndexState` counts the changes, so a
worker knows when its copy of the vocabulary is stale.

The index holds no personal data: an app puts only what may be searched into a document (the
contact directory indexes roles, themes and organisations, never names, e-mail or phone).
"""

from django.db import models


class IndexedDocument(models.Model):
    kind = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    access_level = models.CharField(max_length=12)
    organisation_id = models.IntegerField(null=True, blank=True)
    title = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=300, blank=True)
    freshness = models.DateField(null=True, blank=True)
    #: the document's distinct terms, space-separated: what to take out of the vocabulary again
    terms = models.TextField(blank=True)

    class Meta:
        db_table = "search_document"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique_object")
        ]
        indexes = [
            models.Index(fields=["kind", "access_level"], name="search_document_kind_level"),
            models.Index(fields=["freshness"], name="search_document_freshness"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class IndexedFacet(models.Model):
    document = models.ForeignKey(
        IndexedDocument, on_delete=models.CASCADE, related_name="facet_values", db_index=False
    )
    name = models.CharField(max_length=40)
    value = models.CharField(max_length=100)

    class Meta:
        db_table = "search_facet"
        indexes = [
            # a filter: the documents holding a value
            models.Index(fields=["name", "value", "document"], name="search_facet_value"),
            # a count: the values of the documents found (covering, no table look-up)
            models.Index(fields=["document", "name", "value"], name="search_facet_document"),
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class IndexedTerm(models.Model):
    """A term of the index and how many documents of a kind and access level hold it."""

    kind = models.CharField(max_length=40)
    access_level = models.CharField(max_length=12)
    term = models.CharField(max_length=60)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "search_term"
        constraints = [
            models.UniqueConstraint(fields=["kind", "access_level", "term"], name="search_term_unique")
        ]

    def __str__(self) -> str:
        return self.term


class IndexState(models.Model):
    """One row: the number of changes to the index so far, and a stamp that is new with every
    change (also after a rolled-back one, so a worker's copy of the vocabulary never outlives
    what it was read from)."""

    generation = models.BigIntegerField(default=0)
    stamp = models.CharField(max_length=32, default="")

    class Meta:
        db_table = "search_state"

    def __str__(self) -> str:
        return f"generation {self.generation}"
