import { CourseCardArchiveAction, CourseListArchive } from './legacy';

export const COURSE_LIST_SLOT = 'org.openedx.frontend.learner_dashboard.course_list.v1';
export const COURSE_CARD_ACTION_SLOT = 'org.openedx.frontend.learner_dashboard.course_card_action.v1';

/**
 * The `pluginSlots` entries of the widgets, for an `env.config.jsx` that has other plugins too.
 * The constants come from the MFE's own frontend-plugin-framework, passed in, so this package
 * does not depend on it: `courseArchivePluginSlots({ DIRECT_PLUGIN, PLUGIN_OPERATIONS })`.
 * Both slots keep their default contents: the dashboard's list and cards stay, and the
 * operations add to them.
 */
export const courseArchivePluginSlots = ({ DIRECT_PLUGIN, PLUGIN_OPERATIONS }) => ({
  [COURSE_LIST_SLOT]: {
    keepDefault: true,
    plugins: [{ op: PLUGIN_OPERATIONS.Wrap, widgetId: 'default_contents', wrapper: CourseListArchive }],
  },
  [COURSE_CARD_ACTION_SLOT]: {
    keepDefault: true,
    plugins: [{
      op: PLUGIN_OPERATIONS.Insert,
      widget: {
        id: 'course_archive_card_action',
        type: DIRECT_PLUGIN,
        priority: 50,
        RenderWidget: CourseCardArchiveAction,
      },
    }],
  },
});
