"""
A small LMS-like Django project that loads the course archive plugin the way the LMS does.

It serves the tests, ``make dev`` and ``make bench``; it is not part of the distributed package.
"""
