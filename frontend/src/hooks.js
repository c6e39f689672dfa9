import {
  useCallback, useEffect, useMemo, useRef, useState,
} from 'react';
import { breakpoints, useWindowSize } from '@openedx/paragon';

import { fetchArchivedStatuses, fetchLearnerHomeCourses, setCourseArchived } from './api';
import {
  applyDashboardView, getCourseId, getInlineArchive, withCardIds,
} from './listData';

/** The dashboard's own breakpoint (CourseList and CourseCard in frontend-app-learner-dashboard). */
export const useIsCollapsed = () => {
  const { width } = useWindowSize();
  return typeof width === 'number' && width < breakpoints.medium.maxWidth;
};

const rowToStatus = (row) => ({
  isArchived: row.is_archived !== false,
  archiveDate: row.archive_date || null,
});

// {status: 'idle'|'loading'|'loaded'|'error', value}
const useLoader = (load, wanted) => {
  const [state, setState] = useState({ status: 'idle', value: null });
  const started = useRef(false);
  const start = useCallback(() => {
    started.current = true;
    setState((prev) => ({ ...prev, status: 'loading' }));
    load()
      .then((value) => setState({ status: 'loaded', value }))
      .catch(() => {
        started.current = false;
        setState((prev) => ({ ...prev, status: 'error' }));
      });
  }, [load]);
  useEffect(() => {
    if (wanted && !started.current) { start(); }
  }, [wanted, start]);
  return [state, start];
};

const loadStatusRows = () => fetchArchivedStatuses().then((rows) => {
  const byCourse = new Map();
  rows.forEach((row) => { if (row?.course_id) { byCourse.set(row.course_id, rowToStatus(row)); } });
  return byCourse;
});

/**
 * Archive state of the learner's courses for the course list slot, with optimistic toggling.
 *
 * A course's status comes from, in order: the learner's own click on this page (set at once,
 * undone if the request fails); the status list from the API, loaded only when the items lack
 * `courseRun.courseArchive` (the LMS does not run this plugin's Learner Home filter step); the
 * item's `courseArchive`.
 *
 * Archived courses of other pages: when the list has more than one page, the learner's whole
 * Learner Home list is loaded once, with the card ids the dashboard gives them, so that the
 * archived section shows them with the dashboard's filters and sort order. With one page
 * nothing is loaded: the page is the whole list.
 *
 * Nothing is loaded and nothing is sent while `enabled` is false (staff masquerading).
 */
export const useCourseArchive = ({
  visibleList, numPages, filters, sortBy, enabled,
}) => {
  const inline = visibleList.some((item) => getInlineArchive(item) !== null);
  const [statusRows, retryStatusRows] = useLoader(loadStatusRows, enabled && !inline);
  const [allCourses, retryAllCourses] = useLoader(fetchLearnerHomeCourses, enabled && numPages > 1);

  const [overrides, setOverrides] = useState(() => new Map()); // courseId -> {isArchived, archiveDate, pending}
  const [error, setError] = useState(null);
  const [announcement, setAnnouncement] = useState(null);
  const pending = useRef(new Set());
  const overridesRef = useRef(overrides);
  overridesRef.current = overrides;

  const isArchived = useCallback((item) => {
    const courseId = getCourseId(item);
    if (!courseId) { return false; }
    if (overrides.has(courseId)) { return overrides.get(courseId).isArchived; }
    if (!inline && statusRows.status === 'loaded') { return statusRows.value.has(courseId); }
    return Boolean(getInlineArchive(item)?.isArchived);
  }, [overrides, inline, statusRows]);

  const archiveDateOf = useCallback((item) => {
    const courseId = getCourseId(item);
    return overrides.get(courseId)?.archiveDate
      || (statusRows.status === 'loaded' && statusRows.value.get(courseId)?.archiveDate)
      || getInlineArchive(item)?.archiveDate
      || null;
  }, [overrides, statusRows]);

  // Every course of the dashboard (not only this page), when it is known, by card id.
  const everyCourse = useMemo(() => (
    allCourses.status === 'loaded' ? withCardIds(allCourses.value, visibleList) : null
  ), [allCourses, visibleList]);

  const byCardId = useMemo(() => {
    const map = new Map();
    (everyCourse || []).forEach((item) => map.set(item.cardId, item));
    visibleList.forEach((item) => { if (item.cardId) { map.set(item.cardId, item); } });
    return map;
  }, [everyCourse, visibleList]);

  const statusKnown = inline || statusRows.status === 'loaded';
  const activeItems = statusKnown ? visibleList.filter((item) => !isArchived(item)) : visibleList;
  let archivedItems = null;
  if (statusKnown && (numPages <= 1 || everyCourse)) {
    const pool = everyCourse ? applyDashboardView(everyCourse, filters, sortBy) : visibleList;
    archivedItems = pool.filter(isArchived);
  } else if (statusKnown && (allCourses.status === 'error' || allCourses.status === 'loaded')) {
    // Other pages could not be loaded, or not matched to the dashboard's card ids: this page's.
    archivedItems = visibleList.filter(isArchived);
  }

  const toggle = useCallback(async (item, nextArchived, courseName) => {
    const courseId = getCourseId(item);
    if (!enabled || !courseId || pending.current.has(courseId)) { return; }
    pending.current.add(courseId);
    // One request in flight per course, so its entry cannot change meanwhile.
    const previous = overridesRef.current.get(courseId);
    const put = (entry) => setOverrides((prev) => {
      const next = new Map(prev);
      if (entry) { next.set(courseId, entry); } else { next.delete(courseId); }
      return next;
    });
    put({ isArchived: nextArchived, archiveDate: null, pending: true });
    setError(null);
    try {
      const data = await setCourseArchived(courseId, nextArchived);
      const confirmed = typeof data?.is_archived === 'boolean' ? data.is_archived : nextArchived;
      put({ isArchived: confirmed, archiveDate: data?.archive_date || null, pending: false });
      setAnnouncement({ courseName, archived: confirmed });
    } catch (e) {
      put(previous);
      setError({ courseName, archived: nextArchived });
    } finally {
      pending.current.delete(courseId);
    }
  }, [enabled]);

  return {
    enabled,
    statusKnown,
    activeItems,
    archivedItems, // null while not known
    byCardId,
    isArchived,
    isPending: (item) => Boolean(overrides.get(getCourseId(item))?.pending),
    archiveDateOf,
    toggle,
    loadFailed: statusRows.status === 'error' || allCourses.status === 'error',
    retry: () => {
      if (statusRows.status === 'error') { retryStatusRows(); }
      if (allCourses.status === 'error') { retryAllCourses(); }
    },
    error,
    clearError: () => setError(null),
    announcement,
  };
};
