import React, { useEffect, useMemo, useState } from 'react';
import PropTypes from 'prop-types';
import { getConfig } from '@edx/frontend-platform';
import { getAuthenticatedHttpClient } from '@edx/frontend-platform/auth';
import { Alert, Container, Spinner } from '@openedx/paragon';

import { CourseList } from '../src';

/** What frontend-plugin-framework puts around a plugin: a boundary that keeps the page up. */
class SlotErrorBoundary extends React.Component {
  constructor(props) {
    super(props);
    this.state = { hasError: false };
  }

  static getDerivedStateFromError() {
    return { hasError: true };
  }

  render() {
    const { hasError } = this.state;
    const { children } = this.props;
    if (hasError) {
      return <Alert variant="danger">The course list could not be shown.</Alert>;
    }
    return children;
  }
}

SlotErrorBoundary.propTypes = { children: PropTypes.node.isRequired };

const absolute = (url) => (/^https?:\/\//i.test(url) ? url : `${getConfig().LMS_BASE_URL}${url}`);

/**
 * A minimal learner dashboard: loads the Learner-Home-like `{courses: [...]}` and hands a
 * page of it to <CourseList> as `courseListData`, like useCourseListData() does in the MFE.
 */
const DemoDashboard = ({ learnerHomeUrl, pageSize }) => {
  const [state, setState] = useState({ status: 'loading', courses: [] });
  const [pageNumber, setPageNumber] = useState(1);

  useEffect(() => {
    let active = true;
    getAuthenticatedHttpClient().get(absolute(learnerHomeUrl))
      .then(({ data }) => {
        if (active) {
          setState({ status: 'loaded', courses: Array.isArray(data?.courses) ? data.courses : [] });
        }
      })
      .catch(() => { if (active) { setState({ status: 'error', courses: [] }); } });
    return () => { active = false; };
  }, [learnerHomeUrl]);

  const numPages = Math.max(1, Math.ceil(state.courses.length / pageSize));
  const currentPage = Math.min(pageNumber, numPages);
  const courseListData = useMemo(() => ({
    pageNumber: currentPage,
    numPages,
    setPageNumber,
    visibleList: state.courses.slice((currentPage - 1) * pageSize, currentPage * pageSize),
    filterOptions: {
      sortBy: 'enrolled',
      setSortBy: () => {},
      filters: [],
      handleRemoveFilter: () => () => {},
    },
    showFilters: false,
  }), [state.courses, currentPage, numPages, pageSize]);

  return (
    <Container size="lg" className="py-3">
      {state.status === 'loading' && <Spinner animation="border" screenReaderText="Loading" />}
      {state.status === 'error' && <Alert variant="danger">The courses could not be loaded.</Alert>}
      {state.status === 'loaded' && (
        <SlotErrorBoundary>
          <CourseList courseListData={courseListData} />
        </SlotErrorBoundary>
      )}
    </Container>
  );
};

DemoDashboard.propTypes = {
  learnerHomeUrl: PropTypes.string.isRequired,
  pageSize: PropTypes.number.isRequired,
};

export default DemoDashboard;
