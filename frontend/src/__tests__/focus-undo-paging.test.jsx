import {
  describe, it, expect, vi, beforeEach,
} from 'vitest';
import {
  screen, waitFor, within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getAuthenticatedHttpClient } from '@edx/frontend-platform/auth';

import translations from '../i18n';
import { configure, renderDashboard } from './harness';
import {
  LEARNER_HOME_URL, deferred, makeCourse, masterListData, ulmoListData,
} from './fixtures';

vi.mock('@edx/frontend-platform/auth', () => ({
  getAuthenticatedHttpClient: vi.fn(),
  getAuthenticatedUser: vi.fn(() => ({ userId: 7 })),
}));

let client;
beforeEach(() => {
  client = {
    get: vi.fn(async () => { throw new Error('unexpected GET'); }),
    put: vi.fn(async (url, body) => ({
      data: { is_archived: body.is_archived, archive_date: body.is_archived ? '2024-06-01T00:00:00Z' : null },
    })),
    interceptors: { response: { use: vi.fn() } },
  };
  getAuthenticatedHttpClient.mockReturnValue(client);
  window.innerWidth = 1280;
  configure();
});

const archivedRegion = () => document.getElementById('course-archive-archived-courses');
const activeCards = () => screen.getAllByTestId('CourseCard').filter((node) => !archivedRegion()?.contains(node));
const archivedToggle = () => screen.getByRole('button', { name: /^Archived/ });
const control = (name) => screen.getByRole('button', { name });
const status = (n, archived) => ({ courseArchive: { isArchived: archived, archiveDate: archived ? '2024-05-01T10:00:00Z' : null } });

describe('focus', () => {
  const courses = () => [0, 1, 2].map((n) => makeCourse(n, status(n, false)));

  it('goes to the next card\'s control after an archive, to the one before after the last, then to the Archived toggle', async () => {
    const user = userEvent.setup();
    // The dashboard shows the newest enrollment first: card-2, card-1, card-0.
    renderDashboard(masterListData(courses().reverse()));
    await user.click(control('Archive Course 1'));
    await waitFor(() => expect(control('Archive Course 0')).toHaveFocus());
    await user.keyboard('{Enter}');
    await waitFor(() => expect(control('Archive Course 2')).toHaveFocus());
    await user.keyboard('{Enter}');
    await waitFor(() => expect(archivedToggle()).toHaveFocus());
    expect(archivedToggle()).toHaveTextContent('Archived (3)');
  });

  it('goes to the next archived card\'s control after an unarchive, then to the Archived toggle', async () => {
    const user = userEvent.setup();
    renderDashboard(masterListData([makeCourse(1, status(1, true)), makeCourse(0, status(0, true))]));
    await user.click(archivedToggle());
    await user.click(control('Unarchive Course 1'));
    await waitFor(() => expect(control('Unarchive Course 0')).toHaveFocus());
    await user.keyboard('{Enter}');
    await waitFor(() => expect(archivedToggle()).toHaveFocus());
    expect(activeCards().map((node) => node.id)).toEqual(['card-1', 'card-0']);
  });
});

describe('focus after Try again', () => {
  it('goes where it goes after a click: the next card\'s control', async () => {
    const user = userEvent.setup();
    client.put.mockRejectedValueOnce(new Error('500'));
    renderDashboard(masterListData([2, 1, 0].map((n) => makeCourse(n, status(n, false)))));
    await user.click(control('Archive Course 1'));
    const retry = await screen.findByRole('button', { name: 'Try again' });
    await waitFor(() => expect(retry).toHaveFocus());
    await user.keyboard('{Enter}');
    await waitFor(() => expect(control('Archive Course 0')).toHaveFocus());
    expect(activeCards().map((node) => node.id)).toEqual(['card-2', 'card-0']);
  });
});

describe('undo', () => {
  it('names the course in a toast; Undo sends one request, puts the course back where it was and focuses its control', async () => {
    const user = userEvent.setup();
    renderDashboard(ulmoListData([2, 1, 0].map((n) => makeCourse(n, status(n, false)))));
    await user.click(control('Archive Course 1'));
    const toast = await screen.findByText('Course 1 was moved to Archived.');
    expect(toast.closest('[role="alert"]')).not.toBeNull();
    expect(activeCards().map((node) => node.id)).toEqual(['card-2', 'card-0']);
    // By keyboard: Tab from the focused control reaches Undo in the toast (the last thing on the page).
    const undo = screen.getByRole('button', { name: 'Undo' });
    undo.focus();
    await user.keyboard('{Enter}');
    expect(client.put).toHaveBeenCalledTimes(2);
    expect(client.put).toHaveBeenLastCalledWith(expect.stringContaining('C1'), { is_archived: false });
    await waitFor(() => expect(activeCards().map((node) => node.id)).toEqual(['card-2', 'card-1', 'card-0']));
    await waitFor(() => expect(control('Archive Course 1')).toHaveFocus());
    expect(screen.getByRole('status')).toHaveTextContent('Course 1 was moved back to your active courses.');
    expect(screen.queryByText('Course 1 was moved to Archived.')).toBeNull();
    expect(archivedToggle()).toHaveTextContent('Archived (0)');
  });

  it('while the toast is shown, a control focused under it is scrolled up above it', async () => {
    const user = userEvent.setup();
    const bottom = window.innerHeight;
    const rect = HTMLElement.prototype.getBoundingClientRect;
    // The toast over the window's last 120 px; Course 0's control under it.
    const spy = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function box() {
      if (this.hasAttribute('data-course-archive-toast')) {
        return {
          top: bottom - 120, bottom: bottom - 20, left: 20, right: 420,
        };
      }
      if (this.getAttribute('aria-label') === 'Archive Course 0') {
        return {
          top: bottom - 100, bottom: bottom - 56, left: 100, right: 200,
        };
      }
      return rect.call(this);
    });
    const scrollBy = vi.spyOn(window, 'scrollBy').mockImplementation(() => {});
    try {
      renderDashboard(masterListData([2, 1, 0].map((n) => makeCourse(n, status(n, false)))));
      await user.click(control('Archive Course 2'));
      await screen.findByText('Course 2 was moved to Archived.');
      control('Archive Course 0').focus();
      await waitFor(() => expect(scrollBy).toHaveBeenCalledWith(0, 72), { timeout: 3000 });
      // A space as tall as the toast covers ends the widget, so the last controls can scroll above it.
      const space = () => document.querySelector('[data-course-archive-toast-space]');
      await waitFor(() => expect(space()).toHaveStyle({ height: '128px' }), { timeout: 3000 });
      await user.click(screen.getByRole('button', { name: 'Close' }));
      await waitFor(() => expect(space()).toBeNull());
      scrollBy.mockClear();
      control('Archive Course 1').focus();
      control('Archive Course 0').focus();
      await new Promise((resolve) => { setTimeout(resolve, 50); });
      expect(scrollBy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      scrollBy.mockRestore();
    }
  });

  it('an Undo whose course a filter now hides leaves focus on a control, not on the page', async () => {
    const user = userEvent.setup();
    const courses = [2, 1, 0].map((n) => makeCourse(n, status(n, false)));
    const view = renderDashboard(masterListData(courses));
    await user.click(control('Archive Course 1'));
    await screen.findByText('Course 1 was moved to Archived.');
    // "In progress": the even courses; Course 1 has not started.
    view.rerenderWith(masterListData([courses[0], courses[2]], { filters: ['inProgress'] }), courses);
    const undo = screen.getByRole('button', { name: 'Undo' });
    undo.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(control('Archive Course 2')).toHaveFocus());
    expect(client.put).toHaveBeenCalledTimes(2);
  });

  it('a failed Undo says so next to the card, with Try again focused', async () => {
    const user = userEvent.setup();
    renderDashboard(masterListData([1, 0].map((n) => makeCourse(n, status(n, false)))));
    await user.click(control('Archive Course 1'));
    client.put.mockRejectedValueOnce(new Error('500'));
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Try again' })).toHaveFocus());
    expect(screen.getByText('Could not unarchive Course 1.')).toBeInTheDocument();
  });
});

describe('pages of active courses only', () => {
  // 12 courses, newest first: card-11 … card-0; the dashboard's pages of 5; card-11 … card-8 archived.
  const all = () => Array.from({ length: 12 }, (_, n) => makeCourse(n, status(n, n >= 8)));
  const dashboardPage = (list) => [...list].reverse().slice(0, 5);

  it.each([
    ['master', masterListData],
    ['ulmo', ulmoListData],
  ])('fills the page with active courses of later pages, and pages over them (%s)', async (_, listData) => {
    const user = userEvent.setup();
    const courses = all();
    client.get.mockImplementation(async (url) => {
      if (url === LEARNER_HOME_URL) { return { data: { courses } }; }
      throw new Error(`unexpected GET ${url}`);
    });
    renderDashboard(listData(dashboardPage(courses), { numPages: 3 }), courses);
    await waitFor(() => expect(activeCards().map((node) => node.id)).toEqual(['card-7', 'card-6', 'card-5', 'card-4', 'card-3']));
    expect(archivedToggle()).toHaveTextContent('Archived (4)');
    const pagination = screen.getByRole('navigation', { name: 'Course List' });
    expect(within(pagination).getAllByRole('button', { name: /^Page \d/ }).length).toBe(2);
    // Archiving keeps the page full: the next active course comes up.
    await user.click(control('Archive Course 7'));
    await waitFor(() => expect(activeCards().map((node) => node.id)).toEqual(['card-6', 'card-5', 'card-4', 'card-3', 'card-2']));
    await user.click(within(screen.getByRole('navigation', { name: 'Course List' })).getByRole('button', { name: /Next/ }));
    expect(activeCards().map((node) => node.id)).toEqual(['card-1', 'card-0']);
  });

  it('pages the Archived section when it is longer than a page, with its own navigation', async () => {
    const user = userEvent.setup();
    const courses = Array.from({ length: 12 }, (_, n) => makeCourse(n, status(n, n >= 2)));
    client.get.mockImplementation(async (url) => {
      if (url === LEARNER_HOME_URL) { return { data: { courses } }; }
      throw new Error(`unexpected GET ${url}`);
    });
    renderDashboard(masterListData(dashboardPage(courses), { numPages: 3 }), courses);
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (10)'));
    expect(activeCards().map((node) => node.id)).toEqual(['card-1', 'card-0']);
    await user.click(archivedToggle());
    const region = archivedRegion();
    expect(within(region).getAllByTestId('CourseCard').map((node) => node.id)).toEqual(['card-11', 'card-10', 'card-9', 'card-8', 'card-7']);
    const nav = within(region).getByRole('navigation', { name: 'Archived courses pages' });
    await user.click(within(nav).getByRole('button', { name: /Next/ }));
    expect(within(region).getAllByTestId('CourseCard').map((node) => node.id)).toEqual(['card-6', 'card-5', 'card-4', 'card-3', 'card-2']);
    expect(within(region).queryByRole('navigation', { name: 'Course List' })).toBeNull();
  });
});

describe('undo across pages', () => {
  // 12 active courses, newest first: card-11 … card-0; the dashboard's pages of 5.
  const setup = (listData = masterListData) => {
    const courses = Array.from({ length: 12 }, (_, n) => makeCourse(n, status(n, false)));
    client.get.mockImplementation(async (url) => {
      if (url === LEARNER_HOME_URL) { return { data: { courses } }; }
      throw new Error(`unexpected GET ${url}`);
    });
    const page1 = [...courses].reverse().slice(0, 5);
    return { courses, view: renderDashboard(listData(page1, { numPages: 3 }), courses) };
  };
  const nav = () => screen.getByRole('navigation', { name: 'Course List' });
  const currentPage = () => within(nav()).getByRole('button', { name: /Current Page/ });

  it.each([
    ['master', masterListData],
    ['ulmo', ulmoListData],
  ])('shows the page the course went back to, with focus on its control, and says so (%s)', async (_, listData) => {
    const user = userEvent.setup();
    setup(listData);
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (0)'));
    await user.click(within(nav()).getByRole('button', { name: /Next/ }));
    expect(activeCards().map((node) => node.id)).toEqual(['card-6', 'card-5', 'card-4', 'card-3', 'card-2']);
    await user.click(control('Archive Course 6'));
    await screen.findByText('Course 6 was moved to Archived.');
    // The learner pages on before pressing Undo.
    await user.click(within(nav()).getByRole('button', { name: /Next/ }));
    expect(activeCards().map((node) => node.id)).toEqual(['card-0']);
    expect(currentPage()).toHaveTextContent('3');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(control('Archive Course 6')).toHaveFocus());
    expect(activeCards().map((node) => node.id)).toEqual(['card-6', 'card-5', 'card-4', 'card-3', 'card-2']);
    expect(currentPage()).toHaveTextContent('2');
    expect(screen.getByRole('status')).toHaveTextContent('Course 6 was moved back to your active courses, page 2.');
    expect(client.put).toHaveBeenCalledTimes(2);
    // The pagination is the widget's: the dashboard's own is not rendered besides it.
    expect(screen.getAllByRole('navigation')).toHaveLength(1);
  });

  it('an Undo of an unarchive shows the Archived page the course went back to', async () => {
    const user = userEvent.setup();
    // 12 archived courses: the Archived section has pages of 5.
    const courses = Array.from({ length: 12 }, (_, n) => makeCourse(n, status(n, true)));
    client.get.mockImplementation(async (url) => {
      if (url === LEARNER_HOME_URL) { return { data: { courses } }; }
      throw new Error(`unexpected GET ${url}`);
    });
    renderDashboard(masterListData([...courses].reverse().slice(0, 5), { numPages: 3 }), courses);
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (12)'));
    await user.click(archivedToggle());
    const archivedNav = () => within(archivedRegion()).getByRole('navigation', { name: 'Archived courses pages' });
    await user.click(within(archivedNav()).getByRole('button', { name: /Next/ }));
    await user.click(control('Unarchive Course 6'));
    await screen.findByText('Course 6 was moved back to your active courses.');
    await user.click(within(archivedNav()).getByRole('button', { name: /Next/ }));
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(control('Unarchive Course 6')).toHaveFocus());
    expect(within(archivedNav()).getByRole('button', { name: /Current Page/ })).toHaveTextContent('2');
    expect(screen.getByRole('status')).toHaveTextContent('Course 6 was moved back to Archived, page 2.');
  });

  it('the pagination is translated, its buttons\' names too (Paragon\'s own are English only)', async () => {
    const courses = Array.from({ length: 12 }, (_, n) => makeCourse(n, status(n, false)));
    client.get.mockImplementation(async (url) => {
      if (url === LEARNER_HOME_URL) { return { data: { courses } }; }
      throw new Error(`unexpected GET ${url}`);
    });
    renderDashboard(masterListData([...courses].reverse().slice(0, 5), { numPages: 3 }), courses, { locale: 'es', messages: translations.es });
    const spanishNav = await screen.findByRole('navigation', { name: 'Lista de cursos' });
    expect(within(spanishNav).getByRole('button', { name: 'Página 1, Página actual' })).toBeInTheDocument();
    expect(within(spanishNav).getByRole('button', { name: 'Siguiente, Página 2' })).toBeInTheDocument();
    expect(within(spanishNav).getByRole('button', { name: 'Anterior' })).toBeInTheDocument();
  });

  it('a changed filter shows the first page again', async () => {
    const user = userEvent.setup();
    const { courses, view } = setup();
    await waitFor(() => expect(archivedToggle()).toHaveTextContent('Archived (0)'));
    await user.click(within(nav()).getByRole('button', { name: /Next/ }));
    expect(currentPage()).toHaveTextContent('2');
    // "In progress": the even courses (6 of them), the dashboard's first page of them.
    const started = [...courses].reverse().filter((course) => course.enrollment.hasStarted);
    view.rerenderWith(masterListData(started.slice(0, 5), { numPages: 2, filters: ['inProgress'] }), courses);
    await waitFor(() => expect(activeCards().map((node) => node.id)).toEqual(['card-10', 'card-8', 'card-6', 'card-4', 'card-2']));
    expect(currentPage()).toHaveTextContent('1');
  });
});

describe('pending', () => {
  it.each([
    ['Archive', 'Archiving', false, 'Archived (1)'],
    ['Unarchive', 'Unarchiving', true, 'Archived (0)'],
  ])('%s: the control says it is pending to screen readers too, keeps focus and sends one request', async (verb, pendingVerb, archived, after) => {
    const user = userEvent.setup();
    const answer = deferred();
    client.put.mockImplementationOnce(() => answer.promise);
    renderDashboard(masterListData([makeCourse(0, status(0, archived))]));
    if (archived) { await user.click(archivedToggle()); }
    control(`${verb} Course 0`).focus();
    await user.keyboard('{Enter}');
    const busy = control(`${pendingVerb} Course 0…`);
    expect(busy).toHaveTextContent(`${pendingVerb}…`);
    expect(busy.querySelector('.spinner-border')).not.toBeNull();
    expect(busy).toHaveAttribute('aria-busy', 'true');
    expect(busy).toHaveAttribute('aria-disabled', 'true');
    // Not disabled: a disabled button drops focus in the browser.
    expect(busy).not.toBeDisabled();
    expect(busy).toHaveFocus();
    await user.keyboard('{Enter}');
    await user.click(busy);
    expect(client.put).toHaveBeenCalledTimes(1);
    answer.resolve({ data: { is_archived: !archived } });
    await waitFor(() => expect(archivedToggle()).toHaveTextContent(after));
    expect(client.put).toHaveBeenCalledTimes(1);
  });
});
