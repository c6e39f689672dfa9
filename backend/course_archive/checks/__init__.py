"""
Django system checks for the plugin's settings: a bad value fails ``manage.py check`` with a message
that names the setting and the fix. Importing this package registers every check (``apps.py`` does, once
apps are ready): the API's limits in ``limits``, what archiving is wired to in ``archiving``.
"""

from course_archive.checks import archiving, limits

__all__ = ["archiving", "limits"]
