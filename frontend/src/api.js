/**
 * HTTP calls of the course-archive frontend plugin.
 *
 * Every call goes through the platform's authenticated HTTP client (JWT cookie, CSRF token on
 * unsafe methods) to its LMS (`platform`: the adapter of the world the widgets run in, see
 * PlatformContext: frontend-platform's `getConfig().LMS_BASE_URL`, frontend-base's
 * `getSiteConfig().lmsBaseUrl`).
 */

export const STATUS_API_PATH = '/course-archive/api/v1/course-archive-status/';
export const ARCHIVED_PAGE_SIZE = 100;
// A safety net against a server that keeps answering with a `next` link:
// 500 pages of 100 rows is far beyond any learner's enrollments.
const MAX_PAGES = 500;
// The list API takes at most 50 orgs in one `org` filter.
export const MAX_ORGS_PER_REQUEST = 50;
// The kill switch's answer (waffle flag `course_archive.disabled`): DRF puts only `detail` in the
// body, not its code `archiving_disabled`, so the message tells it from other 403s.
const DISABLED_DETAIL = 'Course archiving is switched off on this site.';

const lmsBaseUrl = (platform) => String(platform.lmsBaseUrl() || '').replace(/\/+$/, '');

export const getStatusListUrl = (platform) => `${lmsBaseUrl(platform)}${STATUS_API_PATH}`;

// The URL the learner dashboard loads its list from (`urls.getInitApiUrl()` there).
export const getLearnerHomeUrl = (platform) => `${lmsBaseUrl(platform)}/api/learner_home/init`;

export const getByCourseUrl = (platform, courseId) => (
  `${lmsBaseUrl(platform)}${STATUS_API_PATH}by-course/${encodeURIComponent(courseId)}/`
);

/**
 * Creates or updates the learner's own archive status of one course, in one request.
 * @param {object} platform the adapter (PlatformContext)
 * @param {string} courseId course key, e.g. "course-v1:edX+DemoX+Demo_Course"
 * @param {boolean} isArchived
 * @returns {Promise<object>} the status object the server answered with
 */
export async function setCourseArchived(platform, courseId, isArchived) {
  const { data } = await platform.httpClient().put(
    getByCourseUrl(platform, courseId),
    { is_archived: Boolean(isArchived) },
  );
  return data;
}

/** Whether a failed request was refused because archiving is switched off on the site. */
export const isArchivingDisabledError = (error) => {
  const { status, data } = error?.response || {};
  return status === 403 && (
    data?.code === 'archiving_disabled' || data?.detail?.code === 'archiving_disabled' || data?.detail === DISABLED_DETAIL
  );
};

/**
 * Fetches every archived status row of the learner, following `next` until it is null.
 *
 * Staff users see every learner's rows in this endpoint, so the request is narrowed to the
 * authenticated user (when the platform knows who that is) and rows of anybody else
 * are dropped. `orgs` (the orgs of the dashboard's courses, i.e. the current site's) scopes
 * the list to them, in requests of at most MAX_ORGS_PER_REQUEST orgs; without orgs the list
 * is not scoped.
 * @param {object} platform the adapter (PlatformContext)
 * @param {string[]} [orgs]
 * @returns {Promise<object[]>} rows `{id, course_id, is_archived, archive_date, catalog, ...}`
 */
export async function fetchArchivedStatuses(platform, orgs = []) {
  const client = platform.httpClient();
  const userId = platform.user()?.userId;
  const hasUserId = userId !== undefined && userId !== null && userId !== '';
  const rows = [];
  const seen = new Set();
  const scopes = [];
  for (let i = 0; i < orgs.length; i += MAX_ORGS_PER_REQUEST) {
    scopes.push(orgs.slice(i, i + MAX_ORGS_PER_REQUEST).join(','));
  }
  for (const scope of (scopes.length ? scopes : [null])) {
    const params = new URLSearchParams({ is_archived: 'true', page_size: String(ARCHIVED_PAGE_SIZE) });
    if (hasUserId) { params.set('user', String(userId)); }
    if (scope) { params.set('org', scope); }
    let url = `${getStatusListUrl(platform)}?${params.toString()}`;
    while (url && !seen.has(url) && seen.size < MAX_PAGES) {
      seen.add(url);
      // Pages depend on each other (`next`), so they are fetched one after the other.
      // eslint-disable-next-line no-await-in-loop
      const { data } = await client.get(url);
      const results = Array.isArray(data?.results) ? data.results : [];
      rows.push(...results.filter((row) => (
        row && row.is_archived !== false && (!hasUserId || row.user === undefined || String(row.user) === String(userId))
      )));
      url = typeof data?.next === 'string' && data.next ? data.next : null;
    }
  }
  return rows;
}

/**
 * Every course of the learner, as the dashboard has them (Learner Home's `courses`), for the
 * archived courses that are not on the current page of the list.
 * @param {object} platform the adapter (PlatformContext)
 * @returns {Promise<object[]>}
 */
export async function fetchLearnerHomeCourses(platform) {
  const { data } = await platform.httpClient().get(getLearnerHomeUrl(platform));
  return Array.isArray(data?.courses) ? data.courses : [];
}
