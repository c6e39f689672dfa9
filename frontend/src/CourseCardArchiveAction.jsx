import React, { useContext } from 'react';
import PropTypes from 'prop-types';
import { Button } from '@openedx/paragon';
// One icon module each, so that the MFE does not bundle Paragon's whole icon set.
import Archive from '@openedx/paragon/icons/es5/Archive';
import Unarchive from '@openedx/paragon/icons/es5/Unarchive';

import ArchiveContext from './ArchiveContext';
import { usePlatform } from './PlatformContext';
import { useIsCollapsed } from './hooks';
import { getCourseId, getCourseName } from './listData';
import messages from './messages';

// The dashboard's own date format (its dateFormatter).
const DATE_FORMAT = { year: 'numeric', month: 'long', day: 'numeric' };

/**
 * Widget for `org.openedx.frontend.learner_dashboard.course_card_action.v1`: Archive or
 * Unarchive on the dashboard's own course card. The slot gives only `cardId`; the course comes
 * from the list data that the course list wrapper shares. Nothing is rendered for a card
 * without a course run (an entitlement with no session yet), outside the wrapper, or while
 * staff masquerade. A course the site's policy archived (`courseArchive.reason: "auto"`) gets a
 * note saying so, next to its Unarchive button, which describes the button to screen readers.
 */
export const CourseCardArchiveAction = ({ cardId }) => {
  const { useIntl } = usePlatform();
  const { formatMessage, formatDate } = useIntl();
  const archive = useContext(ArchiveContext);
  const isCollapsed = useIsCollapsed();
  const item = archive?.byCardId.get(cardId);
  if (!archive?.statusKnown || !getCourseId(item)) { return null; }

  const archived = archive.isArchived(item);
  const courseName = getCourseName(item);
  const archiveDate = archived ? archive.archiveDateOf(item) : null;
  const label = formatMessage(archived ? messages.unarchiveButtonLabel : messages.archiveButtonLabel, { courseName });
  const auto = archived && archive.reasonOf(item) === 'auto';
  const endDate = Number.isNaN(Date.parse(item.courseRun.endDate)) ? null : item.courseRun.endDate;
  const noteId = `course-archive-auto-note-${cardId}`;
  const button = (
    <Button
      variant="outline-primary"
      {...(isCollapsed && { size: 'sm' })}
      iconBefore={archived ? Unarchive : Archive}
      aria-label={label}
      title={archiveDate ? formatMessage(messages.archivedOn, { date: formatDate(archiveDate) }) : label}
      aria-describedby={auto ? noteId : undefined}
      disabled={archive.isPending(item)}
      data-course-archive-action={archived ? 'unarchive' : 'archive'}
      onClick={() => archive.toggle(item, !archived, courseName)}
    >
      {formatMessage(archived ? messages.unarchiveButton : messages.archiveButton)}
    </Button>
  );
  if (!auto) { return button; }
  return (
    <>
      <span id={noteId} className="small text-gray-700" data-course-archive-note="auto">
        {endDate
          ? formatMessage(messages.autoArchivedNote, { date: formatDate(endDate, DATE_FORMAT) })
          : formatMessage(messages.autoArchivedNoteNoDate)}
      </span>
      {button}
    </>
  );
};

CourseCardArchiveAction.propTypes = {
  cardId: PropTypes.string.isRequired,
};

export default CourseCardArchiveAction;
