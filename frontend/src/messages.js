import { defineMessages } from '@edx/frontend-platform/i18n';

const messages = defineMessages({
  activeCoursesHeading: {
    id: 'course-archive.course-list.active.heading',
    defaultMessage: 'Active courses',
    description: 'Heading (screen readers only) above the list of courses that are not archived.',
  },
  archivedSectionTitle: {
    id: 'course-archive.course-list.archived.title',
    defaultMessage: 'Archived',
    description: 'Title of the collapsible section that lists the learner\'s archived courses.',
  },
  archivedSectionTitleWithCount: {
    id: 'course-archive.course-list.archived.title-with-count',
    defaultMessage: 'Archived ({count, number})',
    description: 'Title of the collapsible archived section, with the number of archived courses.',
  },
  archiveButton: {
    id: 'course-archive.course-card.archive.button',
    defaultMessage: 'Archive',
    description: 'Visible text of the button that archives a course.',
  },
  archiveButtonLabel: {
    id: 'course-archive.course-card.archive.label',
    defaultMessage: 'Archive {courseName}',
    description: 'Accessible name of the button that archives the named course.',
  },
  unarchiveButton: {
    id: 'course-archive.course-card.unarchive.button',
    defaultMessage: 'Unarchive',
    description: 'Visible text of the button that moves an archived course back to the active list.',
  },
  unarchiveButtonLabel: {
    id: 'course-archive.course-card.unarchive.label',
    defaultMessage: 'Unarchive {courseName}',
    description: 'Accessible name of the button that unarchives the named course.',
  },
  archiveFailed: {
    id: 'course-archive.course-list.error.archive',
    defaultMessage: 'We could not archive {courseName}. Please try again.',
    description: 'Error shown when archiving a course failed and the change was undone.',
  },
  unarchiveFailed: {
    id: 'course-archive.course-list.error.unarchive',
    defaultMessage: 'We could not unarchive {courseName}. Please try again.',
    description: 'Error shown when unarchiving a course failed and the change was undone.',
  },
  archivedAnnouncement: {
    id: 'course-archive.course-list.status.archived',
    defaultMessage: '{courseName} was moved to Archived.',
    description: 'Screen-reader announcement after a course was archived.',
  },
  unarchivedAnnouncement: {
    id: 'course-archive.course-list.status.unarchived',
    defaultMessage: '{courseName} was moved back to your active courses.',
    description: 'Screen-reader announcement after a course was unarchived.',
  },
  loadArchivedFailed: {
    id: 'course-archive.course-list.error.load',
    defaultMessage: 'We could not load your archived courses.',
    description: 'Error shown when the list of archived courses could not be loaded.',
  },
  retry: {
    id: 'course-archive.course-list.retry',
    defaultMessage: 'Try again',
    description: 'Button that retries loading the archived courses.',
  },
  dismiss: {
    id: 'course-archive.course-list.dismiss',
    defaultMessage: 'Dismiss',
    description: 'Button that closes an error message.',
  },
  loading: {
    id: 'course-archive.course-list.loading',
    defaultMessage: 'Loading your courses…',
    description: 'Text shown (and read by screen readers) while course data is loading.',
  },
  loadingArchived: {
    id: 'course-archive.course-list.archived.loading',
    defaultMessage: 'Loading archived courses…',
    description: 'Text shown while the archived section loads the full list of archived courses.',
  },
  noCourses: {
    id: 'course-archive.course-list.empty',
    defaultMessage: 'You have no courses to show here.',
    description: 'Empty state when the current page of the course list has no course at all.',
  },
  allArchived: {
    id: 'course-archive.course-list.all-archived',
    defaultMessage: 'All the courses on this page are archived. Open the Archived section to see them.',
    description: 'Empty state when every course of the current page is archived.',
  },
  noArchivedCourses: {
    id: 'course-archive.course-list.archived.empty',
    defaultMessage: 'You have not archived any course.',
    description: 'Empty state of the archived section.',
  },
  bannerAlt: {
    id: 'course-archive.course-card.banner.alt',
    defaultMessage: 'Course thumbnail',
    description: 'Alternative text of a course card\'s banner image.',
  },
  unknownProvider: {
    id: 'course-archive.course-card.provider.unknown',
    defaultMessage: 'Unknown school',
    description: 'Shown on a course card when the course provider is not known.',
  },
  archivedOn: {
    id: 'course-archive.course-card.archived-on',
    defaultMessage: 'Archived on {date}',
    description: 'Date on which the learner archived a course.',
  },
  paginationLabel: {
    id: 'course-archive.course-list.pagination.label',
    defaultMessage: 'Course list pagination',
    description: 'Accessible label of the course list pagination.',
  },
  activeFiltersLabel: {
    id: 'course-archive.course-list.filters.label',
    defaultMessage: 'Active filters',
    description: 'Accessible label of the list of active course filters.',
  },
  removeFilterLabel: {
    id: 'course-archive.course-list.filters.remove',
    defaultMessage: 'Remove filter {filter}',
    description: 'Accessible name of the button that removes one course filter.',
  },
  filterInProgress: {
    id: 'course-archive.course-list.filters.in-progress',
    defaultMessage: 'In progress',
    description: 'Name of the course filter "in progress".',
  },
  filterNotStarted: {
    id: 'course-archive.course-list.filters.not-started',
    defaultMessage: 'Not started',
    description: 'Name of the course filter "not started".',
  },
  filterDone: {
    id: 'course-archive.course-list.filters.done',
    defaultMessage: 'Done',
    description: 'Name of the course filter "done".',
  },
  filterNotEnrolled: {
    id: 'course-archive.course-list.filters.not-enrolled',
    defaultMessage: 'Not enrolled',
    description: 'Name of the course filter "not enrolled".',
  },
  filterUpgraded: {
    id: 'course-archive.course-list.filters.upgraded',
    defaultMessage: 'Upgraded',
    description: 'Name of the course filter "upgraded".',
  },
});

export default messages;
