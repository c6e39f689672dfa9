// The `.` entry: the legacy learner-dashboard MFE (@edx/frontend-platform, frontend-plugin-framework).
// frontend-base sites use the `./app` entry (app.jsx) instead.
export { CourseListArchive, CourseCardArchiveAction } from './legacy';
export { default as messages } from './messages';
export {
  COURSE_LIST_SLOT, COURSE_CARD_ACTION_SLOT, courseArchivePluginSlots,
} from './pluginSlots';
