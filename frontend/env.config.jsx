/**
 * env.config.jsx for frontend-app-learner-dashboard with the course-archive widgets. The
 * dashboard's own course list and cards stay: each card gets an Archive / Unarchive button, and
 * archived courses move to a section of their own under the list.
 *
 * Install the package in the MFE first:
 *   npm install @openedx-course-archive/frontend-plugin
 * With other plugins, merge these two slot entries into their `pluginSlots` (or spread
 * `courseArchivePluginSlots({ DIRECT_PLUGIN, PLUGIN_OPERATIONS })`).
 */
import { DIRECT_PLUGIN, PLUGIN_OPERATIONS } from '@openedx/frontend-plugin-framework';
import { CourseCardArchiveAction, CourseListArchive } from '@openedx-course-archive/frontend-plugin';

const config = {
  pluginSlots: {
    // Alias `course_list_slot`; one entry for a slot is enough.
    'org.openedx.frontend.learner_dashboard.course_list.v1': {
      keepDefault: true,
      plugins: [
        {
          // Renders the dashboard's own CourseList twice: active courses, then archived ones.
          op: PLUGIN_OPERATIONS.Wrap,
          widgetId: 'default_contents',
          wrapper: CourseListArchive,
        },
      ],
    },
    // Alias `course_card_action_slot`. The widget gets `{cardId}` from the card.
    'org.openedx.frontend.learner_dashboard.course_card_action.v1': {
      keepDefault: true,
      plugins: [
        {
          op: PLUGIN_OPERATIONS.Insert,
          widget: {
            id: 'course_archive_card_action',
            type: DIRECT_PLUGIN,
            priority: 50,
            RenderWidget: CourseCardArchiveAction,
          },
        },
      ],
    },
  },
};

export default config;
