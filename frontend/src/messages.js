/**
 * Every string of the widgets, as react-intl message descriptors (ids prefixed `course-archive.`).
 * A plain object, so that both worlds share it without importing either runtime's i18n; the
 * local `defineMessages` is there for `formatjs extract` (`npm run i18n_extract`), which finds
 * the descriptors by that name.
 */
const defineMessages = (descriptors) => descriptors;

const messages = defineMessages({
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
    description: 'Shown under the Unarchive button of an archived course: when the learner archived it.',
  },
  autoArchivedNote: {
    id: 'course-archive.course-card.auto-archived.note',
    defaultMessage: 'Auto-archived: ended {date}',
    description: 'Note on the card of a course that the site archived by itself because it ended a while ago; date is the course\'s end date.',
  },
  autoArchivedShortNote: {
    id: 'course-archive.course-card.auto-archived.note-short',
    defaultMessage: 'Auto-archived {date}',
    description: 'Note, on a narrow course card under its Unarchive button, of a course that the site archived by itself after it ended; date is when the site archived it. Keep it short: it has two lines about 15 characters wide.',
  },
  autoArchivedNoteNoDate: {
    id: 'course-archive.course-card.auto-archived.note-no-date',
    defaultMessage: 'Auto-archived: course ended',
    description: 'Note on the card of a course that the site archived by itself after it ended, when its end date is not known.',
  },
  archiveFailed: {
    id: 'course-archive.course-list.error.archive',
    defaultMessage: 'Could not archive {courseName}.',
    description: 'Error shown next to the course card when archiving it failed; a Try again button follows.',
  },
  unarchiveFailed: {
    id: 'course-archive.course-list.error.unarchive',
    defaultMessage: 'Could not unarchive {courseName}.',
    description: 'Error shown next to the course card when unarchiving it failed; a Try again button follows.',
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
  archivedToPageAnnouncement: {
    id: 'course-archive.course-list.status.archived-page',
    defaultMessage: '{courseName} was moved back to Archived, page {page, number}.',
    description: 'Screen-reader announcement after Undo put the named course back in the archived section, on another page of it than the one shown before, which is now shown.',
  },
  unarchivedToPageAnnouncement: {
    id: 'course-archive.course-list.status.unarchived-page',
    defaultMessage: '{courseName} was moved back to your active courses, page {page, number}.',
    description: 'Screen-reader announcement after Undo put the named course back among the active courses, on another page than the one shown before, which is now shown.',
  },
  loadArchivedFailed: {
    id: 'course-archive.course-list.error.load',
    defaultMessage: 'We could not load your archived courses.',
    description: 'Error shown when the archive status of the courses could not be loaded.',
  },
  retry: {
    id: 'course-archive.course-list.retry',
    defaultMessage: 'Try again',
    description: 'Button that retries what failed (loading the archived courses, or archiving a course).',
  },
  archivingButton: {
    id: 'course-archive.course-card.archive.pending',
    defaultMessage: 'Archiving…',
    description: 'Visible text of the Archive button while its request is in flight.',
  },
  unarchivingButton: {
    id: 'course-archive.course-card.unarchive.pending',
    defaultMessage: 'Unarchiving…',
    description: 'Visible text of the Unarchive button while its request is in flight.',
  },
  archivingButtonLabel: {
    id: 'course-archive.course-card.archive.pending-label',
    defaultMessage: 'Archiving {courseName}…',
    description: 'Accessible name of the Archive button of the named course while its request is in flight.',
  },
  unarchivingButtonLabel: {
    id: 'course-archive.course-card.unarchive.pending-label',
    defaultMessage: 'Unarchiving {courseName}…',
    description: 'Accessible name of the Unarchive button of the named course while its request is in flight.',
  },
  undo: {
    id: 'course-archive.toast.undo',
    defaultMessage: 'Undo',
    description: 'Action of the message shown after a course was archived or unarchived: puts the course back.',
  },
  closeToast: {
    id: 'course-archive.toast.close',
    defaultMessage: 'Close',
    description: 'Accessible name of the button that closes the message shown after a course was archived or unarchived.',
  },
  activePages: {
    id: 'course-archive.course-list.active.pagination',
    defaultMessage: 'Course List',
    description: 'Accessible name of the page navigation of the active courses (the name the learner dashboard gives its own course list navigation).',
  },
  archivedPages: {
    id: 'course-archive.course-list.archived.pagination',
    defaultMessage: 'Archived courses pages',
    description: 'Accessible name of the page navigation of the archived section.',
  },
  paginationPrevious: {
    id: 'course-archive.pagination.previous',
    defaultMessage: 'Previous',
    description: 'Name of the button of a course list\'s page navigation that shows the previous page.',
  },
  paginationNext: {
    id: 'course-archive.pagination.next',
    defaultMessage: 'Next',
    description: 'Name of the button of a course list\'s page navigation that shows the next page.',
  },
  paginationPage: {
    id: 'course-archive.pagination.page',
    defaultMessage: 'Page',
    description: 'Word before a page number in the names of a page navigation\'s buttons (as in "Page 2").',
  },
  paginationCurrentPage: {
    id: 'course-archive.pagination.current-page',
    defaultMessage: 'Current Page',
    description: 'Added to the name of the page navigation\'s button of the page shown (as in "Page 2, Current Page").',
  },
  paginationPageOfCount: {
    id: 'course-archive.pagination.of',
    defaultMessage: 'of',
    description: 'Word between the page shown and the number of pages, on narrow screens (as in "2 of 5").',
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
});

export default messages;
