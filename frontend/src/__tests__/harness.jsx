/**
 * The dashboard around the widgets, for tests: the real frontend-plugin-framework PluginSlot of
 * the course list (configured by this folder's env.config.jsx), with the demo's stand-ins for
 * the dashboard's CourseList and CourseCard (the card renders the real card action slot).
 */
import React from 'react';
import { render } from '@testing-library/react';
import { mergeConfig } from '@edx/frontend-platform';
import { IntlProvider } from '@edx/frontend-platform/i18n';
import { PluginSlot } from '@openedx/frontend-plugin-framework';

import envConfig from '../../env.config';
import DemoCourseList from '../../demo/DemoCourseList';
import DemoData from '../../demo/DemoData';
import { LMS } from './fixtures';

export const configure = (pluginSlots = envConfig.pluginSlots) => mergeConfig({ LMS_BASE_URL: LMS, pluginSlots });

// A message of the widget's missing from the catalog fails the test; Paragon's own are not shipped here.
const onIntlError = (error) => {
  if (error.code === 'MISSING_TRANSLATION' && !error.descriptor?.id?.startsWith('course-archive.')) { return; }
  throw error;
};

const Dashboard = ({
  courseListData, allCourses, locale = 'en', messages = {},
}) => (
  <IntlProvider locale={locale} messages={messages} onError={onIntlError}>
    <DemoData.Provider value={{ byCardId: new Map(allCourses.map((c) => [c.cardId, c])), filters: [], removeFilter: () => {} }}>
      <PluginSlot
        id="org.openedx.frontend.learner_dashboard.course_list.v1"
        idAliases={['course_list_slot']}
        pluginProps={{ courseListData }}
      >
        <DemoCourseList courseListData={courseListData} />
      </PluginSlot>
    </DemoData.Provider>
  </IntlProvider>
);

/**
 * Renders the list; `allCourses` is the dashboard's whole data (default: the page); `intl`, the
 * locale and catalog (default: English, the source messages).
 */
export const renderDashboard = (courseListData, allCourses = courseListData.visibleList, intl = {}) => {
  const view = render(<Dashboard courseListData={courseListData} allCourses={allCourses} {...intl} />);
  return {
    ...view,
    rerenderWith: (data, all = data.visibleList) => view.rerender(<Dashboard courseListData={data} allCourses={all} />),
  };
};
