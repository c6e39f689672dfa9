/**
 * The course list slot's `courseListData`, whatever the dashboard release.
 *
 * teak / ulmo (redux): `filterOptions` is `{sortBy, setSortBy, filters, handleRemoveFilter}` and
 * `pageNumber` is given. verawood / master (react-query): `filterOptions` is the array of filter
 * names, with no sort order and no page number.
 */

// The dashboard's own filters (FilterKeys in frontend-app-learner-dashboard), applied to the
// courses of other pages so that the archived section shows what the dashboard would.
const FILTERS = {
  notEnrolled: (course) => !course.enrollment?.isEnrolled,
  done: (course) => Boolean(course.courseRun?.isArchived),
  upgraded: (course) => Boolean(course.enrollment?.isVerified),
  inProgress: (course) => Boolean(course.enrollment?.hasStarted),
  notStarted: (course) => !course.enrollment?.hasStarted,
};

export const SORT_KEYS = {
  enrolled: (course) => new Date(course.enrollment?.lastEnrolled ?? 0).getTime(),
  title: (course) => String(course.course?.courseName ?? '').toLowerCase(),
};

export const normalizeListData = (courseListData) => {
  const data = courseListData && typeof courseListData === 'object' ? courseListData : {};
  const { filterOptions } = data;
  let filters = [];
  if (Array.isArray(filterOptions)) {
    filters = filterOptions;
  } else if (Array.isArray(filterOptions?.filters)) {
    ({ filters } = filterOptions);
  }
  return {
    visibleList: Array.isArray(data.visibleList) ? data.visibleList.filter(Boolean) : [],
    numPages: Number.isFinite(data.numPages) ? data.numPages : 0,
    filters: filters.filter((name) => typeof name === 'string'),
    sortBy: !Array.isArray(filterOptions) && SORT_KEYS[filterOptions?.sortBy] ? filterOptions.sortBy : 'enrolled',
  };
};

/** The dashboard's view of `courses`: its filters (all must match), then its sort order. */
export const applyDashboardView = (courses, filters, sortBy) => {
  const active = filters.map((name) => FILTERS[name]).filter(Boolean);
  const key = SORT_KEYS[sortBy] || SORT_KEYS.enrolled;
  const reverse = sortBy !== 'title'; // the dashboard shows the newest enrollment first
  return courses
    .filter((course) => active.every((matches) => matches(course)))
    .map((course) => [key(course), course])
    .sort(([a], [b]) => {
      if (a === b) { return 0; }
      return (a > b ? 1 : -1) * (reverse ? -1 : 1);
    })
    .map(([, course]) => course);
};

/** Course key of a dashboard item; null for an entitlement without a run (`courseRun: null`). */
export const getCourseId = (item) => item?.courseRun?.courseId || null;

/**
 * The org of a course key: new-style (`course-v1:edX+DemoX+2024`), CCX (`ccx-v1:edX+...`) and
 * old-style (`edX/DemoX/2024`) keys, as the list API's `org` filter reads them; else null.
 */
export const getCourseOrg = (courseId) => {
  const id = courseId || '';
  const match = /^(?:course-v1|ccx-v1):([\w.~-]+)\+/.exec(id) || /^([\w.~-]+)\/[^/]+\/[^/]+$/.exec(id);
  return match ? match[1] : null;
};

export const getCourseName = (item) => item?.course?.courseName || getCourseId(item) || '';

/**
 * The archive status this plugin's Learner Home filter step adds to a course run
 * (`courseRun.courseArchive`). Learner Home's own `courseRun.isArchived` means the run has
 * ended and is not used.
 */
export const getInlineArchive = (item) => {
  const value = item?.courseRun?.courseArchive;
  return value && typeof value === 'object' ? value : null;
};

/**
 * Learner Home's `courses` with the card ids the dashboard gives them (`card-<index>`, on
 * every release), or null when the items of the page say the dashboard numbered them otherwise.
 */
export const withCardIds = (courses, visibleList) => {
  const list = courses.map((course, index) => ({ ...course, cardId: `card-${index}` }));
  const consistent = visibleList.every((item) => {
    const match = /^card-(\d+)$/.exec(item.cardId || '');
    return match && getCourseId(list[Number(match[1])]) === getCourseId(item);
  });
  return consistent ? list : null;
};
