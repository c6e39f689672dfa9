export { CourseListArchive } from './CourseListArchive';
export { CourseCardArchiveAction } from './CourseCardArchiveAction';
export { default as messages } from './messages';
export {
  COURSE_LIST_SLOT, COURSE_CARD_ACTION_SLOT, courseArchivePluginSlots,
} from './pluginSlots';
