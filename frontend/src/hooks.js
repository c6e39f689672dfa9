import {
  useCallback, useEffect, useMemo, useRef, useState,
} from 'react';
import { breakpoints, useWindowSize } from '@openedx/paragon';

import { usePlatform } from './PlatformContext';

import {
  fetchArchivedStatuses, fetchLearnerHomeCourses, isArchivingDisabledError, setCourseArchived,
} from './api';
import {
  SORT_KEYS, applyDashboardView, getCourseId, getCourseOrg, getInlineArchive, withCardIds,
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

/**
 * {status: 'idle'|'loading'|'loaded'|'error', value, error}. Loads when `key` is not null and
 * differs from the key of the last load (the last value stays while the next one loads); a
 * failed load waits for the retry function.
 */
const useLoader = (load, key) => {
  const [state, setState] = useState({ status: 'idle', value: null, error: null });
  const asked = useRef(null);
  const start = useCallback((wanted) => {
    asked.current = wanted;
    setState((prev) => ({ ...prev, status: 'loading' }));
    // Only the answer to the latest key counts.
    load(wanted).then(
      (value) => { if (asked.current === wanted) { setState({ status: 'loaded', value, error: null }); } },
      (error) => { if (asked.current === wanted) { setState((prev) => ({ ...prev, status: 'error', error })); } },
    );
  }, [load]);
  useEffect(() => {
    if (key !== null && key !== asked.current) { start(key); }
  }, [key, start]);
  return [state, () => { if (key !== null) { start(key); } }];
};

const loadStatusRows = (platform, scope) => fetchArchivedStatuses(platform, scope ? scope.split(',') : []).then((rows) => {
  const byCourse = new Map();
  rows.forEach((row) => { if (row?.course_id) { byCourse.set(row.course_id, rowToStatus(row)); } });
  return byCourse;
});

/**
 * Archive state of the learner's courses for the course list slot, with optimistic toggling.
 *
 * A course's status comes from, in order: the learner's own click on this page (set when its
 * request is answered; the control is pending meanwhile); the status list from the API, loaded only when the items lack
 * `courseRun.courseArchive` (the LMS does not run this plugin's Learner Home filter step); the
 * item's `courseArchive`.
 *
 * Archived courses of other pages: when the list has more than one page, the learner's whole
 * Learner Home list is loaded once, with the card ids the dashboard gives them, so that the
 * archived section shows them with the dashboard's filters and sort order. With one page
 * nothing is loaded: the page is the whole list.
 *
 * The status list is scoped (`org=`) to the orgs of the dashboard's courses, which Learner Home
 * gives for the current site only; with more than one page it waits for the whole list.
 *
 * Kill switch: where the site switched archiving off, the items carry no `courseArchive` and the
 * status list (or, for staff, who may still read it, the first write) is refused; `disabled`
 * then tells the widgets to render nothing of their own, and nothing more is requested.
 *
 * Nothing is loaded and nothing is sent while `enabled` is false (staff masquerading).
 */
export const useCourseArchive = ({
  visibleList, numPages, filters, sortBy, enabled,
}) => {
  const platform = usePlatform();
  const inline = visibleList.some((item) => getInlineArchive(item) !== null);
  const loadAllCourses = useCallback(() => fetchLearnerHomeCourses(platform), [platform]);
  const loadRows = useCallback((scopeKey) => loadStatusRows(platform, scopeKey), [platform]);
  // Staff may still read the list where the kill switch is on: a refused write tells them.
  const [writeRefused, setWriteRefused] = useState(false);
  const [allCourses, retryAllCourses] = useLoader(
    loadAllCourses,
    enabled && !writeRefused && numPages > 1 ? 'all' : null,
  );

  // The status list is scoped to the orgs of the dashboard's courses (the current site's): of
  // every page once they are known, else of this page. The scope only grows, so that a filter
  // or another page never reloads it, and a course of a new org does.
  const scope = useRef(new Set());
  let orgSource = visibleList;
  if (numPages > 1 && allCourses.status !== 'error') {
    orgSource = allCourses.value;
  }
  (orgSource || []).forEach((item) => {
    const org = getCourseOrg(getCourseId(item));
    if (org) { scope.current.add(org); }
  });
  const wantRows = enabled && !writeRefused && !inline && orgSource !== null;
  const [statusRows, retryStatusRows] = useLoader(loadRows, wantRows ? [...scope.current].sort().join(',') : null);
  const disabled = writeRefused || (!inline && statusRows.status === 'error' && isArchivingDisabledError(statusRows.error));
  const rows = inline ? null : statusRows.value;

  const [overrides, setOverrides] = useState(() => new Map()); // courseId -> {isArchived, archiveDate, reason}
  const [pendingIds, setPendingIds] = useState(() => new Set());
  const [failures, setFailures] = useState(() => new Map()); // courseId -> {courseName, archived}
  const [announcement, setAnnouncement] = useState(null);
  const pending = useRef(new Set());

  const isArchived = useCallback((item) => {
    const courseId = getCourseId(item);
    if (!courseId) { return false; }
    if (overrides.has(courseId)) { return overrides.get(courseId).isArchived; }
    if (rows) { return rows.has(courseId); }
    return Boolean(getInlineArchive(item)?.isArchived);
  }, [overrides, rows]);

  // 'auto' (the site's policy archived the ended run), 'learner', or null when not archived.
  const reasonOf = useCallback((item) => {
    if (!isArchived(item)) { return null; }
    const courseId = getCourseId(item);
    if (overrides.has(courseId)) { return overrides.get(courseId).reason; }
    // The status list holds the learner's own rows only.
    if (rows) { return 'learner'; }
    return getInlineArchive(item)?.reason === 'auto' ? 'auto' : 'learner';
  }, [isArchived, overrides, rows]);

  const archiveDateOf = useCallback((item) => {
    const courseId = getCourseId(item);
    return overrides.get(courseId)?.archiveDate
      || rows?.get(courseId)?.archiveDate
      || getInlineArchive(item)?.archiveDate
      || null;
  }, [overrides, rows]);

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

  // The dashboard's page size: its first page when it has more than one (the widget pages the
  // active courses itself, so the dashboard stays on its first page).
  const pageSize = useRef(0);
  if (numPages > 1) { pageSize.current = Math.max(pageSize.current, visibleList.length); }

  // The dashboard's view of every course (its filters, and the sort order its page shows), when
  // every course is known and the dashboard's page is a slice of it. master's slot props do not
  // say the sort order: the one whose slice the page is counts.
  const view = useMemo(() => {
    if (!everyCourse || visibleList.length === 0) { return null; }
    const keys = [sortBy, ...Object.keys(SORT_KEYS).filter((key) => key !== sortBy)];
    for (const key of keys) {
      const list = applyDashboardView(everyCourse, filters, key);
      const first = list.findIndex((course) => course.cardId === visibleList[0].cardId);
      if (first >= 0 && visibleList.every((item, i) => list[first + i]?.cardId === item.cardId)) { return list; }
    }
    return null;
  }, [everyCourse, visibleList, filters, sortBy]);

  const statusKnown = !disabled && (inline || rows !== null);
  // With the view known, the active courses of every page, for the widget to page; else this page's.
  const pagedHere = statusKnown && view !== null;
  const activeItems = statusKnown ? (view || visibleList).filter((item) => !isArchived(item)) : visibleList;
  let archivedItems = null;
  if (statusKnown && (numPages <= 1 || everyCourse)) {
    let pool = visibleList;
    if (view) {
      pool = view;
    } else if (everyCourse) {
      pool = applyDashboardView(everyCourse, filters, sortBy);
    }
    archivedItems = pool.filter(isArchived);
  } else if (statusKnown && (allCourses.status === 'error' || allCourses.status === 'loaded')) {
    // Other pages could not be loaded, or not matched to the dashboard's card ids: this page's.
    archivedItems = visibleList.filter(isArchived);
  }

  /**
   * Archives or unarchives `item`: one request; the course stays where it is, its control
   * pending, until the answer, then moves. Resolves to 'done', 'failed' (the failure is kept by
   * course, for the card to say, until the next try) or 'ignored' (nothing sent).
   */
  const toggle = useCallback(async (item, nextArchived, courseName) => {
    const courseId = getCourseId(item);
    if (!enabled || !courseId || pending.current.has(courseId)) { return 'ignored'; }
    pending.current.add(courseId);
    const setPendingState = (value) => setPendingIds((prev) => {
      const next = new Set(prev);
      if (value) { next.add(courseId); } else { next.delete(courseId); }
      return next;
    });
    const setFailure = (value) => setFailures((prev) => {
      if (!value && !prev.has(courseId)) { return prev; }
      const next = new Map(prev);
      if (value) { next.set(courseId, value); } else { next.delete(courseId); }
      return next;
    });
    setPendingState(true);
    setFailure(null);
    try {
      const data = await setCourseArchived(platform, courseId, nextArchived);
      const confirmed = typeof data?.is_archived === 'boolean' ? data.is_archived : nextArchived;
      setOverrides((prev) => new Map(prev).set(courseId, {
        isArchived: confirmed, archiveDate: data?.archive_date || null, reason: confirmed ? 'learner' : null,
      }));
      setAnnouncement({ courseName, archived: confirmed, courseId });
      return 'done';
    } catch (e) {
      if (isArchivingDisabledError(e)) {
        setWriteRefused(true); // switched off meanwhile: the dashboard as without the plugin, no error
        return 'ignored';
      }
      setFailure({ courseName, archived: nextArchived });
      return 'failed';
    } finally {
      pending.current.delete(courseId);
      setPendingState(false);
    }
  }, [enabled, platform]);

  return {
    enabled,
    disabled,
    statusKnown,
    activeItems,
    pagedHere,
    pageSize: pageSize.current || visibleList.length || 10,
    archivedItems, // null while not known
    byCardId,
    isArchived,
    isPending: (item) => pendingIds.has(getCourseId(item)),
    failureOf: (item) => failures.get(getCourseId(item)) || null,
    archiveDateOf,
    reasonOf,
    toggle,
    loadFailed: !disabled && (statusRows.status === 'error' || allCourses.status === 'error'),
    retry: () => {
      if (statusRows.status === 'error') { retryStatusRows(); }
      if (allCourses.status === 'error') { retryAllCourses(); }
    },
    announcement,
  };
};
