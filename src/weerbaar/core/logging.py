"""Log lines without noise or secrets: a refused or unknown request (4xx) is one line, not a
traceback (Django logs PermissionDenied and Http404 with the exception attached)."""

import logging


class NoTracebackForClientErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
