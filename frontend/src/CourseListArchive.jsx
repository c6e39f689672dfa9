import React, { useEffect, useRef, useState } from 'react';
import PropTypes from 'prop-types';
import {
  Alert, Button, Icon, Pagination, Spinner, Toast,
} from '@openedx/paragon';
import ExpandLess from '@openedx/paragon/icons/es5/ExpandLess';
import ExpandMore from '@openedx/paragon/icons/es5/ExpandMore';

import ArchiveContext from './ArchiveContext';
import { usePlatform } from './PlatformContext';
import { useCourseArchive, useIsCollapsed } from './hooks';
import { getCourseId, normalizeListData } from './listData';
import { useIsMasquerading } from './masquerade';
import messages from './messages';
import { useFocusAboveToast } from './toastFocus';

const ARCHIVED_REGION_ID = 'course-archive-archived-courses';
const CONTROL_SELECTOR = '[data-course-archive-action]';
// Long enough to reach Undo by keyboard; Paragon's toast also stays while focused or hovered.
const TOAST_DELAY_MS = 10000;
// The toast's Undo, a small Paragon button (36 px), gets the 44 px touch target of the widget's
// other controls (WCAG 2.5.5); Paragon's toast takes no class for its action.
const TOAST_STYLE = '[data-course-archive-toast] .btn { min-height: 2.75rem; }';

/**
 * Wrapper (`PLUGIN_OPERATIONS.Wrap`) of the `default_contents` of
 * `org.openedx.frontend.learner_dashboard.course_list.v1`. `component` is the dashboard's own
 * `<CourseList courseListData={...}/>`; it is rendered twice with the same data but another
 * `visibleList`: the active courses (with the dashboard's filter chips and pagination, paged here
 * over active courses only when every course is known), then, in a collapsible section under an
 * h3, the archived courses of every page (no chips; pages of their own when long). Every card is
 * the dashboard's own, with whatever other plugins add to it. After each change focus goes where
 * the learner can go on, and a toast offers Undo. While staff masquerade, and where the site
 * switched archiving off, the list is shown untouched.
 */
export const CourseListArchive = ({ component, pluginProps }) => {
  const { useIntl } = usePlatform();
  const { formatMessage } = useIntl();
  const courseListData = pluginProps?.courseListData ?? component?.props?.courseListData;
  const data = normalizeListData(courseListData);
  const masquerading = useIsMasquerading(data.visibleList);
  const archive = useCourseArchive({ ...data, enabled: !masquerading });
  const isCollapsed = useIsCollapsed();
  const [open, setOpen] = useState(false);
  const [activePage, setActivePage] = useState(1);
  const [archivedPage, setArchivedPage] = useState(1);
  const [toast, setToast] = useState(null); // {item, courseName, archived}
  const [undone, setUndone] = useState(null); // {courseName, archived, page}: the live region's text
  // The course whose page is to be shown (after Undo, or its failure): the learner may have
  // paged on since the course moved.
  const [reveal, setReveal] = useState(null);
  const [focusRequest, setFocusRequest] = useState(null);
  const activeRef = useRef(null);
  const archivedRef = useRef(null);
  const toggleRef = useRef(null);

  // The active list restarts at its first page when the dashboard's filters or sort order change.
  const viewKey = `${data.filters.join(',')}|${data.sortBy}`;
  const lastViewKey = useRef(viewKey);
  if (lastViewKey.current !== viewKey) {
    lastViewKey.current = viewKey;
    if (activePage !== 1) { setActivePage(1); }
  }

  // After an archive, unarchive, undo or failure, focus where the learner can go on (the moved
  // control's element is gone): see `toggleWithFocus`.
  useEffect(() => {
    if (!focusRequest) { return; }
    setFocusRequest(null);
    let target = null;
    if (focusRequest.selector) {
      // Not shown (a filter changed meanwhile): the active list's first control, else the toggle.
      target = document.querySelector(focusRequest.selector)
        || activeRef.current?.querySelector(CONTROL_SELECTOR) || toggleRef.current;
    } else {
      const container = focusRequest.list === 'archived' ? archivedRef.current : activeRef.current;
      const controls = container ? [...container.querySelectorAll(CONTROL_SELECTOR)] : [];
      target = controls[Math.min(focusRequest.index, controls.length - 1)] || toggleRef.current;
    }
    if (target) { target.focus(); }
  }, [focusRequest]);

  const toastSpace = useFocusAboveToast(Boolean(toast));

  if (masquerading || archive.disabled || !React.isValidElement(component)) { return component ?? null; }

  const { archivedItems, activeItems, pageSize } = archive;
  const activePageCount = archive.pagedHere ? Math.ceil(activeItems.length / pageSize) : 0;
  const archivedPageCount = archivedItems ? Math.ceil(archivedItems.length / pageSize) : 0;
  const pageOf = (items, courseId) => {
    const index = (items || []).findIndex((item) => getCourseId(item) === courseId);
    return index < 0 ? null : Math.floor(index / pageSize) + 1;
  };
  let activePageShown = activePage;
  let archivedPageShown = archivedPage;
  if (reveal) {
    // The pages are the widget's own (the active ones only when it pages them): the page that
    // holds the course is shown, and the live region says which.
    setReveal(null);
    const activeTarget = archive.pagedHere ? pageOf(activeItems, reveal) : null;
    const archivedTarget = pageOf(archivedItems, reveal);
    const target = activeTarget || archivedTarget;
    if (target && target !== (activeTarget ? activePage : archivedPage)) {
      if (activeTarget) { activePageShown = target; } else { archivedPageShown = target; }
      setUndone((prev) => prev && { ...prev, page: target });
    }
  }
  // A page left empty (its last course moved): the last page, next to where the learner was.
  activePageShown = Math.min(activePageShown, Math.max(1, activePageCount));
  archivedPageShown = Math.min(archivedPageShown, Math.max(1, archivedPageCount));
  if (archive.pagedHere && activePageShown !== activePage) { setActivePage(activePageShown); }
  if (archivedItems && archivedPageShown !== archivedPage) { setArchivedPage(archivedPageShown); }
  const activeShown = archive.pagedHere
    ? activeItems.slice((activePageShown - 1) * pageSize, activePageShown * pageSize)
    : activeItems;
  const archivedShown = archivedItems
    ? archivedItems.slice((archivedPageShown - 1) * pageSize, archivedPageShown * pageSize)
    : null;

  const courseSelector = (courseId) => `[data-course-archive-course="${CSS.escape(courseId)}"]`;
  /**
   * The toggle of the cards: `control` is the clicked control (null for Try again, whose card's
   * control counts). Done: focus goes to the control now where the moved one was in its list
   * (the next card's), else the one before, else the Archived toggle; the toast names the
   * course with Undo. Failed: focus goes to the card's Try again.
   */
  const toggleWithFocus = async (item, nextArchived, courseName, control) => {
    const courseId = getCourseId(item);
    // Try again gives no control: the learner is at its card, whose control moves as a click's.
    const reference = control || document.querySelector(courseSelector(courseId));
    let list = 'active';
    let index = 0;
    if (reference) {
      list = archivedRef.current?.contains(reference) ? 'archived' : 'active';
      const container = list === 'archived' ? archivedRef.current : activeRef.current;
      index = Math.max(0, [...(container?.querySelectorAll(CONTROL_SELECTOR) || [])].indexOf(reference));
    }
    const result = await archive.toggle(item, nextArchived, courseName);
    if (result === 'failed') {
      setFocusRequest({ selector: `[data-course-archive-retry="${CSS.escape(courseId)}"]` });
    } else if (result === 'done') {
      setToast({ item, courseName, archived: nextArchived });
      setUndone(null);
      setFocusRequest(reference ? { list, index } : { selector: courseSelector(courseId) });
    }
    return result;
  };
  /**
   * Undo: the course goes back, and the page that holds it is shown (the learner may have paged
   * on), with focus on its control; a failure is said next to the card, on its page.
   */
  const undo = async () => {
    const { item, courseName, archived } = toast;
    const courseId = getCourseId(item);
    setToast(null);
    const result = await archive.toggle(item, !archived, courseName);
    if (result === 'done') {
      setUndone({ courseName, archived: !archived, page: null });
      if (!archived) { setOpen(true); }
      setReveal(courseId);
      setFocusRequest({ selector: courseSelector(courseId) });
    } else if (result === 'failed') {
      // Still archived: the section opens to show the failure next to the card.
      if (archived) { setOpen(true); }
      setReveal(courseId);
      setFocusRequest({ selector: `[data-course-archive-retry="${CSS.escape(courseId)}"]` });
    }
  };

  const renderList = (key, visibleList, overrides = {}) => React.cloneElement(component, {
    key,
    courseListData: { ...courseListData, visibleList, ...overrides },
  });

  const title = archivedItems === null
    ? formatMessage(messages.archivedSectionTitle)
    : formatMessage(messages.archivedSectionTitleWithCount, { count: archivedItems.length });
  const allArchived = archive.statusKnown && data.visibleList.length > 0 && activeItems.length === 0;

  // Paragon's own labels of its pagination are English only.
  const pageLabels = {
    previous: formatMessage(messages.paginationPrevious),
    next: formatMessage(messages.paginationNext),
    page: formatMessage(messages.paginationPage),
    currentPage: formatMessage(messages.paginationCurrentPage),
    pageOfCount: formatMessage(messages.paginationPageOfCount),
  };
  // The active list's pages and the Archived section's: controlled here, none for a single page.
  const renderPages = (label, pageCount, currentPage, onPageSelect) => pageCount > 1 && (
    <Pagination
      variant={isCollapsed ? 'reduced' : 'secondary'}
      paginationLabel={formatMessage(label)}
      buttonLabels={pageLabels}
      className="mx-auto mb-2"
      pageCount={pageCount}
      currentPage={currentPage}
      onPageSelect={onPageSelect}
    />
  );
  let archivedBody;
  if (archivedItems === null) {
    archivedBody = archive.loadFailed ? null : (
      <div className="d-flex justify-content-center py-3">
        <Spinner animation="border" screenReaderText={formatMessage(messages.loadingArchived)} />
      </div>
    );
  } else if (archivedItems.length === 0) {
    archivedBody = <p className="text-gray-700 mb-0">{formatMessage(messages.noArchivedCourses)}</p>;
  } else {
    archivedBody = (
      <>
        {renderList('archived', archivedShown, { showFilters: false, numPages: 0 })}
        {renderPages(messages.archivedPages, archivedPageCount, archivedPageShown, setArchivedPage)}
      </>
    );
  }

  // The active list: when every course is known the widget pages the active courses (the
  // dashboard paged them with the archived ones) with a pagination of its own, whose page it
  // controls (the dashboard's keeps its page to itself), in the dashboard's place and style;
  // else the dashboard's page and pagination.
  const activeOverrides = archive.pagedHere ? { numPages: 0, setPageNumber: setActivePage } : {};
  const context = { ...archive, toggle: toggleWithFocus };

  return (
    <ArchiveContext.Provider value={context}>
      <div className="course-archive d-flex flex-column flex-grow-1">
        {archive.loadFailed && (
          <Alert
            variant="warning"
            className="mb-3"
            actions={[
              <Button key="retry" variant="outline-primary" size="sm" onClick={archive.retry}>
                {formatMessage(messages.retry)}
              </Button>,
            ]}
          >
            {formatMessage(messages.loadArchivedFailed)}
          </Alert>
        )}
        {/* What Undo did (the toast says what archive and unarchive did). */}
        <div className="sr-only" aria-live="polite" role="status">
          {undone && formatMessage(
            undone.page
              ? (undone.archived ? messages.archivedToPageAnnouncement : messages.unarchivedToPageAnnouncement)
              : (undone.archived ? messages.archivedAnnouncement : messages.unarchivedAnnouncement),
            { courseName: undone.courseName, page: undone.page },
          )}
        </div>

        <div ref={activeRef} className="d-flex flex-column flex-grow-1">
          {renderList('active', activeShown, activeOverrides)}
          {renderPages(messages.activePages, activePageCount, activePageShown, setActivePage)}
        </div>
        {allArchived && <p className="text-gray-700">{formatMessage(messages.allArchived)}</p>}

        {/* Shown once the statuses are known: the kill switch may yet say to show nothing. */}
        {archive.statusKnown && (
          <section
            className={`course-archive-archived border-top ${isCollapsed ? 'mt-3 pt-2' : 'mt-4 pt-3'}`}
            aria-labelledby={`${ARCHIVED_REGION_ID}-heading`}
          >
            {/* A part of the dashboard's "My Courses" (h2), as its cards' titles are (h3): the dashboard's
                own headings after it (the sidebar's h4) keep a valid order. As large as before. */}
            <h3 className={isCollapsed ? 'h4 mb-0' : 'h3 mb-0'} id={`${ARCHIVED_REGION_ID}-heading`}>
              <Button
                ref={toggleRef}
                variant="link"
                className="w-100 d-flex justify-content-between align-items-center px-0 text-decoration-none text-reset"
                style={{ minHeight: '2.75rem', font: 'inherit' }}
                aria-expanded={open}
                aria-controls={ARCHIVED_REGION_ID}
                onClick={() => setOpen(!open)}
              >
                <span>{title}</span>
                <Icon src={open ? ExpandLess : ExpandMore} />
              </Button>
            </h3>
            <div id={ARCHIVED_REGION_ID} ref={archivedRef} hidden={!open} className="pt-3">
              {open && archivedBody}
            </div>
          </section>
        )}
        {toastSpace > 0 && <div aria-hidden="true" style={{ height: toastSpace }} data-course-archive-toast-space="" />}
        {toast && <style>{TOAST_STYLE}</style>}
        {toast && (
          <Toast
            show
            onClose={() => setToast(null)}
            delay={TOAST_DELAY_MS}
            closeLabel={formatMessage(messages.closeToast)}
            action={{ label: formatMessage(messages.undo), onClick: undo }}
            data-course-archive-toast=""
          >
            {formatMessage(toast.archived ? messages.archivedAnnouncement : messages.unarchivedAnnouncement, {
              courseName: toast.courseName,
            })}
          </Toast>
        )}
      </div>
    </ArchiveContext.Provider>
  );
};

CourseListArchive.propTypes = {
  component: PropTypes.node,
  pluginProps: PropTypes.shape({
    courseListData: PropTypes.shape({}),
  }),
};

export default CourseListArchive;
