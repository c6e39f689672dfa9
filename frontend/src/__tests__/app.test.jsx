/**
 * The `./app` entry: a frontend-base App on the learner dashboard's frontend-base slots
 * (frontend-app-learner-dashboard 1.0.0). The dashboard around it is the demo's stand-in for its
 * CourseList and CourseCard inside frontend-base `Slot`s with the dashboard's ids and props:
 * `courseListData` for the list (its children, the CourseList, are the `defaultContent`) and
 * `cardId` (`card-<index>`) for the card action. See tools/frontend-base-standin.jsx.
 */
import { readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import React from 'react';
import {
  describe, it, expect, vi, beforeEach,
} from 'vitest';
import {
  render, screen, waitFor, within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  IntlProvider, SITE_AUTH_INITIALIZED, Slot, WidgetOperationTypes, configureAuthForTests, publish, setSiteConfig,
} from '@openedx/frontend-base';

import courseArchiveApp, { COURSE_CARD_ACTION_SLOT_ID, COURSE_LIST_SLOT_ID } from '../app';
import DemoCourseList from '../../demo/DemoCourseList';
import DemoData from '../../demo/DemoData';
import {
  LEARNER_HOME_URL, LIST_URL, LMS, archivingDisabledError, makeCourse, makeEntitlement, masterListData, statusRow,
} from './fixtures';

const CardActionSlot = ({ cardId }) => <Slot id={COURSE_CARD_ACTION_SLOT_ID} cardId={cardId} />;

const Dashboard = ({ courseListData, allCourses }) => (
  <IntlProvider locale="en" messages={{}}>
    <DemoData.Provider value={{
      byCardId: new Map(allCourses.map((c) => [c.cardId, c])), filters: [], removeFilter: () => {}, CardActionSlot,
    }}
    >
      <Slot id={COURSE_LIST_SLOT_ID} courseListData={courseListData}>
        <DemoCourseList courseListData={courseListData} />
      </Slot>
    </DemoData.Provider>
  </IntlProvider>
);

const renderDashboard = (courseListData, allCourses = courseListData.visibleList) => {
  const view = render(<Dashboard courseListData={courseListData} allCourses={allCourses} />);
  return { ...view, rerenderWith: (data) => view.rerender(<Dashboard courseListData={data} allCourses={data.visibleList} />) };
};

let client;
let interceptors;
const otherApp = { appId: 'other', slots: [] };
beforeEach(() => {
  interceptors = [];
  client = {
    get: vi.fn(async () => { throw new Error('unexpected GET'); }),
    put: vi.fn(async (url, body) => ({
      data: {
        course_id: decodeURIComponent(url.split('/by-course/')[1].replace(/\/$/, '')),
        is_archived: body.is_archived,
        archive_date: body.is_archived ? '2024-06-01T00:00:00Z' : null,
      },
    })),
    interceptors: { response: { use: vi.fn((handler) => interceptors.push(handler)) } },
  };
  configureAuthForTests({ client, authenticatedUser: { userId: 7, username: 'learner' } });
  setSiteConfig({ lmsBaseUrl: `${LMS}/`, apps: [otherApp, courseArchiveApp] });
  otherApp.slots = [];
  window.innerWidth = 1280;
});

const cards = () => screen.getAllByTestId('CourseCard');
const card = (cardId) => cards().find((node) => node.id === cardId);
const controlsOf = (node) => within(node).queryAllByRole('button', { name: /^(Archive|Unarchive) / });
const archivedToggle = () => screen.getByRole('button', { name: /^Archived/ });
const archivedRegion = () => document.getElementById('course-archive-archived-courses');

const page = () => [
  makeCourse(0, { courseArchive: { isArchived: false, archiveDate: null } }),
  makeCourse(1, { courseArchive: { isArchived: true, archiveDate: '2024-05-01T10:00:00Z' } }),
  makeCourse(2, { courseArchive: { isArchived: false, archiveDate: null } }),
  makeEntitlement(3),
];

describe('the App', () => {
  it('fills the dashboard\'s two frontend-base slots', () => {
    expect(courseArchiveApp.appId).toMatch(/courseArchive$/);
    expect(courseArchiveApp.slots.map(({ slotId, op, relatedId }) => [slotId, op, relatedId])).toEqual([
      ['org.openedx.frontend.slot.learnerDashboard.courseList.v1', WidgetOperationTypes.REPLACE, 'defaultContent'],
      ['org.openedx.frontend.slot.learnerDashboard.courseCardAction.v1', WidgetOperationTypes.APPEND, undefined],
    ]);
  });

  it('keeps every card with its own button and menu, adds one control to each, and counts the archived', () => {
    renderDashboard(masterListData(page()));
    expect(cards().map((node) => node.id)).toEqual(['card-0', 'card-2', 'card-3']);
    cards().forEach((node) => {
      expect(within(node).getByTestId('demo-card-action')).toBeInTheDocument();
      expect(node.querySelector(`#course-actions-dropdown-${node.id}`)).not.toBeNull();
    });
    expect(controlsOf(card('card-0')).map((b) => b.getAttribute('aria-label'))).toEqual(['Archive Course 0']);
    expect(controlsOf(card('card-2')).map((b) => b.getAttribute('aria-label'))).toEqual(['Archive Course 2']);
    expect(controlsOf(card('card-3'))).toEqual([]); // an entitlement without a run
    expect(archivedToggle()).toHaveTextContent('Archived (1)');
    expect(archivedRegion()).not.toBeVisible();
    expect(client.get).not.toHaveBeenCalled();
  });

  it('archives with one PUT to the site\'s LMS and moves the card to the Archived section, made of the dashboard\'s cards', async () => {
    const user = userEvent.setup();
    renderDashboard(masterListData(page()));
    await user.click(within(card('card-0')).getByRole('button', { name: 'Archive Course 0' }));
    expect(client.put).toHaveBeenCalledTimes(1);
    expect(client.put).toHaveBeenCalledWith(
      `${LIST_URL}by-course/${encodeURIComponent('course-v1:edX+C0+2024')}/`,
      { is_archived: true },
    );
    expect(cards().map((node) => node.id)).toEqual(['card-2', 'card-3']);
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (2)'));
    await user.click(archivedToggle());
    const region = archivedRegion();
    const archived = within(region).getAllByTestId('CourseCard');
    expect(archived.map((node) => node.id)).toEqual(['card-0', 'card-1']);
    expect(within(archived[0]).getByTestId('demo-card-action')).toBeInTheDocument();
    await user.click(within(region).getByRole('button', { name: 'Unarchive Course 0' }));
    expect(client.put).toHaveBeenCalledTimes(2);
    expect(client.put).toHaveBeenLastCalledWith(expect.stringContaining('course-v1%3AedX%2BC0%2B2024'), { is_archived: false });
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (1)'));
  });

  it('notes an auto-archived course by its Unarchive button', async () => {
    const user = userEvent.setup();
    renderDashboard(masterListData([
      makeCourse(0, { courseArchive: { isArchived: true, reason: 'auto' }, courseRun: { endDate: '2024-03-02T12:00:00Z' } }),
    ]));
    await user.click(archivedToggle());
    const button = within(archivedRegion()).getByRole('button', { name: 'Unarchive Course 0' });
    expect(button).toHaveAccessibleDescription('Auto-archived: ended March 2, 2024');
  });

  it('loads the status list for the authenticated user when the items carry no courseArchive', async () => {
    client.get.mockResolvedValue({ data: { next: null, results: [statusRow('course-v1:edX+C2+2024')] } });
    renderDashboard(masterListData([makeCourse(0), makeCourse(2)]));
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (1)'));
    expect(client.get).toHaveBeenCalledTimes(1);
    const url = new URL(client.get.mock.calls[0][0]);
    expect(`${url.origin}${url.pathname}`).toBe(LIST_URL);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      is_archived: 'true', page_size: '100', user: '7', org: 'edX',
    });
  });

  it('loads the other pages\' courses once, numbered card-<index> as the dashboard numbers them', async () => {
    const all = [0, 1, 2, 3].map((n) => makeCourse(n, { courseArchive: { isArchived: n === 3 } }));
    client.get.mockImplementation(async (url) => {
      expect(url).toBe(LEARNER_HOME_URL);
      return { data: { courses: all.map(({ cardId, ...course }) => course) } };
    });
    const user = userEvent.setup();
    renderDashboard(masterListData(all.slice(0, 2), { numPages: 2 }), all);
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (1)'));
    await user.click(archivedToggle());
    expect(within(archivedRegion()).getAllByTestId('CourseCard').map((node) => node.id)).toEqual(['card-3']);
    expect(client.get).toHaveBeenCalledTimes(1);
  });

  it('kill switch: the dashboard\'s list untouched, no control, no section, no error', async () => {
    client.get.mockRejectedValue(archivingDisabledError());
    const view = renderDashboard(masterListData([makeCourse(0), makeCourse(1)]));
    await waitFor(() => expect(client.get).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect(cards().map((node) => node.id)).toEqual(['card-0', 'card-1']);
    expect(screen.queryByRole('button', { name: /^(Archive|Unarchive|Archived)/ })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(view.container.querySelector('.course-archive')).toBeNull();
  });

  it('masquerade: the client of frontend-base is watched from SITE_AUTH_INITIALIZED; a ?user= list shows untouched', () => {
    publish(SITE_AUTH_INITIALIZED);
    expect(interceptors).toHaveLength(1);
    const own = [makeCourse(8, { courseArchive: { isArchived: false } })];
    const view = renderDashboard(masterListData(own));
    expect(screen.getByRole('button', { name: 'Archive Course 8' })).toBeInTheDocument();
    const answer = { courses: [makeCourse(0, { courseArchive: { isArchived: true } }), makeCourse(2)] };
    interceptors[0]({ config: { url: `${LEARNER_HOME_URL}?user=learner` }, data: answer });
    view.rerenderWith(masterListData(answer.courses.map((c) => ({ ...c }))));
    expect(cards().map((node) => node.id)).toEqual(['card-0', 'card-2']);
    expect(screen.queryByRole('button', { name: /^(Archive|Unarchive|Archived)/ })).toBeNull();
    view.rerenderWith(masterListData(own));
    expect(screen.getByRole('button', { name: 'Archive Course 8' })).toBeInTheDocument();
    expect(client.put).not.toHaveBeenCalled();
    expect(client.get).not.toHaveBeenCalled();
    expect(interceptors).toHaveLength(1); // installed once on that client
  });

  it('keeps what other apps put in the list slot, before and after the default content', () => {
    otherApp.slots = [
      { slotId: COURSE_LIST_SLOT_ID, op: WidgetOperationTypes.APPEND, id: 'after', element: <p>after the list</p> },
      { slotId: COURSE_LIST_SLOT_ID, op: WidgetOperationTypes.PREPEND, id: 'before', element: <p>before the list</p> },
    ];
    const { container } = renderDashboard(masterListData(page()));
    const text = container.textContent;
    expect(text.indexOf('before the list')).toBeLessThan(text.indexOf('Course 0'));
    expect(text.indexOf('Archived (1)')).toBeLessThan(text.indexOf('after the list'));
  });
});

describe('the import graph of ./app', () => {
  // Every module app.jsx reaches in this package, and the packages they import.
  const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const code = (file) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const importsOf = (file) => [...code(file).matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]/g)]
    .map((match) => match[1] || match[2]);
  const walk = (file, seen = new Set(), packages = new Set()) => {
    if (seen.has(file)) { return packages; }
    seen.add(file);
    importsOf(file).forEach((spec) => {
      if (!spec.startsWith('.')) { packages.add(spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/')); return; }
      const base = join(dirname(file), spec);
      const target = ['', '.js', '.jsx', '/index.js'].map((ext) => `${base}${ext}`).find((path) => existsSync(path) && statSync(path).isFile());
      walk(target, seen, packages);
    });
    return packages;
  };

  it('reaches frontend-base and Paragon, not frontend-platform nor frontend-plugin-framework', () => {
    expect([...walk(join(SRC, 'app.jsx'))].sort()).toEqual(['@openedx/frontend-base', '@openedx/paragon', 'prop-types', 'react']);
  });

  it('the legacy entry reaches frontend-platform, not frontend-base', () => {
    const packages = walk(join(SRC, 'index.js'));
    expect(packages.has('@edx/frontend-platform')).toBe(true);
    expect(packages.has('@openedx/frontend-base')).toBe(false);
  });
});
