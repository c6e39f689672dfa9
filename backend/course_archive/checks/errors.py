"""The one shape of the plugin's system check errors: the setting, what is wrong with it, and the fix."""

from django.core.checks import Error

__all__ = ["setting_error"]


def setting_error(id_: str, setting: str, message: str, hint: str, **values: object) -> Error:
    """
    An ``Error`` with id ``course_archive.<id_>``: ``message`` formatted with ``setting`` and ``values``.

    ``message`` and ``hint`` are translated at the call (checks run in the active language); ``message`` names
    the setting through its ``{setting}`` placeholder so that translators can move it, ``hint`` is the fix.
    """
    return Error(message.format(setting=setting, **values), hint=hint, id=f"course_archive.{id_}")
