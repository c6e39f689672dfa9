"""The one shape of the plugin's system check errors: the setting, what is wrong with it, and the fix."""

from django.core.checks import Error

__all__ = ["setting_error"]


def setting_error(id_, setting, problem, hint):
    """An ``Error`` saying ``setting`` ``problem``, with ``hint`` as the fix and ``course_archive.<id_>``."""
    return Error(f"{setting} {problem}.", hint=hint, id=f"course_archive.{id_}")
