"""Create the demo users and courses (idempotent), and announce each course's catalog facts."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone
from opaque_keys.edx.keys import CourseKey
from openedx_events.content_authoring.data import CourseCatalogData, CourseScheduleData
from openedx_events.content_authoring.signals import COURSE_CATALOG_INFO_CHANGED

from demo_host.models import DemoCourse, DemoCourseOverview, DemoEnrollment

USERS = (
    # username, password, staff
    ("learner", "learner-password", False),
    ("learner2", "learner2-password", False),
    ("staff", "staff-password", True),
)

COURSES = (
    ("course-v1:OpenedX+Demo101+2026", "Demonstration Course"),
    ("course-v1:OpenedX+Py201+2026_T1", "Python for Data Analysis"),
    ("course-v1:MITx+6.00x+2025", "Introduction to Computer Science"),
    ("course-v1:HarvardX+CS50+2026", "CS50: Computer Science"),
    ("course-v1:OpenedX+Arch301+2026", "Software Architecture"),
    ("course-v1:OpenedX+Stats110+2025_Fall", "Statistics"),
    ("course-v1:OpenedX+Hist100+2024", "World History"),
    ("course-v1:OpenedX+Art150+2026", "Art Appreciation"),
)
# A course that ended about three years ago: the one an auto-archive policy of a year
# (DEMO_AUTO_ARCHIVE_DAYS=365, as make e2e sets it) archives; the others ended at most 150 days ago.
ENDED_LONG_AGO = ("course-v1:OpenedX+Lat100+2023", "Latin for Beginners")
ENDED_DAYS_AGO = 3 * 365


class Command(BaseCommand):
    help = "Create the demo users (learner, learner2, staff) and demo courses; safe to run again."

    def handle(self, *args, **options):
        User = get_user_model()
        for username, password, staff in USERS:
            user, created = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.com"})
            if created:
                user.set_password(password)
                user.is_staff = user.is_superuser = staff
                user.save()
            self.stdout.write(f"user {username} / {password}{' (staff)' if staff else ''}")

        now = timezone.now()
        learners = User.objects.filter(username__in=("learner", "learner2"))
        # (course id, name, start); each course runs 90 days.
        schedule = [
            (course_id, name, now - datetime.timedelta(days=30 * (i + 1)))
            for i, (course_id, name) in enumerate(COURSES)
        ]
        schedule.append((*ENDED_LONG_AGO, now - datetime.timedelta(days=ENDED_DAYS_AGO + 90)))
        for index, (course_id, name, start) in enumerate(schedule):
            key = CourseKey.from_string(course_id)
            end = start + datetime.timedelta(days=90)
            course, _ = DemoCourse.objects.update_or_create(
                course_id=key,
                defaults={
                    "name": name,
                    "start": start,
                    "end": end,
                    "pacing": "self" if index % 2 else "instructor",
                },
            )
            for learner in learners:
                DemoEnrollment.objects.get_or_create(user=learner, course=course)
            # The platform's overview of the course, which course_archive_backfill_catalog reads.
            DemoCourseOverview.objects.update_or_create(
                id=key,
                defaults={"display_name": name, "start": start, "end": end, "self_paced": course.pacing == "self"},
            )
            # What the CMS announces when a course's catalog info is published.
            COURSE_CATALOG_INFO_CHANGED.send_event(
                catalog_info=CourseCatalogData(
                    course_key=key,
                    name=name,
                    schedule_data=CourseScheduleData(start=start, pacing=course.pacing, end=end),
                )
            )
        self.stdout.write(f"{len(schedule)} demo courses, each announced with COURSE_CATALOG_INFO_CHANGED")
