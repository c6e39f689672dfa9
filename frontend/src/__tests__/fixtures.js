/** Learner Home `courses` entries, and the course list slot's props of each dashboard release. */
export const LMS = 'http://lms.test';
export const LIST_URL = `${LMS}/course-archive/api/v1/course-archive-status/`;
export const LEARNER_HOME_URL = `${LMS}/api/learner_home/init`;

export const makeCourse = (n, {
  courseArchive, enrollment, courseRun, org = 'edX', ...overrides
} = {}) => {
  const courseId = `course-v1:${org}+C${n}+2024`;
  return {
    cardId: `card-${n}`,
    course: { courseName: `Course ${n}`, courseNumber: `C${n}` },
    courseRun: {
      courseId,
      homeUrl: `http://learning.test/course/${courseId}/home`,
      isArchived: false,
      ...(courseArchive !== undefined ? { courseArchive } : {}),
      ...courseRun,
    },
    courseProvider: { name: 'edX' },
    enrollment: {
      isEnrolled: true, hasStarted: n % 2 === 0, lastEnrolled: `2024-01-${String(10 + n).padStart(2, '0')}T00:00:00Z`, ...enrollment,
    },
    ...overrides,
  };
};

/** An unfulfilled entitlement, as the LMS serializes it: no course run yet. */
export const makeEntitlement = (n) => ({
  cardId: `card-${n}`,
  course: { courseName: `Entitlement ${n}`, courseNumber: `E${n}` },
  courseRun: null,
  courseProvider: { name: 'edX' },
  enrollment: { isEnrolled: false, hasStarted: false, lastEnrolled: null },
  entitlement: { uuid: `uuid-${n}`, isFulfilled: false, availableSessions: [] },
});

export const statusRow = (courseId, { catalogName, id = 1, user = 7 } = {}) => ({
  id,
  course_id: courseId,
  user,
  is_archived: true,
  archive_date: '2024-05-01T10:00:00Z',
  created_at: '2024-05-01T10:00:00Z',
  updated_at: '2024-05-01T10:00:00Z',
  catalog: catalogName === undefined ? null : { name: catalogName },
});

/** verawood / master (react-query): `filterOptions` is the array of filter names. */
export const masterListData = (visibleList, { filters = [], ...extra } = {}) => ({
  filterOptions: filters,
  setPageNumber: () => {},
  numPages: 1,
  visibleList,
  showFilters: filters.length > 0,
  ...extra,
});

/** teak / ulmo (redux): `filterOptions` is `{sortBy, setSortBy, filters, handleRemoveFilter}`. */
export const ulmoListData = (visibleList, { filters = [], sortBy = 'enrolled', ...extra } = {}) => ({
  pageNumber: 1,
  numPages: 1,
  setPageNumber: () => {},
  visibleList,
  filterOptions: {
    sortBy, setSortBy: () => {}, filters, handleRemoveFilter: () => () => {},
  },
  showFilters: filters.length > 0,
  ...extra,
});

/** The kill switch's refusal (waffle flag course_archive.disabled), as axios rejects with it. */
export const archivingDisabledError = () => Object.assign(new Error('Request failed with status code 403'), {
  response: { status: 403, data: { detail: 'Course archiving is switched off on this site.' } },
});

/** A promise whose settlement the test controls. */
export const deferred = () => {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
};
