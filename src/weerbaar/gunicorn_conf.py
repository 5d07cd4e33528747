"""gunicorn settings for `make run` and production (`gunicorn -c python:weerbaar.gunicorn_conf`).

The benchmarks (`benchmarks/harness.py`) start their server with this same module, so what they
measure is what `make run` serves; a command-line option still overrides a setting here.

- Two processes of four threads: gthread workers keep a client's connection open between
  requests (the viewer asks for many tiles at once); access log on stdout.

- No `Server` header: gunicorn always names itself and has no option to stop; the header only
  helps an attacker pick exploits (OWASP ASVS 14.3.3), so it is left out of every response.
- The request line may be up to gunicorn's maximum (8190 bytes); the platform's own limit
  (`WEERBAAR_MAX_URL_LENGTH`, core.middleware.RequestLimitsMiddleware) is lower and answers with
  problem+json instead of gunicorn's bare 414 page.
"""

from gunicorn.http import wsgi

workers = 2
threads = 4
worker_class = "gthread"
# Keep an idle keep-alive connection open longer than a client pauses between two requests
# (gunicorn's default is 2 s): otherwise a request sent just as the server closes the idle
# connection fails, and a client retries only idempotent ones — a POST is lost to the client
# (seen once in 724 signal writes under `make bench-load`). Idle connections wait in gthread's
# poller, not on a thread.
keepalive = 30
accesslog = "-"
forwarded_allow_ips = "127.0.0.1"
limit_request_line = 8190

_default_headers = wsgi.Response.default_headers


def _without_server_header(self: wsgi.Response) -> list[str]:
    return [line for line in _default_headers(self) if not line.startswith("Server:")]


wsgi.Response.default_headers = _without_server_header  # type: ignore[method-assign]
