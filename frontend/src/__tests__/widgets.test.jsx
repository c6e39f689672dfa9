import {
  describe, it, expect, vi, beforeEach,
} from 'vitest';
import {
  act, screen, waitFor, within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getAuthenticatedHttpClient } from '@edx/frontend-platform/auth';

import envConfig from '../../env.config';
import { COURSE_CARD_ACTION_SLOT } from '../pluginSlots';
import { configure, renderDashboard } from './harness';
import {
  LEARNER_HOME_URL, LIST_URL, deferred, makeCourse, makeEntitlement, masterListData, statusRow, ulmoListData,
} from './fixtures';

vi.mock('@edx/frontend-platform/auth', () => ({
  getAuthenticatedHttpClient: vi.fn(),
  getAuthenticatedUser: vi.fn(() => ({ userId: 7 })),
}));

let client;
let interceptors;
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
  getAuthenticatedHttpClient.mockReturnValue(client);
  window.innerWidth = 1280;
  configure();
});

const cards = () => screen.getAllByTestId('CourseCard');
const card = (cardId) => cards().find((node) => node.id === cardId);
const controlsOf = (node) => within(node).queryAllByRole('button', { name: /^(Archive|Unarchive) / });
const archivedToggle = () => screen.getByRole('button', { name: /^Archived/ });
const archivedRegion = () => document.getElementById('course-archive-archived-courses');

describe.each([
  ['verawood / master (filterOptions: array)', masterListData],
  ['teak / ulmo (filterOptions: object)', ulmoListData],
])('on the dashboard of %s', (_, listData) => {
  const page = () => [
    makeCourse(0, { courseArchive: { isArchived: false, archiveDate: null } }),
    makeCourse(1, { courseArchive: { isArchived: true, archiveDate: '2024-05-01T10:00:00Z' } }),
    makeCourse(2, { courseArchive: { isArchived: false, archiveDate: null } }),
    makeEntitlement(3),
  ];

  it('keeps every card with its own button and menu, adds one control to each, and counts the archived', async () => {
    renderDashboard(listData(page()));
    expect(cards().map((node) => node.id)).toEqual(['card-0', 'card-2', 'card-3']);
    cards().forEach((node) => {
      expect(within(node).getByTestId('demo-card-action')).toBeInTheDocument();
      expect(node.querySelector(`#course-actions-dropdown-${node.id}`)).not.toBeNull();
    });
    expect(controlsOf(card('card-0')).map((b) => b.getAttribute('aria-label'))).toEqual(['Archive Course 0']);
    expect(controlsOf(card('card-2')).map((b) => b.getAttribute('aria-label'))).toEqual(['Archive Course 2']);
    // The entitlement has no run to archive: no control, and nothing broke.
    expect(controlsOf(card('card-3'))).toEqual([]);
    expect(within(card('card-3')).getByText('Select session')).toBeInTheDocument();
    // Counted before it is opened; its cards are not rendered until then.
    expect(archivedToggle()).toHaveTextContent('Archived (1)');
    expect(archivedToggle()).toHaveAttribute('aria-expanded', 'false');
    expect(archivedRegion()).toBeNull();
    // The items carry courseArchive and the list has one page: nothing to load.
    expect(client.get).not.toHaveBeenCalled();
  });

  it('lists the archived courses on the dashboard\'s own cards, without chips or pagination', async () => {
    const user = userEvent.setup();
    renderDashboard(listData(page(), { filters: ['notStarted'], numPages: 1 }));
    await user.click(archivedToggle());
    expect(archivedToggle()).toHaveAttribute('aria-expanded', 'true');
    const region = archivedRegion();
    const archivedCards = within(region).getAllByTestId('CourseCard');
    expect(archivedCards.map((node) => node.id)).toEqual(['card-1']);
    expect(within(archivedCards[0]).getByTestId('demo-card-action')).toBeInTheDocument();
    expect(controlsOf(archivedCards[0]).map((b) => b.getAttribute('aria-label'))).toEqual(['Unarchive Course 1']);
    // The dashboard's chips once, above the active courses.
    expect(screen.getAllByTestId('demo-active-filters')).toHaveLength(1);
    expect(within(region).queryByTestId('demo-active-filters')).toBeNull();
  });

  it('archives with one PUT and moves the card at once; unarchives it back', async () => {
    const user = userEvent.setup();
    renderDashboard(listData(page()));
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
    expect(within(region).getAllByTestId('CourseCard').map((node) => node.id)).toEqual(['card-0', 'card-1']);
    await user.click(within(region).getByRole('button', { name: 'Unarchive Course 0' }));
    expect(client.put).toHaveBeenCalledTimes(2);
    expect(client.put).toHaveBeenLastCalledWith(expect.stringContaining('course-v1%3AedX%2BC0%2B2024'), { is_archived: false });
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (1)'));
    expect(controlsOf(card('card-0')).map((b) => b.getAttribute('aria-label'))).toEqual(['Archive Course 0']);
  });
});

describe('requests', () => {
  it('sends one request per course while one is in flight, and undoes a failed change', async () => {
    const user = userEvent.setup();
    const answer = deferred();
    client.put.mockImplementationOnce(() => answer.promise);
    renderDashboard(masterListData([makeCourse(0, { courseArchive: { isArchived: false } }), makeCourse(2, { courseArchive: { isArchived: false } })]));
    await user.click(within(card('card-0')).getByRole('button', { name: 'Archive Course 0' }));
    // Moved at once; its Unarchive waits for the answer (disabled), so a second click sends nothing.
    await user.click(archivedToggle());
    const pending = within(archivedRegion()).getByRole('button', { name: 'Unarchive Course 0' });
    expect(pending).toBeDisabled();
    await user.click(pending);
    expect(client.put).toHaveBeenCalledTimes(1);
    await act(async () => { answer.reject(new Error('500')); });
    expect(screen.getByRole('alert')).toHaveTextContent('We could not archive Course 0. Please try again.');
    expect(controlsOf(card('card-0')).map((b) => b.getAttribute('aria-label'))).toEqual(['Archive Course 0']);
    expect(archivedToggle()).toHaveTextContent('Archived (0)');
  });

  it('loads the status list once when the items carry no courseArchive', async () => {
    client.get.mockImplementation(async (url) => {
      expect(url).toBe(`${LIST_URL}?is_archived=true&page_size=100&user=7`);
      return { data: { count: 1, next: null, results: [statusRow('course-v1:edX+C2+2024')] } };
    });
    renderDashboard(masterListData([makeCourse(0), makeCourse(2)]));
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (1)'));
    expect(cards().map((node) => node.id)).toEqual(['card-0']);
    expect(client.get).toHaveBeenCalledTimes(1);
  });

  it('lists archived courses of every page, with the dashboard\'s filters, from one Learner Home request', async () => {
    const user = userEvent.setup();
    const all = [0, 1, 2, 3, 4, 5].map((n) => makeCourse(n, { courseArchive: { isArchived: n === 1 || n === 4 || n === 5 } }));
    // The server's answer has no card ids: the dashboard numbers them by position.
    client.get.mockImplementation(async (url) => {
      expect(url).toBe(LEARNER_HOME_URL);
      return { data: { courses: all.map(({ cardId, ...course }) => course) } };
    });
    // Page 1 of 2 with the "In progress" filter (even numbers have started).
    const page1 = [all[0], all[2]];
    renderDashboard(masterListData(page1, { filters: ['inProgress'], numPages: 2 }), all);
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (1)'));
    await user.click(archivedToggle());
    // Course 4 is on another page and in progress; 1 and 5 have not started.
    expect(within(archivedRegion()).getAllByTestId('CourseCard').map((node) => node.id)).toEqual(['card-4']);
    expect(client.get).toHaveBeenCalledTimes(1);
  });

  it('falls back to the page when the dashboard numbers its cards otherwise', async () => {
    const all = [makeCourse(0, { courseArchive: { isArchived: false } }), makeCourse(1, { courseArchive: { isArchived: true } })];
    client.get.mockResolvedValue({ data: { courses: [all[1], all[0]] } }); // another order: card-0 is not C0
    renderDashboard(masterListData([all[0]], { numPages: 2 }), all);
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (0)'));
  });
});

describe('masquerade', () => {
  it('shows the list untouched and sends nothing while the list shown came with ?user=', async () => {
    const own = [makeCourse(8, { courseArchive: { isArchived: false } })];
    const view = renderDashboard(masterListData(own));
    expect(screen.getByRole('button', { name: 'Archive Course 8' })).toBeInTheDocument();
    // Staff masquerade: the dashboard loads the learner's list through frontend-platform's client...
    expect(interceptors).toHaveLength(1);
    const answer = { courses: [makeCourse(0, { courseArchive: { isArchived: true } }), makeCourse(2)] };
    interceptors[0]({ config: { url: `${LEARNER_HOME_URL}?user=learner` }, data: answer });
    // ...and shows it, as shallow copies with card ids.
    view.rerenderWith(masterListData(answer.courses.map((c) => ({ ...c }))));
    expect(cards().map((node) => node.id)).toEqual(['card-0', 'card-2']);
    expect(screen.queryByRole('button', { name: /^(Archive|Unarchive)/ })).toBeNull();
    // Masquerade cleared: the staff member's own list, controls back.
    view.rerenderWith(masterListData(own));
    expect(screen.getByRole('button', { name: 'Archive Course 8' })).toBeInTheDocument();
    expect(client.put).not.toHaveBeenCalled();
    expect(client.get).not.toHaveBeenCalled();
  });
});

describe('without the list wrapper', () => {
  it('renders no control on a card', () => {
    configure({ [COURSE_CARD_ACTION_SLOT]: envConfig.pluginSlots[COURSE_CARD_ACTION_SLOT] });
    renderDashboard(masterListData([makeCourse(0, { courseArchive: { isArchived: false } })]));
    expect(cards()).toHaveLength(1);
    expect(within(cards()[0]).getByTestId('demo-card-action')).toBeInTheDocument();
    expect(controlsOf(cards()[0])).toEqual([]);
  });
});

describe('the dashboard\'s breakpoint', () => {
  it.each([[800, true], [1280, false]])('at %ipx the control is small: %s', (width, small) => {
    window.innerWidth = width;
    renderDashboard(masterListData([makeCourse(0, { courseArchive: { isArchived: false } })]));
    expect(screen.getByRole('button', { name: 'Archive Course 0' }).classList.contains('btn-sm')).toBe(small);
  });
});
