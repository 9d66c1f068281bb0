"""Web framework adapters: Flask, Django and Starlette/FastAPI over one shared HTTP layer.

Each adapter is imported on its own (``commentguard.adapters.flask`` ...) and needs its extra
(``pip install 'commentguard[flask]'``). What they share needs no framework:
:mod:`commentguard.adapters.proxies` reads the client address behind proxies, and
:mod:`commentguard.adapters.http` turns form or JSON data into a submission and a decision or
field errors into a response.
"""
