import {
  useCallback, useEffect, useMemo, useRef, useState,
} from 'react';
import { useWindowSize, breakpoints } from '@openedx/paragon';

import { fetchArchivedStatuses, setCourseArchived } from './api';

/** Course id of a learner-dashboard course item (`courseRun.courseId`), or null. */
export const getCourseId = (item) => item?.courseRun?.courseId || null;

/** Display name of a course item; falls back to its course id. */
export const getCourseName = (item) => (
  item?.course?.courseName || getCourseId(item) || ''
);

/**
 * The archive status that the plugin's Learner Home filter step adds to a course run:
 * `courseRun.courseArchive = {isArchived, archiveDate}`. (`courseRun.isArchived` is
 * Learner Home's own flag, meaning the run has ended, and is not used here.)
 */
export const getInlineArchive = (item) => {
  const value = item?.courseRun?.courseArchive;
  return value && typeof value === 'object' ? value : null;
};

/** Whether the list items carry the archive status themselves (source "inline"). */
export const hasInlineArchiveStatus = (visibleList) => (
  Array.isArray(visibleList) && visibleList.some((item) => getInlineArchive(item) !== null)
);

/** Whether the viewport is narrower than Paragon's "medium" breakpoint. */
export const useIsCollapsed = () => {
  const { width } = useWindowSize();
  return typeof width === 'number' && width < breakpoints.medium.minWidth;
};

const rowToStatus = (row) => ({
  courseId: row.course_id,
  isArchived: row.is_archived !== false,
  archiveDate: row.archive_date || null,
  catalog: row.catalog || null,
});

/**
 * Archive state of the learner's courses, with optimistic toggling.
 *
 * Where a course's archive status comes from, in order:
 *  1. the learner's own change on this page (`overrides`, set at once on click, rolled back
 *     if the request fails);
 *  2. the full list of archived statuses from the API, when it has been loaded;
 *  3. `courseRun.courseArchive` on the list item (Learner Home filter step);
 *  4. otherwise: not archived.
 *
 * The full list is loaded on first render only when the items do not carry
 * `courseArchive`; when they do, it is loaded when `loadArchivedList()` is called (the
 * Archived section does so when the learner opens it), to show archived courses that are
 * on other pages of the course list.
 */
export const useCourseArchive = (visibleList) => {
  const list = useMemo(() => (Array.isArray(visibleList) ? visibleList.filter(Boolean) : []), [visibleList]);
  const inlineSource = hasInlineArchiveStatus(list);

  // {status: 'idle'|'loading'|'loaded'|'error', rows: Map<courseId, status>}
  const [remote, setRemote] = useState({ status: 'idle', rows: new Map() });
  // Map<courseId, {isArchived, archiveDate, pending}>
  const [overrides, setOverrides] = useState(() => new Map());
  const [error, setError] = useState(null);
  const [announcement, setAnnouncement] = useState(null);

  const loadingRef = useRef(null);
  const pendingRef = useRef(new Set());
  const overridesRef = useRef(overrides);
  overridesRef.current = overrides;

  const loadArchivedList = useCallback(() => {
    if (loadingRef.current) { return loadingRef.current; }
    setRemote((prev) => ({ ...prev, status: 'loading' }));
    const promise = fetchArchivedStatuses()
      .then((rows) => {
        const byCourse = new Map();
        rows.forEach((row) => {
          if (row && row.course_id) { byCourse.set(row.course_id, rowToStatus(row)); }
        });
        setRemote({ status: 'loaded', rows: byCourse });
      })
      .catch(() => {
        loadingRef.current = null; // allow a retry
        setRemote((prev) => ({ ...prev, status: 'error' }));
      });
    loadingRef.current = promise;
    return promise;
  }, []);

  useEffect(() => {
    if (!inlineSource && remote.status === 'idle') {
      loadArchivedList();
    }
  }, [inlineSource, remote.status, loadArchivedList]);

  const isArchived = useCallback((courseId, item) => {
    if (!courseId) { return false; }
    if (overrides.has(courseId)) { return overrides.get(courseId).isArchived; }
    if (remote.status === 'loaded') { return remote.rows.has(courseId); }
    const inline = getInlineArchive(item);
    return Boolean(inline && inline.isArchived);
  }, [overrides, remote]);

  const archiveDateOf = useCallback((courseId, item) => {
    if (overrides.has(courseId) && overrides.get(courseId).archiveDate) {
      return overrides.get(courseId).archiveDate;
    }
    if (remote.rows.has(courseId)) { return remote.rows.get(courseId).archiveDate; }
    return getInlineArchive(item)?.archiveDate || null;
  }, [overrides, remote]);

  const toggleArchived = useCallback(async (courseId, nextArchived, courseName) => {
    if (!courseId || pendingRef.current.has(courseId)) { return; }
    pendingRef.current.add(courseId);
    // A course has at most one request in flight, so its entry cannot change meanwhile.
    const previous = overridesRef.current.get(courseId);
    setOverrides((prev) => {
      const next = new Map(prev);
      next.set(courseId, { isArchived: nextArchived, archiveDate: null, pending: true });
      return next;
    });
    setError(null);
    try {
      const data = await setCourseArchived(courseId, nextArchived);
      const confirmed = typeof data?.is_archived === 'boolean' ? data.is_archived : nextArchived;
      setOverrides((prev) => {
        const next = new Map(prev);
        next.set(courseId, {
          isArchived: confirmed,
          archiveDate: data?.archive_date || null,
          pending: false,
        });
        return next;
      });
      if (data && data.course_id) {
        setRemote((prev) => {
          if (prev.status !== 'loaded') { return prev; }
          const rows = new Map(prev.rows);
          if (confirmed) {
            rows.set(courseId, rowToStatus(data));
          } else {
            rows.delete(courseId);
          }
          return { ...prev, rows };
        });
      }
      setAnnouncement({ courseName, archived: confirmed });
    } catch (err) {
      setOverrides((prev) => {
        const next = new Map(prev);
        if (previous) {
          next.set(courseId, previous);
        } else {
          next.delete(courseId);
        }
        return next;
      });
      setError({ courseId, courseName, archived: nextArchived });
    } finally {
      pendingRef.current.delete(courseId);
    }
  }, []);

  const activeItems = list.filter((item) => !isArchived(getCourseId(item), item));
  const archivedVisibleItems = list.filter((item) => isArchived(getCourseId(item), item));
  const visibleIds = new Set(list.map(getCourseId).filter(Boolean));
  const archivedElsewhere = [];
  remote.rows.forEach((status, courseId) => {
    if (!visibleIds.has(courseId) && isArchived(courseId, null)) {
      archivedElsewhere.push(status);
    }
  });

  return {
    inlineSource,
    listStatus: remote.status,
    // When the items carry no status, nothing can be sorted until the list is loaded.
    isLoading: !inlineSource && (remote.status === 'idle' || remote.status === 'loading'),
    activeItems,
    archivedVisibleItems,
    archivedElsewhere,
    archivedCount: remote.status === 'loaded'
      ? archivedVisibleItems.length + archivedElsewhere.length
      : null,
    isPending: (courseId) => Boolean(overrides.get(courseId)?.pending),
    archiveDateOf,
    toggleArchived,
    loadArchivedList,
    error,
    clearError: () => setError(null),
    announcement,
  };
};
