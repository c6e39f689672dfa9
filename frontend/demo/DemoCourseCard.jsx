import React, { useContext } from 'react';
import PropTypes from 'prop-types';
import { PluginSlot } from '@openedx/frontend-plugin-framework';
import {
  ActionRow, Button, Card, Dropdown, Icon, IconButton,
} from '@openedx/paragon';
import MoreVert from '@openedx/paragon/icons/es5/MoreVert';

import DemoData from './DemoData';

// The legacy dashboard's card action slot (frontend-plugin-framework); the frontend-base tests
// give DemoData another one.
const PluginCardActionSlot = ({ cardId }) => (
  <PluginSlot
    id="org.openedx.frontend.learner_dashboard.course_card_action.v1"
    idAliases={['course_card_action_slot']}
    pluginProps={{ cardId }}
  />
);

PluginCardActionSlot.propTypes = { cardId: PropTypes.string.isRequired };

/**
 * A stand-in for the dashboard's CourseCard: it knows only its `cardId` and reads the course
 * from the dashboard's data, has its own action button and ⋮ menu, and renders the real card
 * action slot first in its action row, as frontend-app-learner-dashboard does.
 */
const DemoCourseCard = ({ cardId }) => {
  const { byCardId, CardActionSlot = PluginCardActionSlot } = useContext(DemoData);
  const item = byCardId.get(cardId) || {};
  const { course = {}, courseRun, entitlement } = item;
  const isEntitlement = Boolean(entitlement && Object.keys(entitlement).length);
  return (
    <div className="mb-4 course-card" id={cardId} data-testid="CourseCard">
      <Card orientation="horizontal">
        <Card.Body>
          <Card.Header
            title={<h3 className="h4 mb-0">{courseRun?.homeUrl ? <a className="text-reset" href={courseRun.homeUrl}>{course.courseName}</a> : course.courseName}</h3>}
            actions={(
              <Dropdown>
                <Dropdown.Toggle
                  id={`course-actions-dropdown-${cardId}`}
                  as={IconButton}
                  src={MoreVert}
                  iconAs={Icon}
                  variant="primary"
                  alt="Course actions dropdown"
                />
                <Dropdown.Menu>
                  <Dropdown.Item>Unenroll</Dropdown.Item>
                  <Dropdown.Item>Email settings</Dropdown.Item>
                </Dropdown.Menu>
              </Dropdown>
            )}
          />
          <Card.Section className="pt-0 small">
            {[item.courseProvider?.name, course.courseNumber].filter(Boolean).join(' • ')}
          </Card.Section>
          <Card.Footer>
            <ActionRow data-test-id="CourseCardActions">
              <CardActionSlot cardId={cardId} />
              {isEntitlement && !courseRun
                ? <Button variant="primary" data-testid="demo-card-action">Select session</Button>
                : <Button variant="primary" as="a" href={courseRun?.homeUrl} data-testid="demo-card-action">View course</Button>}
            </ActionRow>
          </Card.Footer>
        </Card.Body>
      </Card>
    </div>
  );
};

DemoCourseCard.propTypes = { cardId: PropTypes.string.isRequired };

export default DemoCourseCard;
