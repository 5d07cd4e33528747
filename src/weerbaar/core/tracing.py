"""The trace id of the work at hand, shared by log lines and audit entries (W3C traceparent)."""

import re
import secrets
from contextvars import ContextVar

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$")

current_trace_id: ContextVar[str] = ContextVar("weerbaar_trace_id", default="")
current_span_id: ContextVar[str] = ContextVar("weerbaar_span_id", default="")


def new_ids(traceparent: str | None = None) -> tuple[str, str]:
    """A trace id taken from an incoming traceparent header, or a new one; always a new span."""
    match = _TRACEPARENT.match(traceparent or "")
    trace_id = match.group(1) if match else secrets.token_hex(16)
    return trace_id, secrets.token_hex(8)


def trace_id() -> str:
    value = current_trace_id.get()
    if not value:
        value, span = new_ids()
        current_trace_id.set(value)
        current_span_id.set(span)
    return value


def span_id() -> str:
    trace_id()
    return current_span_id.get()
