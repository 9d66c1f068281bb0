"""Web framework adapters: Flask, Django and Starlette/FastAPI over one shared HTTP layer.

Each adapter is imported on its own (``commentguard.adapters.flask`` ...) and needs its extra
(``pip install 'commentguard[flask]'``); :mod:`commentguard.adapters.http` holds what they
share: reading the client address behind proxies, turning form or JSON data into a
submission, and turning a decision or field errors into a response.
"""
