import React, { useContext } from 'react';
import PropTypes from 'prop-types';
import { Chip, Pagination } from '@openedx/paragon';
import Close from '@openedx/paragon/icons/es5/Close';

import DemoCourseCard from './DemoCourseCard';
import DemoData from './DemoData';

/**
 * A stand-in for the dashboard's CourseList (the slot's default contents): filter chips when
 * `showFilters`, a card per `visibleList` item by `cardId`, and pagination when `numPages > 1`.
 * Like master's, it reads the chips from the dashboard's state, not from `filterOptions`.
 */
const DemoCourseList = ({ courseListData }) => {
  const {
    setPageNumber, numPages, showFilters, visibleList,
  } = courseListData;
  const { filters, removeFilter } = useContext(DemoData);
  return (
    <>
      {showFilters && (
        <div id="course-list-active-filters-container" data-testid="demo-active-filters">
          {filters.map((filter) => (
            <Chip key={filter} className="mie-2" iconAfter={Close} iconAfterAlt={`Remove ${filter}`} onIconAfterClick={() => removeFilter(filter)}>
              {filter}
            </Chip>
          ))}
        </div>
      )}
      <div className="d-flex flex-column flex-grow-1">
        {visibleList.map(({ cardId }) => <DemoCourseCard key={cardId} cardId={cardId} />)}
        {numPages > 1 && (
          <Pagination
            variant="secondary"
            paginationLabel="Course List"
            className="mx-auto mb-2"
            pageCount={numPages}
            onPageSelect={setPageNumber}
          />
        )}
      </div>
    </>
  );
};

DemoCourseList.propTypes = {
  courseListData: PropTypes.shape({
    setPageNumber: PropTypes.func,
    numPages: PropTypes.number,
    showFilters: PropTypes.bool,
    visibleList: PropTypes.arrayOf(PropTypes.shape({ cardId: PropTypes.string })),
  }).isRequired,
};

export default DemoCourseList;
