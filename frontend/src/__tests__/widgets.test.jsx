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
  LEARNER_HOME_URL, LIST_URL, archivingDisabledError, deferred, makeCourse, makeEntitlement, masterListData, statusRow, ulmoListData,
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
    // The toggle controls the region, which is hidden and empty until opened.
    expect(archivedToggle()).toHaveAttribute('aria-controls', 'course-archive-archived-courses');
    expect(archivedRegion()).not.toBeVisible();
    expect(within(archivedRegion()).queryAllByTestId('CourseCard')).toEqual([]);
    // A real heading holds the toggle.
    expect(screen.getByRole('heading', { name: 'Archived (1)' })).toContainElement(archivedToggle());
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
  it('keeps the card in place, its control aria-disabled and busy, while the request is in flight; one request', async () => {
    const user = userEvent.setup();
    const answer = deferred();
    client.put.mockImplementationOnce(() => answer.promise);
    renderDashboard(masterListData([makeCourse(0, { courseArchive: { isArchived: false } }), makeCourse(2, { courseArchive: { isArchived: false } })]));
    await user.click(within(card('card-0')).getByRole('button', { name: 'Archive Course 0' }));
    const pending = within(card('card-0')).getByRole('button', { name: 'Archiving Course 0…' });
    expect(pending).toHaveAttribute('aria-disabled', 'true');
    expect(pending).toHaveAttribute('aria-busy', 'true');
    expect(pending).toHaveTextContent('Archiving…');
    await user.click(pending);
    expect(client.put).toHaveBeenCalledTimes(1);
    expect(archivedToggle()).toHaveTextContent('Archived (0)');
    await act(async () => { answer.resolve({ data: { is_archived: true, archive_date: '2024-06-01T00:00:00Z' } }); });
    expect(cards().map((node) => node.id)).toEqual(['card-2']);
    expect(archivedToggle()).toHaveTextContent('Archived (1)');
  });

  it('says a failure next to the card and offers Try again, which focus goes to; Try again sends the request again', async () => {
    const user = userEvent.setup();
    client.put.mockRejectedValueOnce(new Error('500'));
    renderDashboard(masterListData([makeCourse(0, { courseArchive: { isArchived: false } }), makeCourse(2, { courseArchive: { isArchived: false } })]));
    await user.click(within(card('card-0')).getByRole('button', { name: 'Archive Course 0' }));
    const alert = await within(card('card-0')).findByRole('alert');
    expect(alert).toHaveTextContent('Could not archive Course 0.');
    const retry = within(card('card-0')).getByRole('button', { name: 'Try again' });
    await waitFor(() => expect(retry).toHaveFocus());
    expect(controlsOf(card('card-0')).map((b) => b.getAttribute('aria-label'))).toEqual(['Archive Course 0']);
    expect(archivedToggle()).toHaveTextContent('Archived (0)');
    await user.keyboard('{Enter}');
    expect(client.put).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (1)'));
    expect(screen.queryByText('Could not archive Course 0.')).toBeNull();
  });

  it('loads the status list once when the items carry no courseArchive, scoped to the orgs of the cards', async () => {
    client.get.mockImplementation(async () => (
      { data: { count: 1, next: null, results: [statusRow('course-v1:edX+C2+2024')] } }
    ));
    renderDashboard(masterListData([makeCourse(0, { org: 'MITx' }), makeCourse(2), makeCourse(4, { org: 'MITx' })]));
    // The section waits for the statuses (the kill switch may yet say to show nothing).
    expect(screen.queryByRole('button', { name: /^Archived/ })).toBeNull();
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (1)'));
    expect(cards().map((node) => node.id)).toEqual(['card-0', 'card-4']);
    expect(client.get).toHaveBeenCalledTimes(1);
    const url = new URL(client.get.mock.calls[0][0]);
    expect(`${url.origin}${url.pathname}`).toBe(LIST_URL);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      is_archived: 'true', page_size: '100', user: '7', org: 'MITx,edX',
    });
  });

  it('scopes the status list to the orgs of every page when the list has more than one', async () => {
    const all = [makeCourse(0), makeCourse(1, { org: 'HarvardX' }), makeCourse(2, { org: 'MITx' })];
    const statusUrls = [];
    client.get.mockImplementation(async (url) => {
      if (url === LEARNER_HOME_URL) { return { data: { courses: all } }; }
      statusUrls.push(new URL(url));
      return { data: { next: null, results: [statusRow('course-v1:MITx+C2+2024')] } };
    });
    renderDashboard(masterListData([all[0]], { numPages: 2 }), all);
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (1)'));
    expect(statusUrls.map((url) => url.searchParams.get('org'))).toEqual(['HarvardX,MITx,edX']);
    expect(client.get).toHaveBeenCalledTimes(2);
  });

  it('loads the statuses of a new org when a course of it appears, and not again for a filter', async () => {
    client.get.mockResolvedValue({ data: { next: null, results: [] } });
    const view = renderDashboard(masterListData([makeCourse(0)]));
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (0)'));
    view.rerenderWith(masterListData([makeCourse(0), makeCourse(1, { org: 'MITx' })]));
    await waitFor(() => expect(client.get).toHaveBeenCalledTimes(2));
    view.rerenderWith(masterListData([makeCourse(1, { org: 'MITx' })]));
    await act(async () => {});
    expect(client.get.mock.calls.map(([url]) => new URL(url).searchParams.get('org'))).toEqual(['edX', 'MITx,edX']);
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

describe('kill switch (waffle flag course_archive.disabled)', () => {
  // With the flag on, Learner Home's items carry no courseArchive, and the status list is refused.
  const page = () => [makeCourse(0), makeCourse(1), makeEntitlement(2)];

  const withoutPlugin = () => {
    configure({});
    const view = renderDashboard(masterListData(page()));
    const html = view.container.innerHTML;
    view.unmount();
    configure();
    return html;
  };

  it('flag off: the status list answers, the cards get their controls and the section its count', async () => {
    client.get.mockResolvedValue({ data: { next: null, results: [statusRow('course-v1:edX+C1+2024')] } });
    renderDashboard(masterListData(page()));
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (1)'));
    expect(controlsOf(card('card-0')).map((b) => b.getAttribute('aria-label'))).toEqual(['Archive Course 0']);
  });

  it('flag on: renders the dashboard\'s own list exactly as without the plugin, after one request', async () => {
    const expected = withoutPlugin();
    const answer = deferred();
    client.get.mockImplementation(() => answer.promise);
    const view = renderDashboard(masterListData(page()));
    // Before the answer: the dashboard's cards, no control, no section.
    expect(cards().map((node) => node.id)).toEqual(['card-0', 'card-1', 'card-2']);
    expect(screen.queryAllByRole('button', { name: /^(Archive|Unarchive|Archived)/ })).toEqual([]);
    await act(async () => { answer.reject(archivingDisabledError()); });
    expect(view.container.innerHTML).toBe(expected);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    await act(async () => {});
    expect(client.get).toHaveBeenCalledTimes(1);
    expect(client.put).not.toHaveBeenCalled();
  });

  it('flag on, more than one page: the list untouched, one Learner Home and one status request', async () => {
    const all = [makeCourse(0), makeCourse(1)];
    client.get.mockImplementation(async (url) => {
      if (url === LEARNER_HOME_URL) { return { data: { courses: all } }; }
      throw archivingDisabledError();
    });
    renderDashboard(masterListData([all[0]], { numPages: 2 }), all);
    await waitFor(() => expect(client.get).toHaveBeenCalledTimes(2));
    await act(async () => {});
    expect(cards().map((node) => node.id)).toEqual(['card-0']);
    expect(screen.queryAllByRole('button', { name: /^(Archive|Unarchive|Archived)/ })).toEqual([]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('another 403 is a load failure, with its warning; Try again loads the list again', async () => {
    const user = userEvent.setup();
    client.get.mockRejectedValueOnce(Object.assign(new Error('403'), {
      response: { status: 403, data: { detail: 'You do not have permission to perform this action.' } },
    }));
    client.get.mockResolvedValueOnce({ data: { next: null, results: [statusRow('course-v1:edX+C1+2024')] } });
    renderDashboard(masterListData(page()));
    expect(await screen.findByText('We could not load your archived courses.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (1)'));
    expect(screen.queryByText('We could not load your archived courses.')).toBeNull();
    expect(client.get).toHaveBeenCalledTimes(2);
  });

  it('a write refused by the switch (staff may still read the list) removes the widgets, with no error', async () => {
    const user = userEvent.setup();
    const expected = withoutPlugin();
    client.get.mockResolvedValue({ data: { next: null, results: [] } });
    client.put.mockRejectedValue(archivingDisabledError());
    const view = renderDashboard(masterListData(page()));
    await user.click(await screen.findByRole('button', { name: 'Archive Course 0' }));
    expect(client.put).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(view.container.innerHTML).toBe(expected));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('auto-archive (courseArchive.reason)', () => {
  const auto = {
    isArchived: true, archiveDate: '2024-04-01T00:00:00Z', reason: 'auto',
  };
  const page = () => [
    makeCourse(0, { courseArchive: { isArchived: false, archiveDate: null, reason: null } }),
    makeCourse(1, { courseArchive: auto, courseRun: { endDate: '2024-03-02T12:00:00Z' } }),
    makeCourse(2, { courseArchive: { isArchived: true, archiveDate: '2024-05-01T10:00:00Z', reason: 'learner' } }),
  ];
  const noteOf = (node) => node.querySelector('[data-course-archive-note]');

  it.each([
    ['master', masterListData],
    ['ulmo', ulmoListData],
  ])('lists an auto-archived course under Archived with a note saying why (%s)', async (_, listData) => {
    const user = userEvent.setup();
    renderDashboard(listData(page()));
    expect(cards().map((node) => node.id)).toEqual(['card-0']);
    expect(archivedToggle()).toHaveTextContent('Archived (2)');
    await user.click(archivedToggle());
    const region = archivedRegion();
    const autoCard = within(region).getAllByTestId('CourseCard').find((node) => node.id === 'card-1');
    expect(noteOf(autoCard)).toHaveTextContent('Auto-archived: ended March 2, 2024');
    const unarchive = within(autoCard).getByRole('button', { name: 'Unarchive Course 1' });
    expect(unarchive).toHaveAccessibleDescription('Auto-archived: ended March 2, 2024');
    // The learner's own archive shows its date as text (touch screens show no tooltip).
    const ownCard = within(region).getAllByTestId('CourseCard').find((node) => node.id === 'card-2');
    expect(noteOf(ownCard)).toHaveTextContent('Archived on May 1, 2024');
    expect(noteOf(ownCard)).toHaveAttribute('data-course-archive-note', 'date');
    expect(client.get).not.toHaveBeenCalled();
  });

  it('on a narrow card, says it in two short lines with the date it was archived', async () => {
    const user = userEvent.setup();
    window.innerWidth = 375;
    renderDashboard(masterListData(page()));
    await user.click(archivedToggle());
    const autoCard = within(archivedRegion()).getAllByTestId('CourseCard').find((node) => node.id === 'card-1');
    expect(noteOf(autoCard)).toHaveTextContent(/^Auto-archived Apr 1, 2024$/);
    expect(within(autoCard).getByRole('button', { name: 'Unarchive Course 1' })).toHaveAccessibleDescription('Auto-archived Apr 1, 2024');
  });

  it('says it ended, without a date, when the run has no end date', async () => {
    const user = userEvent.setup();
    renderDashboard(masterListData([makeCourse(1, { courseArchive: auto })]));
    await user.click(archivedToggle());
    expect(noteOf(archivedRegion())).toHaveTextContent('Auto-archived: course ended');
  });

  it('Unarchive sends one PUT and moves the card to the active list; archiving again is an ordinary archive', async () => {
    const user = userEvent.setup();
    renderDashboard(masterListData(page()));
    await user.click(archivedToggle());
    await user.click(within(archivedRegion()).getByRole('button', { name: 'Unarchive Course 1' }));
    expect(client.put).toHaveBeenCalledTimes(1);
    expect(client.put).toHaveBeenCalledWith(
      `${LIST_URL}by-course/${encodeURIComponent('course-v1:edX+C1+2024')}/`,
      { is_archived: false },
    );
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (1)'));
    expect(cards().filter((node) => !archivedRegion().contains(node)).map((node) => node.id)).toEqual(['card-0', 'card-1']);
    expect(noteOf(card('card-1'))).toBeNull();
    // Archived again by the learner: one PUT, under Archived, with the date of the answer.
    await user.click(within(card('card-1')).getByRole('button', { name: 'Archive Course 1' }));
    expect(client.put).toHaveBeenCalledTimes(2);
    expect(client.put).toHaveBeenLastCalledWith(expect.stringContaining('course-v1%3AedX%2BC1%2B2024'), { is_archived: true });
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (2)'));
    const again = within(archivedRegion()).getAllByTestId('CourseCard').find((node) => node.id === 'card-1');
    expect(within(again).getByRole('button', { name: 'Unarchive Course 1' })).toBeInTheDocument();
    expect(noteOf(again)).toHaveTextContent('Archived on June 1, 2024');
  });

  it('a failed Unarchive puts the course back under Archived with its note', async () => {
    const user = userEvent.setup();
    client.put.mockRejectedValueOnce(new Error('500'));
    renderDashboard(masterListData(page()));
    await user.click(archivedToggle());
    await user.click(within(archivedRegion()).getByRole('button', { name: 'Unarchive Course 1' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not unarchive Course 1.');
    expect(archivedToggle()).toHaveTextContent('Archived (2)');
    const back = within(archivedRegion()).getAllByTestId('CourseCard').find((node) => node.id === 'card-1');
    expect(noteOf(back)).toHaveTextContent('Auto-archived: ended March 2, 2024');
  });
});
