"""
``make bench``: throughput, latency and SQL per request of the REST API against a seeded database.

Run ``python -m bench --help`` from ``backend/`` (``make bench ARGS=...``) for the options.
"""
