/**
 * The `./app` entry: a frontend-base `App` for sites with @openedx/frontend-app-learner-dashboard
 * (frontend-base's learner dashboard). A site adds it to its apps:
 *
 *   import courseArchiveApp from '@openedx-course-archive/frontend-plugin/app';
 *   const siteConfig = { ..., apps: [..., learnerDashboardApp, courseArchiveApp] };
 *
 * It imports @openedx/frontend-base and Paragon only (no frontend-platform, no
 * frontend-plugin-framework): what differs from the legacy widgets is in platform/frontendBase.js.
 */
import React from 'react';
import PropTypes from 'prop-types';
import { WidgetOperationTypes, useSlotContext } from '@openedx/frontend-base';

import { CourseCardArchiveAction as CardAction } from './CourseCardArchiveAction';
import { CourseListArchive as ListArchive } from './CourseListArchive';
import { withPlatform } from './PlatformContext';
import frontendBase from './platform/frontendBase';
import messages from './messages';

export const APP_ID = 'org.openedx-course-archive.frontend.app.courseArchive';
export const COURSE_LIST_SLOT_ID = 'org.openedx.frontend.slot.learnerDashboard.courseList.v1';
export const COURSE_CARD_ACTION_SLOT_ID = 'org.openedx.frontend.slot.learnerDashboard.courseCardAction.v1';
export const CARD_ACTION_WIDGET_ID = 'org.openedx-course-archive.widget.courseCardAction';
// The widget id frontend-base gives a slot's children (the dashboard's own CourseList).
const DEFAULT_CONTENT = 'defaultContent';

const ListArchiveWithPlatform = withPlatform(frontendBase, ListArchive);

/**
 * Stands in for the course list slot's `defaultContent` (frontend-base has no Wrap operation):
 * the slot's children are the dashboard's own `<CourseList courseListData={...}/>`, which the
 * shared wrapper renders once for the active courses and once for the archived ones, so the
 * dashboard's cards, banners and menus stay.
 */
export const CourseListArchive = ({ courseListData }) => {
  const { children } = useSlotContext();
  const component = React.isValidElement(children) ? children : null;
  return <ListArchiveWithPlatform component={component} pluginProps={{ courseListData }} />;
};

CourseListArchive.propTypes = {
  courseListData: PropTypes.shape({}),
};

/** The card action slot gives `cardId` (`card-<index>` of Learner Home's courses). */
export const CourseCardArchiveAction = withPlatform(frontendBase, CardAction);

const courseArchiveApp = {
  appId: APP_ID,
  slots: [
    {
      slotId: COURSE_LIST_SLOT_ID,
      op: WidgetOperationTypes.REPLACE,
      relatedId: DEFAULT_CONTENT,
      // The same id, so that other apps' operations relative to the default content still apply.
      id: DEFAULT_CONTENT,
      component: CourseListArchive,
    },
    {
      slotId: COURSE_CARD_ACTION_SLOT_ID,
      op: WidgetOperationTypes.APPEND,
      id: CARD_ACTION_WIDGET_ID,
      component: CourseCardArchiveAction,
    },
  ],
};

export { messages };
export default courseArchiveApp;
