"""Web framework adapters: Flask, Django and Starlette/FastAPI over one shared HTTP layer.

Each adapter is imported on its own (``commentguard.adapters.flask`` ...) and needs its extra
(``pip install 'commentguard[flask]'``). What they share needs no framework: the private
``_proxies`` module reads the client address behind proxies, and ``_http`` turns form or JSON
data into a submission and a decision or field errors into a response. Public here: the
form's :class:`FieldNames` (a plugin reading the honeypot field uses it) and the JSON
helpers a view of your own answers with, each taking ``locale=``.
"""

from commentguard.adapters._http import (
    BadRequest,
    FieldNames,
    decision_body,
    decision_response,
    error_response,
    field_errors_body,
)

__all__ = [
    "BadRequest",
    "FieldNames",
    "decision_body",
    "decision_response",
    "error_response",
    "field_errors_body",
]
