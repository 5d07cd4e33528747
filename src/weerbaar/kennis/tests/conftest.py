from weerbaar.contacts.testing import starter  # noqa: F401  (vocabularies and contact entries)
