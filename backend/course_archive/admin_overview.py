"""
The admin's overview page: the figures of ``api.overview`` drawn as server-rendered SVG bar charts, each
with a table of the same figures for screen readers (the SVG is hidden from them).
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from course_archive import api

CHART_WIDTH = 900
BAR_HEIGHT = 22
LABEL_WIDTH = 260
DAY_CHART_HEIGHT = 160


def _changelist_url(**query):
    return reverse("admin:course_archive_coursearchivestatus_changelist") + "?" + urlencode(query)


def _scale(values):
    """The largest value, at least 1, so that bars of zeros have no height and nothing divides by zero."""
    return max([1, *values])


def day_chart(per_day):
    """Archives (up) and unarchives (down) per day: one column per day, a bar above and below the axis."""
    half = DAY_CHART_HEIGHT / 2
    top = _scale(max(day["archived"], day["unarchived"]) for day in per_day)
    step = CHART_WIDTH / max(len(per_day), 1)
    width = max(step - 2, 1)
    columns = []
    for index, day in enumerate(per_day):
        up = day["archived"] / top * (half - 4)
        down = day["unarchived"] / top * (half - 4)
        columns.append(
            {
                "x": round(index * step, 2),
                "width": round(width, 2),
                "up_y": round(half - up, 2),
                "up": round(up, 2),
                "down": round(down, 2),
                "day": day,
                # A date label every 15 days, from the first.
                "label": day["day"].strftime("%m-%d") if index % 15 == 0 else "",
            }
        )
    return {"columns": columns, "height": DAY_CHART_HEIGHT, "axis": half, "width": CHART_WIDTH, "top": top}


def bar_chart(rows, label, *series):
    """Horizontal bars: one row per item, one stacked segment per ``(key, css class)`` of ``series``."""
    top = _scale(sum(row[key] or 0 for key, _css in series) for row in rows)
    room = CHART_WIDTH - LABEL_WIDTH - 60
    bars = []
    for index, row in enumerate(rows):
        x, segments = LABEL_WIDTH, []
        for key, css in series:
            length = (row[key] or 0) / top * room
            segments.append({"x": round(x, 2), "width": round(length, 2), "css": css})
            x += length
        bars.append(
            {
                "y": index * BAR_HEIGHT,
                "label": row[label],
                "segments": segments,
                "end": round(x + 6, 2),
                "value": sum(row[key] or 0 for key, _css in series),
            }
        )
    return {
        "bars": bars,
        "height": max(len(rows), 1) * BAR_HEIGHT,
        "width": CHART_WIDTH,
        "label_width": LABEL_WIDTH,
        "text_y": BAR_HEIGHT / 2 + 4,
        "bar_height": BAR_HEIGHT - 6,
    }


def overview_view(model_admin):
    """The overview page's view, for ``model_admin`` (the statuses' admin): staff who may view statuses."""

    def view(request):
        if not model_admin.has_view_permission(request):
            raise PermissionDenied
        figures = api.overview(refresh=request.GET.get("refresh") == "1")
        for course in figures["courses"]:
            course["url"] = _changelist_url(course_id=course["course_id"], is_archived__exact=1)
        for learner in figures["learners"]:
            learner["url"] = _changelist_url(user=learner["user_id"], is_archived__exact=1)
        for org in figures["orgs"]:
            org["url"] = _changelist_url(org=org["org"])
        context = {
            **model_admin.admin_site.each_context(request),
            "title": _("Course archive overview"),
            "opts": model_admin.model._meta,
            "figures": figures,
            "cache_seconds": api.OVERVIEW_CACHE_SECONDS,
            "day_chart": day_chart(figures["per_day"]),
            "course_chart": bar_chart(figures["courses"], "course_id", ("archived", "archived")),
            "learner_chart": bar_chart(figures["learners"], "username", ("archived", "archived")),
            "org_chart": bar_chart(figures["orgs"], "org", ("archived", "archived"), ("active", "active")),
            "coverage_chart": bar_chart(
                [{**org, "not_covered": org["runs"] - org["covered"]} for org in figures["auto_archive"]],
                "org",
                ("covered", "archived"),
                ("not_covered", "active"),
            ),
        }
        return TemplateResponse(request, "admin/course_archive/overview.html", context)

    return view
