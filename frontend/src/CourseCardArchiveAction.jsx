import React, { useContext } from 'react';
import PropTypes from 'prop-types';
import {
  Button, Spinner, breakpoints, useWindowSize,
} from '@openedx/paragon';
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
// Where the note shares a narrow row with the card's own button: the month abbreviated.
const SHORT_DATE_FORMAT = { year: 'numeric', month: 'short', day: 'numeric' };
// A touch target of 44 px (WCAG 2.5.5), whatever size the dashboard gives its own buttons.
const TOUCH_TARGET = { minHeight: '2.75rem' };
// The gap Paragon's ActionRow puts between buttons; on the smallest screens its card footer sets
// it to 0 (it stacks full-width buttons, which the dashboard's nowrap row keeps side by side):
// there the control keeps the gap itself.
const ROW_GAP = { marginInlineEnd: 'var(--pgn-spacing-action-row-gap-x, 0.5rem)' };
// Paragon's logical spacing utilities (mis-/mie-) and `end` keep it right to left too.
// The card's action row does not wrap: the texts under the control wrap within this width.
const TEXT_WIDTH = { maxWidth: '14rem', whiteSpace: 'normal', textAlign: 'end' };

/**
 * Widget for `org.openedx.frontend.learner_dashboard.course_card_action.v1`: Archive or
 * Unarchive on the dashboard's own course card. The slot gives only `cardId`; the course comes
 * from the list data that the course list wrapper shares. Nothing is rendered for a card
 * without a course run (an entitlement with no session yet), outside the wrapper, or while
 * staff masquerade.
 *
 * One element in the card's action row (so the row spaces it like its own buttons): the control,
 * and under it, as text, when the course was archived (or the note that the site's policy
 * archived it, which describes the button), or what failed, with Try again. While its request is
 * in flight the control says so (its text, a spinner, and its accessible name) and is busy and
 * aria-disabled: it keeps focus, and a press does nothing.
 */
export const CourseCardArchiveAction = ({ cardId }) => {
  const { useIntl } = usePlatform();
  const { formatMessage, formatDate } = useIntl();
  const archive = useContext(ArchiveContext);
  const isCollapsed = useIsCollapsed();
  const { width } = useWindowSize();
  const isSmall = typeof width === 'number' && width <= breakpoints.small.minWidth;
  const item = archive?.byCardId.get(cardId);
  if (!archive?.statusKnown || !getCourseId(item)) { return null; }

  const courseId = getCourseId(item);
  const archived = archive.isArchived(item);
  const pending = archive.isPending(item);
  const failure = archive.failureOf(item);
  const courseName = getCourseName(item);
  const archiveDate = archived ? archive.archiveDateOf(item) : null;
  let label = formatMessage(archived ? messages.unarchiveButtonLabel : messages.archiveButtonLabel, { courseName });
  if (pending) {
    label = formatMessage(archived ? messages.unarchivingButtonLabel : messages.archivingButtonLabel, { courseName });
  }
  const auto = archived && archive.reasonOf(item) === 'auto';
  const endDate = Number.isNaN(Date.parse(item.courseRun.endDate)) ? null : item.courseRun.endDate;
  const noteId = `course-archive-note-${cardId}`;
  // Pending: aria-disabled, not disabled, so that focus stays on the control; a press does nothing.
  const run = (event) => { if (!pending) { archive.toggle(item, !archived, courseName, event.currentTarget); } };

  const dateFormat = isCollapsed ? SHORT_DATE_FORMAT : DATE_FORMAT;
  let note = null;
  if (auto && isCollapsed && archiveDate) {
    // A narrow card leaves the note the control's width: two lines, the date it was archived.
    note = formatMessage(messages.autoArchivedShortNote, { date: formatDate(archiveDate, dateFormat) });
  } else if (auto) {
    note = endDate
      ? formatMessage(messages.autoArchivedNote, { date: formatDate(endDate, dateFormat) })
      : formatMessage(messages.autoArchivedNoteNoDate);
  } else if (archiveDate) {
    note = formatMessage(messages.archivedOn, { date: formatDate(archiveDate, dateFormat) });
  }
  let text = formatMessage(archived ? messages.unarchiveButton : messages.archiveButton);
  if (pending) { text = formatMessage(archived ? messages.unarchivingButton : messages.archivingButton); }

  return (
    <div
      className="course-archive-action d-flex flex-column align-items-end"
      style={isSmall ? ROW_GAP : undefined}
      data-course-archive-card={cardId}
    >
      <Button
        variant="outline-primary"
        {...(isCollapsed && { size: 'sm' })}
        style={TOUCH_TARGET}
        iconBefore={pending ? undefined : (archived ? Unarchive : Archive)}
        aria-label={label}
        aria-describedby={note ? noteId : undefined}
        aria-busy={pending || undefined}
        aria-disabled={pending || undefined}
        data-course-archive-action={archived ? 'unarchive' : 'archive'}
        data-course-archive-course={courseId}
        onClick={run}
      >
        {pending && <Spinner animation="border" size="sm" className="mie-2" aria-hidden="true" />}
        {text}
      </Button>
      {note && (
        <span
          id={noteId}
          className="small text-gray-700 mt-1"
          style={TEXT_WIDTH}
          data-course-archive-note={auto ? 'auto' : 'date'}
        >
          {note}
        </span>
      )}
      {failure && (
        <div className="small text-danger mt-1" style={TEXT_WIDTH} data-course-archive-failure={courseId}>
          <span role="alert">
            {formatMessage(failure.archived ? messages.archiveFailed : messages.unarchiveFailed, { courseName })}
          </span>
          <Button
            variant="link"
            size="sm"
            className="px-1"
            style={TOUCH_TARGET}
            data-course-archive-retry={courseId}
            onClick={() => archive.toggle(item, failure.archived, courseName, null)}
          >
            {formatMessage(messages.retry)}
          </Button>
        </div>
      )}
    </div>
  );
};

CourseCardArchiveAction.propTypes = {
  cardId: PropTypes.string.isRequired,
};

export default CourseCardArchiveAction;
