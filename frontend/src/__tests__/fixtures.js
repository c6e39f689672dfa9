/** Learner-dashboard course items, shaped like Learner Home's `courses` entries. */
export const LMS = 'http://lms.test';
export const LIST_URL = `${LMS}/course-archive/api/v1/course-archive-status/`;

export const makeCourse = (n, { courseArchive, ...overrides } = {}) => {
  const courseId = `course-v1:edX+C${n}+2024`;
  return {
    cardId: `card-${n}`,
    course: {
      courseName: `Course ${n}`,
      bannerImgSrc: `/asset-v1:edX+C${n}+2024+type@asset+block@banner.png`,
      courseNumber: `C${n}`,
    },
    courseRun: {
      courseId,
      homeUrl: `http://learning.test/course/${courseId}/home`,
      resumeUrl: null,
      isArchived: false,
      ...(courseArchive !== undefined ? { courseArchive } : {}),
    },
    courseProvider: { name: 'edX' },
    enrollment: { isEnrolled: true, mode: 'audit' },
    ...overrides,
  };
};

export const statusRow = (courseId, { catalogName, id = 1, user = 7 } = {}) => ({
  id,
  course_id: courseId,
  user,
  is_archived: true,
  archive_date: '2024-05-01T10:00:00Z',
  created_at: '2024-05-01T10:00:00Z',
  updated_at: '2024-05-01T10:00:00Z',
  catalog: catalogName === undefined ? null : {
    name: catalogName,
    hidden: false,
    invitation_only: false,
    start: null,
    end: null,
    enrollment_start: null,
    enrollment_end: null,
    pacing: 'self',
  },
});

export const courseListData = (visibleList, extra = {}) => ({
  visibleList,
  numPages: 1,
  pageNumber: 1,
  setPageNumber: () => {},
  showFilters: false,
  filterOptions: {
    sortBy: 'enrolled', setSortBy: () => {}, filters: [], handleRemoveFilter: () => () => {},
  },
  ...extra,
});

/** A promise whose settlement the test controls. */
export const deferred = () => {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
};
