from weerbaar.catalog.testing import starter  # noqa: F401  (the starter catalog fixture)
