"""
openedx-filters pipeline steps of the plugin. Thin: each one calls ``course_archive.api``.

The plugin's settings functions register them in ``OPEN_EDX_FILTERS_CONFIG`` (see ``settings/common.py``).
"""

import logging

from openedx_filters import PipelineStep

from course_archive import api

log = logging.getLogger(__name__)


class ChangeCourseAboutPageUrl(PipelineStep):
    """
    Point a course's about page where the operator's templates say.

    Step of ``org.openedx.learning.course_about.page.url.requested.v1``. It never raises: whatever it
    cannot handle passes through unchanged.
    """

    def run_filter(self, url, org, *args, **kwargs):  # pylint: disable=arguments-differ
        try:
            return {"url": api.about_page_url(url, org), "org": org}
        except Exception:
            log.exception("Course archive: could not rewrite the about-page URL; leaving it unchanged.")
            return {"url": url, "org": org}


class AddCourseArchiveStatus(PipelineStep):
    """
    Add the learner's archive status to each course run the Learner Home API renders.

    Step of ``org.openedx.learning.home.courserun.api.rendered.started.v1``. The field is
    ``courseArchive`` (``{"isArchived": bool, "archiveDate": str | None}``), apart from Learner Home's own
    ``isArchived``, which means the run has ended. One query per request, whatever the number of runs.
    """

    def run_filter(self, serialized_courserun, *args, **kwargs):  # pylint: disable=arguments-differ
        try:
            return {"serialized_courserun": api.annotate_course_run(serialized_courserun)}
        except Exception:
            log.exception("Course archive: could not add the archive status to a course run; leaving it unchanged.")
            return {"serialized_courserun": serialized_courserun}
