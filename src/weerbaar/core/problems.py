"""Errors as application/problem+json (RFC 9457), as the NL API Design Rules ask."""

from typing import Any

from django.http import HttpRequest, JsonResponse

PROBLEM_TYPE = "https://www.rfc-editor.org/rfc/rfc9110.html#section-15"
TITLES = {
    400: "Ongeldige invoer",
    401: "Niet geauthenticeerd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    409: "Conflict",
    413: "Verzoek te groot",
    414: "Adres te lang",
    500: "Interne fout",
}


def problem(
    request: HttpRequest,
    status: int,
    detail: str = "",
    invalid_params: list[dict[str, Any]] | None = None,
) -> JsonResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE,
        "title": TITLES.get(status, "Fout"),
        "status": status,
        "detail": detail or TITLES.get(status, ""),
        "instance": request.get_full_path(),
    }
    if invalid_params:
        body["invalidParams"] = invalid_params
    response = JsonResponse(body, status=status, content_type="application/problem+json")
    if status == 401:
        response["WWW-Authenticate"] = 'Token realm="weerbaar"'
    return response
