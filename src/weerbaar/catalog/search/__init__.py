"""In-memory full-text search with Dutch stemming, typo tolerance and facets.

Framework-independent: the catalog and the contact directory build a `SearchIndex` from
`Document`s; access control stays in the selectors, which pass the allowed values as filters.
"""

from weerbaar.catalog.search.index import Document, SearchIndex, SearchResult
from weerbaar.catalog.search.text import tokenize

__all__ = ["Document", "SearchIndex", "SearchResult", "tokenize"]
