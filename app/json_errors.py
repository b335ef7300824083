"""Every answer under /api is JSON, errors included: {"error": CODE, "message": TEXT}.

CODE is a stable English word a script can test (`not_found`, `conflict`, ...); TEXT says what
to fix. A 422 also carries `fields`: each field named, with what is wrong with it.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response, request

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "too_many_requests",
    500: "server_error",
    503: "busy",
}


def json_answer(body: dict[str, Any], status: int = 200) -> Response:
    """Answer `body` as JSON (plain values: the API's figures go through its own encoder)."""
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, default=str)
    return Response(text + "\n", status=status, mimetype="application/json")


def json_error(status: int, message: str, **extra: Any) -> Response:
    """Answer an error: its code word, the message, and any extra keys (e.g. `fields`)."""
    body = {"error": CODES.get(status, "error"), "message": message, **extra}
    return json_answer(body, status)


def under_api() -> bool:
    """Tell whether this request's path is under /api (so its errors answer JSON)."""
    return request.path == "/api" or request.path.startswith("/api/")
