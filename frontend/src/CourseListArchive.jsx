import React, { useState } from 'react';
import PropTypes from 'prop-types';
import {
  Alert, Button, Icon, Spinner,
} from '@openedx/paragon';
import ExpandLess from '@openedx/paragon/icons/es5/ExpandLess';
import ExpandMore from '@openedx/paragon/icons/es5/ExpandMore';

import ArchiveContext from './ArchiveContext';
import { usePlatform } from './PlatformContext';
import { useCourseArchive, useIsCollapsed } from './hooks';
import { normalizeListData } from './listData';
import { useIsMasquerading } from './masquerade';
import messages from './messages';

const ARCHIVED_REGION_ID = 'course-archive-archived-courses';

/**
 * Wrapper (`PLUGIN_OPERATIONS.Wrap`) of the `default_contents` of
 * `org.openedx.frontend.learner_dashboard.course_list.v1`. `component` is the dashboard's own
 * `<CourseList courseListData={...}/>`; it is rendered twice with the same data but another
 * `visibleList`: the active courses of the page (with the dashboard's filter chips and
 * pagination), then, in a collapsible section, the archived courses of every page (no chips,
 * no pagination). Every card is the dashboard's own, with whatever other plugins add to it.
 * While staff masquerade, and where the site switched archiving off, the list is shown untouched.
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

  if (masquerading || archive.disabled || !React.isValidElement(component)) { return component ?? null; }

  const renderList = (key, visibleList, overrides = {}) => React.cloneElement(component, {
    key,
    courseListData: { ...courseListData, visibleList, ...overrides },
  });

  const { archivedItems } = archive;
  const title = archivedItems === null
    ? formatMessage(messages.archivedSectionTitle)
    : formatMessage(messages.archivedSectionTitleWithCount, { count: archivedItems.length });
  const allOnPageArchived = archive.statusKnown && data.visibleList.length > 0 && archive.activeItems.length === 0;

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
    archivedBody = renderList('archived', archivedItems, { showFilters: false, numPages: 0 });
  }

  return (
    <ArchiveContext.Provider value={archive}>
      <div className="course-archive d-flex flex-column flex-grow-1">
        {archive.error && (
          <Alert
            variant="danger"
            dismissible
            closeLabel={formatMessage(messages.dismiss)}
            onClose={archive.clearError}
            className="mb-3"
          >
            {formatMessage(archive.error.archived ? messages.archiveFailed : messages.unarchiveFailed, {
              courseName: archive.error.courseName,
            })}
          </Alert>
        )}
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
        <div className="sr-only" aria-live="polite" role="status">
          {archive.announcement && formatMessage(
            archive.announcement.archived ? messages.archivedAnnouncement : messages.unarchivedAnnouncement,
            { courseName: archive.announcement.courseName },
          )}
        </div>

        {renderList('active', archive.activeItems)}
        {allOnPageArchived && <p className="text-gray-700">{formatMessage(messages.allArchived)}</p>}

        {/* Shown once the statuses are known: the kill switch may yet say to show nothing. */}
        {archive.statusKnown && (
          <section className={`course-archive-archived border-top ${isCollapsed ? 'mt-3 pt-2' : 'mt-4 pt-3'}`}>
            <Button
              variant="link"
              className="w-100 d-flex justify-content-between align-items-center px-0 text-decoration-none"
              aria-expanded={open}
              aria-controls={open ? ARCHIVED_REGION_ID : undefined}
              onClick={() => setOpen(!open)}
            >
              <span className={isCollapsed ? 'h4 mb-0' : 'h3 mb-0'}>{title}</span>
              <Icon src={open ? ExpandLess : ExpandMore} />
            </Button>
            {open && (
              <div id={ARCHIVED_REGION_ID} role="region" aria-label={title} className="pt-3">
                {archivedBody}
              </div>
            )}
          </section>
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
