import React, { useEffect, useMemo, useState } from 'react';
import PropTypes from 'prop-types';
import { getConfig } from '@edx/frontend-platform';
import { getAuthenticatedHttpClient } from '@edx/frontend-platform/auth';
import { PluginSlot } from '@openedx/frontend-plugin-framework';
import {
  Alert, Container, Form, Spinner,
} from '@openedx/paragon';

import { applyDashboardView } from '../src/listData';
import DemoCourseList from './DemoCourseList';
import DemoData from './DemoData';

const FILTERS = ['inProgress', 'notStarted', 'done', 'notEnrolled', 'upgraded'];

const absolute = (url) => (/^https?:\/\//i.test(url) ? url : `${getConfig().LMS_BASE_URL}${url}`);

/**
 * A stand-in for the dashboard's CoursesPanel: loads Learner Home's `{courses}`, numbers the
 * cards `card-<index>`, filters and paginates, and renders the real course list slot with a
 * CourseList stand-in as its default contents. `shape` picks the slot props of a release:
 * `array` (verawood / master: `filterOptions` is the filter names) or `object` (teak / ulmo).
 */
const DemoDashboard = ({ learnerHomeUrl, pageSize, shape }) => {
  const [state, setState] = useState({ status: 'loading', courses: [] });
  const [pageNumber, setPageNumber] = useState(1);
  const [filters, setFilters] = useState([]);

  useEffect(() => {
    let active = true;
    getAuthenticatedHttpClient().get(absolute(learnerHomeUrl))
      .then(({ data }) => {
        if (active) {
          const courses = (Array.isArray(data?.courses) ? data.courses : [])
            .map((course, index) => ({ ...course, cardId: `card-${index}` }));
          setState({ status: 'loaded', courses });
        }
      })
      .catch(() => { if (active) { setState({ status: 'error', courses: [] }); } });
    return () => { active = false; };
  }, [learnerHomeUrl]);

  const removeFilter = (name) => setFilters((prev) => prev.filter((f) => f !== name));
  const toggleFilter = (name) => setFilters((prev) => (
    prev.includes(name) ? prev.filter((f) => f !== name) : [...prev, name]
  ));
  const shown = useMemo(() => applyDashboardView(state.courses, filters, 'enrolled'), [state.courses, filters]);
  const numPages = Math.ceil(shown.length / pageSize);
  const currentPage = Math.min(pageNumber, Math.max(1, numPages));
  const visibleList = shown.slice((currentPage - 1) * pageSize, currentPage * pageSize);
  const courseListData = {
    numPages,
    setPageNumber,
    visibleList,
    showFilters: filters.length > 0,
    ...(shape === 'object' ? {
      pageNumber: currentPage,
      filterOptions: {
        sortBy: 'enrolled',
        setSortBy: () => {},
        filters,
        handleRemoveFilter: (name) => () => removeFilter(name),
      },
    } : { filterOptions: filters }),
  };
  const data = useMemo(() => ({
    byCardId: new Map(state.courses.map((course) => [course.cardId, course])),
    filters,
    removeFilter,
  }), [state.courses, filters]);

  return (
    <Container size="lg" className="py-3">
      {state.status === 'loading' && <Spinner animation="border" screenReaderText="Loading" />}
      {state.status === 'error' && <Alert variant="danger">The courses could not be loaded.</Alert>}
      {state.status === 'loaded' && (
        <DemoData.Provider value={data}>
          <Form.Group className="mb-3">
            <Form.CheckboxSet name="course-filters" value={filters} isInline>
              {FILTERS.map((name) => (
                <Form.Checkbox key={name} value={name} onChange={() => toggleFilter(name)}>{name}</Form.Checkbox>
              ))}
            </Form.CheckboxSet>
          </Form.Group>
          <PluginSlot
            id="org.openedx.frontend.learner_dashboard.course_list.v1"
            idAliases={['course_list_slot']}
            pluginProps={{ courseListData }}
          >
            <DemoCourseList courseListData={courseListData} />
          </PluginSlot>
        </DemoData.Provider>
      )}
    </Container>
  );
};

DemoDashboard.propTypes = {
  learnerHomeUrl: PropTypes.string.isRequired,
  pageSize: PropTypes.number.isRequired,
  shape: PropTypes.oneOf(['array', 'object']).isRequired,
};

export default DemoDashboard;
