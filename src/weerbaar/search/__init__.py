"""One search service for every app: documents registered per kind, the database's own full-text
index (SQLite FTS5, PostgreSQL tsvector), Snowball stemming in nl/de/en, typo tolerance, facets,
and access levels applied in the query. See docs/search.md."""
