import React, { useState } from 'react';
import PropTypes from 'prop-types';
import { getConfig } from '@edx/frontend-platform';
import { useIntl } from '@edx/frontend-platform/i18n';
import {
  Alert, Button, Card, Chip, Collapsible, Icon, Pagination, Spinner,
} from '@openedx/paragon';
import {
  Archive, Close, ExpandLess, ExpandMore, Unarchive,
} from '@openedx/paragon/icons';

import {
  getCourseId, getCourseName, useCourseArchive, useIsCollapsed,
} from './hooks';
import messages from './messages';

const FILTER_MESSAGES = {
  inProgress: messages.filterInProgress,
  notStarted: messages.filterNotStarted,
  done: messages.filterDone,
  notEnrolled: messages.filterNotEnrolled,
  upgraded: messages.filterUpgraded,
};

const ARCHIVED_REGION_ID = 'course-archive-archived-courses';

/** Learner Home may give LMS-relative URLs (banners, course home); absolute ones pass unchanged. */
const toAbsoluteUrl = (url) => {
  if (!url || typeof url !== 'string') { return undefined; }
  if (/^(https?:)?\/\//i.test(url) || url.startsWith('data:')) { return url; }
  const base = String(getConfig().LMS_BASE_URL || '').replace(/\/+$/, '');
  return `${base}${url.startsWith('/') ? '' : '/'}${url}`;
};

const ArchiveToggleButton = ({
  archived, courseId, courseName, onToggle,
}) => {
  const { formatMessage } = useIntl();
  const label = formatMessage(
    archived ? messages.unarchiveButtonLabel : messages.archiveButtonLabel,
    { courseName },
  );
  return (
    <Button
      variant={archived ? 'outline-primary' : 'tertiary'}
      size="sm"
      iconBefore={archived ? Unarchive : Archive}
      aria-label={label}
      title={label}
      data-course-id={courseId}
      onClick={() => onToggle(courseId, !archived, courseName)}
    >
      {formatMessage(archived ? messages.unarchiveButton : messages.archiveButton)}
    </Button>
  );
};

ArchiveToggleButton.propTypes = {
  archived: PropTypes.bool.isRequired,
  courseId: PropTypes.string.isRequired,
  courseName: PropTypes.string.isRequired,
  onToggle: PropTypes.func.isRequired,
};

/** A course card with the learner dashboard's content: banner, name (link), provider. */
const CourseCard = ({
  item, archived, archiveDate = null, onToggle, isCollapsed,
}) => {
  const { formatMessage, formatDate } = useIntl();
  const courseId = getCourseId(item);
  const courseName = getCourseName(item);
  const { course = {}, courseRun = {}, courseProvider = {} } = item || {};
  const homeUrl = toAbsoluteUrl(courseRun.homeUrl || courseRun.resumeUrl);
  const bannerSrc = toAbsoluteUrl(course.bannerImgSrc);
  const details = [
    courseProvider.name || formatMessage(messages.unknownProvider),
    course.courseNumber,
  ].filter(Boolean).join(' • ');
  return (
    <Card
      className="course-archive-card mb-3"
      orientation={isCollapsed ? 'vertical' : 'horizontal'}
      data-testid="course-archive-card"
      data-course-id={courseId || undefined}
    >
      {bannerSrc && (
        <Card.ImageCap src={bannerSrc} srcAlt={formatMessage(messages.bannerAlt)} />
      )}
      <Card.Body>
        <Card.Header
          title={homeUrl ? <a href={homeUrl} className="text-reset">{courseName}</a> : courseName}
        />
        <Card.Section className="small text-gray-700">
          <div>{details}</div>
          {archived && archiveDate && (
            <div>{formatMessage(messages.archivedOn, { date: formatDate(archiveDate) })}</div>
          )}
        </Card.Section>
        {courseId && (
          <Card.Footer className="justify-content-end">
            <ArchiveToggleButton
              archived={archived}
              courseId={courseId}
              courseName={courseName}
              onToggle={onToggle}
            />
          </Card.Footer>
        )}
      </Card.Body>
    </Card>
  );
};

CourseCard.propTypes = {
  item: PropTypes.shape({}).isRequired,
  archived: PropTypes.bool.isRequired,
  archiveDate: PropTypes.string,
  onToggle: PropTypes.func.isRequired,
  isCollapsed: PropTypes.bool.isRequired,
};

/** An archived course that is not on the current page: only its status row is known. */
const ArchivedCourseRow = ({ status, onToggle }) => {
  const { formatMessage, formatDate } = useIntl();
  const courseName = status.catalog?.name || status.courseId;
  return (
    <li
      className="d-flex align-items-center justify-content-between py-2 border-bottom"
      data-testid="course-archive-archived-row"
      data-course-id={status.courseId}
    >
      <div>
        <div className="font-weight-bold">{courseName}</div>
        {status.archiveDate && (
          <div className="small text-gray-700">
            {formatMessage(messages.archivedOn, { date: formatDate(status.archiveDate) })}
          </div>
        )}
      </div>
      <ArchiveToggleButton
        archived
        courseId={status.courseId}
        courseName={courseName}
        onToggle={onToggle}
      />
    </li>
  );
};

ArchivedCourseRow.propTypes = {
  status: PropTypes.shape({
    courseId: PropTypes.string.isRequired,
    archiveDate: PropTypes.string,
    catalog: PropTypes.shape({ name: PropTypes.string }),
  }).isRequired,
  onToggle: PropTypes.func.isRequired,
};

/** The learner dashboard's active filters, as removable chips. */
const ActiveFilters = ({ filterOptions }) => {
  const { formatMessage } = useIntl();
  const filters = Array.isArray(filterOptions?.filters) ? filterOptions.filters : [];
  const remove = filterOptions?.handleRemoveFilter;
  if (!filters.length) { return null; }
  return (
    <div
      id="course-list-active-filters-container"
      className="d-flex flex-wrap mb-3"
      role="group"
      aria-label={formatMessage(messages.activeFiltersLabel)}
    >
      {filters.map((filter) => {
        const name = FILTER_MESSAGES[filter] ? formatMessage(FILTER_MESSAGES[filter]) : String(filter);
        const handler = typeof remove === 'function' ? remove(filter) : undefined;
        return (
          <Chip
            key={filter}
            className="mr-2 mb-2"
            iconAfter={typeof handler === 'function' ? Close : undefined}
            iconAfterAlt={formatMessage(messages.removeFilterLabel, { filter: name })}
            onIconAfterClick={typeof handler === 'function' ? handler : undefined}
          >
            {name}
          </Chip>
        );
      })}
    </div>
  );
};

ActiveFilters.propTypes = {
  filterOptions: PropTypes.shape({
    filters: PropTypes.arrayOf(PropTypes.string),
    handleRemoveFilter: PropTypes.func,
  }),
};

/**
 * Course list for the learner-dashboard slot
 * `org.openedx.frontend.learner_dashboard.course_list.v1`: active courses first, then a
 * collapsible "Archived" section; each course can be archived or unarchived in one click.
 */
export const CourseList = ({ courseListData }) => {
  const { formatMessage } = useIntl();
  const data = courseListData || {};
  const visibleList = Array.isArray(data.visibleList) ? data.visibleList : [];
  const numPages = Number.isFinite(data.numPages) ? data.numPages : 0;
  const { setPageNumber, showFilters, filterOptions } = data;

  const isCollapsed = useIsCollapsed();
  const archive = useCourseArchive(visibleList);
  const [archivedOpen, setArchivedOpen] = useState(false);

  const openArchived = (isOpen) => {
    setArchivedOpen(isOpen);
    if (isOpen && archive.listStatus === 'idle') {
      // With `courseArchive` on the items the full list is only needed here, to show
      // archived courses of other pages.
      archive.loadArchivedList();
    }
  };

  const renderCard = (item, archived) => {
    const courseId = getCourseId(item);
    return (
      <CourseCard
        key={item.cardId || courseId || getCourseName(item)}
        item={item}
        archived={archived}
        archiveDate={archived ? archive.archiveDateOf(courseId, item) : null}
        onToggle={archive.toggleArchived}
        isCollapsed={isCollapsed}
      />
    );
  };

  const { error } = archive;
  const archivedTotal = archive.archivedCount;
  const archivedTitle = archivedTotal === null
    ? formatMessage(messages.archivedSectionTitle)
    : formatMessage(messages.archivedSectionTitleWithCount, { count: archivedTotal });
  const hasArchived = archive.archivedVisibleItems.length > 0 || archive.archivedElsewhere.length > 0;

  return (
    <div className="course-archive-course-list d-flex flex-column flex-grow-1">
      {showFilters && <ActiveFilters filterOptions={filterOptions} />}

      {error && (
        <Alert
          variant="danger"
          dismissible
          closeLabel={formatMessage(messages.dismiss)}
          onClose={archive.clearError}
          className="mb-3"
        >
          {formatMessage(error.archived ? messages.archiveFailed : messages.unarchiveFailed, {
            courseName: error.courseName,
          })}
        </Alert>
      )}

      {archive.listStatus === 'error' && !archive.inlineSource && (
        <Alert
          variant="warning"
          className="mb-3"
          actions={[
            <Button key="retry" variant="outline-primary" size="sm" onClick={archive.loadArchivedList}>
              {formatMessage(messages.retry)}
            </Button>,
          ]}
        >
          {formatMessage(messages.loadArchivedFailed)}
        </Alert>
      )}

      <div className="sr-only" aria-live="polite" role="status" data-testid="course-archive-announcer">
        {archive.announcement && formatMessage(
          archive.announcement.archived ? messages.archivedAnnouncement : messages.unarchivedAnnouncement,
          { courseName: archive.announcement.courseName },
        )}
      </div>

      <section aria-label={formatMessage(messages.activeCoursesHeading)}>
        {archive.isLoading && (
          <div className="d-flex justify-content-center py-4">
            <Spinner animation="border" screenReaderText={formatMessage(messages.loading)} />
          </div>
        )}
        {!archive.isLoading && visibleList.length === 0 && (
          <p className="text-gray-700 py-3">{formatMessage(messages.noCourses)}</p>
        )}
        {!archive.isLoading && visibleList.length > 0 && archive.activeItems.length === 0 && (
          <p className="text-gray-700 py-3">{formatMessage(messages.allArchived)}</p>
        )}
        {!archive.isLoading && archive.activeItems.map((item) => renderCard(item, false))}
      </section>

      {numPages > 1 && typeof setPageNumber === 'function' && (
        <Pagination
          variant={isCollapsed ? 'reduced' : 'secondary'}
          paginationLabel={formatMessage(messages.paginationLabel)}
          className="mx-auto mb-3"
          pageCount={numPages}
          {...(Number.isInteger(data.pageNumber) ? { currentPage: data.pageNumber } : {})}
          onPageSelect={setPageNumber}
        />
      )}

      <Collapsible.Advanced
        className="collapsible-card mt-3"
        open={archivedOpen}
        unmountOnExit
      >
        <div className="collapsible-trigger d-flex p-0">
          <Button
            variant="link"
            className="flex-grow-1 text-left d-flex justify-content-between align-items-center text-decoration-none"
            aria-expanded={archivedOpen}
            aria-controls={ARCHIVED_REGION_ID}
            onClick={() => openArchived(!archivedOpen)}
          >
            <span className="h4 mb-0">{archivedTitle}</span>
            <Icon src={archivedOpen ? ExpandLess : ExpandMore} />
          </Button>
        </div>
        <Collapsible.Body className="collapsible-body">
          <section id={ARCHIVED_REGION_ID} aria-label={archivedTitle} data-testid="course-archive-archived-section">
            {archive.archivedVisibleItems.map((item) => renderCard(item, true))}
            {archive.archivedElsewhere.length > 0 && (
              <ul className="list-unstyled mb-0">
                {archive.archivedElsewhere.map((status) => (
                  <ArchivedCourseRow key={status.courseId} status={status} onToggle={archive.toggleArchived} />
                ))}
              </ul>
            )}
            {archive.listStatus === 'loading' && (
              <div className="d-flex justify-content-center py-3">
                <Spinner animation="border" screenReaderText={formatMessage(messages.loadingArchived)} />
              </div>
            )}
            {archive.listStatus === 'error' && archive.inlineSource && (
              <Alert variant="warning" className="mt-2">
                {formatMessage(messages.loadArchivedFailed)}
              </Alert>
            )}
            {!hasArchived && archive.listStatus !== 'loading' && !archive.isLoading && (
              <p className="text-gray-700 mb-0">{formatMessage(messages.noArchivedCourses)}</p>
            )}
          </section>
        </Collapsible.Body>
      </Collapsible.Advanced>
    </div>
  );
};

export const courseListDataShape = PropTypes.shape({
  visibleList: PropTypes.arrayOf(PropTypes.shape({
    cardId: PropTypes.string,
    course: PropTypes.shape({
      courseName: PropTypes.string,
      bannerImgSrc: PropTypes.string,
      courseNumber: PropTypes.string,
    }),
    courseRun: PropTypes.shape({
      courseId: PropTypes.string,
      homeUrl: PropTypes.string,
      resumeUrl: PropTypes.string,
      courseArchive: PropTypes.shape({
        isArchived: PropTypes.bool,
        archiveDate: PropTypes.string,
      }),
    }),
    courseProvider: PropTypes.shape({ name: PropTypes.string }),
  })),
  numPages: PropTypes.number,
  pageNumber: PropTypes.number,
  setPageNumber: PropTypes.func,
  filterOptions: PropTypes.shape({}),
  showFilters: PropTypes.bool,
});

CourseList.propTypes = {
  courseListData: courseListDataShape,
};

export default CourseList;
