/**
 * Every string of the widgets, as react-intl message descriptors (ids prefixed `course-archive.`).
 * A plain object, so that both worlds share it without importing either runtime's i18n.
 */
const messages = {
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
    description: 'Visible text of the button, on a course card, that archives the course.',
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
  archivedOn: {
    id: 'course-archive.course-card.archived-on',
    defaultMessage: 'Archived on {date}',
    description: 'Tooltip of the Unarchive button: when the course was archived.',
  },
  autoArchivedNote: {
    id: 'course-archive.course-card.auto-archived.note',
    defaultMessage: 'Archived automatically: this course ended on {date}.',
    description: 'Note on the card of a course that the site archived by itself because it ended a while ago; date is the course\'s end date.',
  },
  autoArchivedNoteNoDate: {
    id: 'course-archive.course-card.auto-archived.note-no-date',
    defaultMessage: 'Archived automatically: this course has ended.',
    description: 'Note on the card of a course that the site archived by itself after it ended, when its end date is not known.',
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
    description: 'Error shown when the archive status of the courses could not be loaded.',
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
  loadingArchived: {
    id: 'course-archive.course-list.archived.loading',
    defaultMessage: 'Loading your archived courses…',
    description: 'Text read by screen readers while the archived courses are loading.',
  },
  allArchived: {
    id: 'course-archive.course-list.all-archived',
    defaultMessage: 'Every course on this page is archived.',
    description: 'Shown in place of the active courses when all courses of the page are archived.',
  },
  noArchivedCourses: {
    id: 'course-archive.course-list.archived.empty',
    defaultMessage: 'You have no archived courses.',
    description: 'Shown in the open archived section when the learner has archived nothing.',
  },
};

export default messages;
