"""One search index per process and model, rebuilt when the model's rows change."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Count, Max, Model

from .index import Document, SearchIndex


class IndexCache:
    """Rebuilds when the row count or the latest `modified_at` changes (one aggregate query)."""

    def __init__(self, model: type[Model], documents: Callable[[], Iterable[Document]]) -> None:
        self._model = model
        self._documents = documents
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._index: SearchIndex | None = None

    def get(self) -> SearchIndex:
        state = self._model._default_manager.aggregate(n=Count("pk"), last=Max("modified_at"))
        key = (state["n"], state["last"])
        with self._lock:
            if self._index is None or key != self._key:
                self._index = SearchIndex(self._documents())
                self._key = key
            return self._index
