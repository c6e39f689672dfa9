/**
 * Example env.config.jsx for frontend-app-learner-dashboard: replaces the default course
 * list with the course-archive CourseList in the learner-dashboard course list slot.
 *
 * Install the package in the MFE first:
 *   npm install @openedx-course-archive/frontend-plugin
 */
import { DIRECT_PLUGIN, PLUGIN_OPERATIONS } from '@openedx/frontend-plugin-framework';
import { CourseList } from '@openedx-course-archive/frontend-plugin';

const config = {
  pluginSlots: {
    // `course_list_slot` is the older alias of this slot id; one entry is enough.
    'org.openedx.frontend.learner_dashboard.course_list.v1': {
      keepDefault: true,
      plugins: [
        {
          // Hide the learner dashboard's own course list...
          op: PLUGIN_OPERATIONS.Hide,
          widgetId: 'default_contents',
        },
        {
          // ...and show the course-archive one. It receives `courseListData` from the slot.
          op: PLUGIN_OPERATIONS.Insert,
          widget: {
            id: 'course_archive_course_list',
            type: DIRECT_PLUGIN,
            priority: 50,
            RenderWidget: CourseList,
          },
        },
      ],
    },
  },
};

export default config;
