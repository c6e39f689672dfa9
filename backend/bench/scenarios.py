"""
The benchmark's scenarios: one request each, as the load generator repeats it.

Shared by ``bench.run`` (which drives them over HTTP) and ``tests/test_bench_queries.py`` (which pins
their SQL per request).
"""

import json
from dataclasses import dataclass, field
from urllib.parse import quote

from bench.seed import HEAVY_USER_ID

API = "/course-archive/api/v1/course-archive-status/"
# The orgs of the site the dashboard is on (the seeded courses are BenchX's).
DASHBOARD_ORGS = "BenchX,HarvardX,MITx"


@dataclass(frozen=True)
class Scenario:
    key: str
    title: str
    method: str
    path: str
    # "heavy": every connection is the heavy learner; "learners": one learner a connection; "staff".
    role: str
    # Request bodies sent in turn (JSON), or none for a GET.
    bodies: tuple = field(default=())
    # One path per connection, in the order of the role's tokens (each learner's own row), instead of ``path``.
    paths: tuple = field(default=())

    @property
    def encoded_bodies(self):
        return tuple(json.dumps(body) for body in self.bodies)


def scenarios(big_course, bulk_courses, patch_ids=(), heavy_user_id=HEAVY_USER_ID):
    """
    The ceiling first, then the API's scenarios. ``patch_ids``: the big course's status id of each learner
    of the "learners" role, in their tokens' order (for ``PATCH {id}/``; no such scenario without them).
    ``heavy_user_id``: the heavy learner's id, which the dashboard's request names (``user=``).
    """
    toggles = ({"is_archived": True}, {"is_archived": False})
    patch = (
        (
            Scenario(
                "patch",
                "learner patches one status",
                "PATCH",
                f"{API}{patch_ids[0]}/",
                "learners",
                toggles,
                paths=tuple(f"{API}{pk}/" for pk in patch_ids),
            ),
        )
        if patch_ids
        else ()
    )
    return [
        Scenario("ceiling", "ceiling: bare DRF PingView", "GET", "/api/ping/", "heavy"),
        Scenario("learner_archived", "learner lists archived", "GET", f"{API}?is_archived=true", "heavy"),
        Scenario("learner_all", "learner lists all (100 a page)", "GET", f"{API}?page_size=100", "heavy"),
        # What the widget asks on each dashboard load: the learner's archived courses of the site's orgs.
        Scenario(
            "learner_dashboard",
            "learner's dashboard request",
            "GET",
            f"{API}?is_archived=true&page_size=100&user={heavy_user_id}&org={quote(DASHBOARD_ORGS, safe='')}",
            "heavy",
        ),
        Scenario("staff_all", "staff lists all (page 1)", "GET", API, "staff"),
        Scenario(
            "staff_course",
            "staff filters by course",
            "GET",
            f"{API}?course_id={quote(big_course, safe='')}",
            "staff",
        ),
        Scenario(
            "toggle",
            "learner toggles one course",
            "PUT",
            f"{API}by-course/{big_course}/",
            "learners",
            toggles,
        ),
        *patch,
        Scenario(
            "bulk",
            "learner bulk-archives 100",
            "POST",
            f"{API}bulk/",
            "learners",
            (
                {"course_ids": list(bulk_courses), "is_archived": True},
                {"course_ids": list(bulk_courses), "is_archived": False},
            ),
        ),
    ]
