"""
xAPI statements of the plugin's tracking events, for event-routing-backends (ERB) and so for Aspects.

Imported by the app's ``ready()`` only where ERB is installed: its registry then maps
``edx.course_archive.status.archived`` / ``.unarchived`` to the transformers below, and the plugin's
settings (``settings.common.register_xapi_events``) add both events to ERB's allow-lists. A statement says
that a learner (ERB's actor, anonymous by default) archived or unarchived a course (the course activity ERB's
enrollment statements use), with what made the change (``source``) as a context extension.
"""

from django.utils.translation import gettext_noop
from event_routing_backends.processors.xapi import constants
from event_routing_backends.processors.xapi.registry import XApiTransformersRegistry
from event_routing_backends.processors.xapi.transformer import XApiTransformer
from opaque_keys import InvalidKeyError
from tincan import Activity, ActivityDefinition, Extensions, LanguageMap, Verb

from course_archive import api

# No public vocabulary has "archived" for a course on a dashboard: the verbs and the extension are the
# plugin's own IRIs, under its repository.
IRI_BASE = "https://github.com/openedx/openedx-course-archive/xapi"
VERB_ARCHIVED = f"{IRI_BASE}/verbs/archived"
VERB_UNARCHIVED = f"{IRI_BASE}/verbs/unarchived"
EXTENSION_SOURCE = f"{IRI_BASE}/extensions/source"

EVENT_ARCHIVED = "edx.course_archive.status.archived"
EVENT_UNARCHIVED = "edx.course_archive.status.unarchived"
EVENTS = (EVENT_ARCHIVED, EVENT_UNARCHIVED)


class CourseArchiveStatusTransformer(XApiTransformer):
    """A learner's course archived or unarchived on their dashboard: the course is the statement's object."""

    def get_object(self):
        course_id = self.get_data("data.course_id", True)
        try:
            name = api.course_display_name(api.parse_course_key(course_id))
        except (InvalidKeyError, ValueError, TypeError):
            name = None
        return Activity(
            id=self.get_object_iri("course", course_id),
            definition=ActivityDefinition(
                type=constants.XAPI_ACTIVITY_COURSE,
                name=LanguageMap({constants.EN: name}) if name else None,
            ),
        )

    def get_context_activities(self):
        # The course is the object; no parent activity to repeat it in.
        return None

    def get_context_extensions(self):
        extensions = super().get_context_extensions()
        source = self.get_data("data.source")
        if source:
            extensions[EXTENSION_SOURCE] = source
        return Extensions(extensions)


@XApiTransformersRegistry.register(EVENT_ARCHIVED)
class CourseArchivedTransformer(CourseArchiveStatusTransformer):
    _verb = Verb(id=VERB_ARCHIVED, display=LanguageMap({constants.EN: gettext_noop("archived")}))


@XApiTransformersRegistry.register(EVENT_UNARCHIVED)
class CourseUnarchivedTransformer(CourseArchiveStatusTransformer):
    _verb = Verb(id=VERB_UNARCHIVED, display=LanguageMap({constants.EN: gettext_noop("unarchived")}))
