"""The summary the app's admin index shows: the kill switch's state and the auto-archive policy."""

from django import template
from django.urls import NoReverseMatch, reverse

from course_archive import api

register = template.Library()


@register.inclusion_tag("admin/course_archive/includes/summary.html")
def course_archive_admin_summary():
    kill_switch = api.kill_switch_state()
    flag_url = None
    try:
        if kill_switch["flag"] is not None:
            flag_url = reverse("admin:waffle_flag_change", args=[kill_switch["flag"].pk])
        else:
            flag_url = reverse("admin:waffle_flag_add")
    except NoReverseMatch:
        pass
    return {
        "kill_switch": kill_switch,
        "flag_url": flag_url,
        "policy": api.auto_archive_policy(),
        "search_mode": api.search_mode(),
    }
