import React from 'react';
import {
  render, screen, within, waitFor, act,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  describe, it, expect, vi, beforeEach,
} from 'vitest';
import { mergeConfig } from '@edx/frontend-platform';
import { IntlProvider } from '@edx/frontend-platform/i18n';
import { getAuthenticatedHttpClient } from '@edx/frontend-platform/auth';

import { CourseList } from '../index';
import messages from '../messages';
import {
  LMS, LIST_URL, makeCourse, statusRow, courseListData, deferred,
} from './fixtures';

vi.mock('@edx/frontend-platform/auth', () => ({
  getAuthenticatedHttpClient: vi.fn(),
  getAuthenticatedUser: vi.fn(() => ({ userId: 7, username: 'learner' })),
}));

/**
 * A stand-in for frontend-platform's authenticated axios client that logs every request.
 * `routes.get(url)` / `routes.put(url, body)` return the response data or throw.
 */
const installClient = (routes = {}) => {
  const requests = [];
  const client = {
    get: vi.fn(async (url) => {
      requests.push({ method: 'GET', url });
      if (!routes.get) { throw new Error(`unexpected GET ${url}`); }
      return { status: 200, data: await routes.get(url) };
    }),
    put: vi.fn(async (url, body) => {
      requests.push({ method: 'PUT', url, body });
      if (!routes.put) { throw new Error(`unexpected PUT ${url}`); }
      return { status: 200, data: await routes.put(url, body) };
    }),
    post: vi.fn(async (url) => { throw new Error(`unexpected POST ${url}`); }),
    delete: vi.fn(async (url) => { throw new Error(`unexpected DELETE ${url}`); }),
  };
  getAuthenticatedHttpClient.mockReturnValue(client);
  return requests;
};

const okPut = (url, body) => {
  const courseId = decodeURIComponent(url.split('/by-course/')[1].replace(/\/$/, ''));
  return {
    ...statusRow(courseId),
    is_archived: body.is_archived,
    archive_date: body.is_archived ? '2024-06-01T00:00:00Z' : null,
  };
};

const renderList = (data, { locale = 'en', msgs = {} } = {}) => render(
  <IntlProvider locale={locale} messages={msgs}>
    <CourseList courseListData={data} />
  </IntlProvider>,
);

const archivedSection = () => screen.getByTestId('course-archive-archived-section');
const openArchived = async (user) => {
  await user.click(screen.getByRole('button', { name: /^Archived/ }));
  return archivedSection();
};
const cardOf = (name) => screen.getByRole('link', { name }).closest('[data-testid="course-archive-card"]');

beforeEach(() => {
  mergeConfig({ LMS_BASE_URL: LMS });
  getAuthenticatedHttpClient.mockReset();
});

describe('CourseList with courseArchive on the items', () => {
  const inlineList = () => [
    makeCourse(1, { courseArchive: { isArchived: false, archiveDate: null } }),
    makeCourse(2, { courseArchive: { isArchived: true, archiveDate: '2024-05-01T10:00:00Z' } }),
    makeCourse(3, { courseArchive: { isArchived: false, archiveDate: null } }),
  ];

  it('renders active course cards like the learner dashboard, and makes no request', async () => {
    const requests = installClient();
    renderList(courseListData(inlineList()));

    const link = screen.getByRole('link', { name: 'Course 1' });
    expect(link).toHaveAttribute('href', 'http://learning.test/course/course-v1:edX+C1+2024/home');
    const card = cardOf('Course 1');
    expect(within(card).getByAltText('Course thumbnail')).toHaveAttribute(
      'src',
      `${LMS}/asset-v1:edX+C1+2024+type@asset+block@banner.png`,
    );
    expect(within(card).getByText('edX • C1')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Course 3' })).toBeInTheDocument();
    // The archived course is not among the active ones.
    expect(screen.queryByRole('link', { name: 'Course 2' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Archive Course 1' })).toBeInTheDocument();

    await act(async () => {});
    expect(requests).toEqual([]);
  });

  it('lists archived courses of the page in the collapsible Archived section', async () => {
    const user = userEvent.setup();
    const allArchived = deferred();
    const requests = installClient({ get: () => allArchived.promise });
    renderList(courseListData(inlineList()));
    const trigger = screen.getByRole('button', { name: /^Archived/ });
    expect(trigger).toHaveAttribute('aria-expanded', 'false');
    expect(requests).toEqual([]);

    const section = await openArchived(user);
    expect(trigger).toHaveAttribute('aria-expanded', 'true');
    expect(within(section).getByRole('link', { name: 'Course 2' })).toBeInTheDocument();
    expect(within(section).getByRole('button', { name: 'Unarchive Course 2' })).toBeInTheDocument();
    expect(within(section).getByText(/Archived on/)).toBeInTheDocument();

    // Opening the section loads the full archived list once, lazily, for other pages' courses.
    expect(requests).toEqual([{ method: 'GET', url: `${LIST_URL}?is_archived=true&page_size=100&user=7` }]);
    await act(async () => {
      allArchived.resolve({
        count: 2,
        next: null,
        previous: null,
        results: [
          statusRow('course-v1:edX+C2+2024', { catalogName: 'Course 2' }),
          statusRow('course-v1:edX+C99+2024', { catalogName: 'Course on page nine' }),
        ],
      });
    });
    expect(within(section).getByText('Course on page nine')).toBeInTheDocument();
    expect(within(section).getByRole('button', { name: 'Unarchive Course on page nine' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Archived (2)' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Archived (2)' }));
    await user.click(screen.getByRole('button', { name: 'Archived (2)' }));
    expect(requests).toHaveLength(1);
  });

  it('archives with exactly one PUT and moves the card at once (optimistic)', async () => {
    const user = userEvent.setup();
    const answer = deferred();
    const requests = installClient({ put: () => answer.promise });
    renderList(courseListData(inlineList()));

    await user.click(screen.getByRole('button', { name: 'Archive Course 1' }));

    // Moved before the server answered.
    expect(screen.queryByRole('button', { name: 'Archive Course 1' })).not.toBeInTheDocument();
    const section = await openArchived(user);
    expect(within(section).getByRole('button', { name: 'Unarchive Course 1' })).toBeInTheDocument();

    await act(async () => {
      answer.resolve(okPut(requests[0].url, requests[0].body));
    });
    const puts = requests.filter((r) => r.method === 'PUT');
    expect(puts).toEqual([{
      method: 'PUT',
      url: `${LMS}/course-archive/api/v1/course-archive-status/by-course/${encodeURIComponent('course-v1:edX+C1+2024')}/`,
      body: { is_archived: true },
    }]);
    expect(puts[0].url).toContain('by-course/course-v1%3AedX%2BC1%2B2024/');
    expect(within(section).getByRole('button', { name: 'Unarchive Course 1' })).toBeInTheDocument();
    expect(screen.getByTestId('course-archive-announcer')).toHaveTextContent('Course 1 was moved to Archived.');
  });

  it('unarchives with exactly one PUT {"is_archived": false}', async () => {
    const user = userEvent.setup();
    const requests = installClient({ put: okPut, get: () => new Promise(() => {}) });
    renderList(courseListData(inlineList()));
    const section = await openArchived(user);

    await user.click(within(section).getByRole('button', { name: 'Unarchive Course 2' }));

    expect(screen.getByRole('button', { name: 'Archive Course 2' })).toBeInTheDocument();
    expect(within(archivedSection()).queryByRole('link', { name: 'Course 2' })).not.toBeInTheDocument();
    const puts = requests.filter((r) => r.method === 'PUT');
    expect(puts).toEqual([{
      method: 'PUT',
      url: `${LIST_URL}by-course/course-v1%3AedX%2BC2%2B2024/`,
      body: { is_archived: false },
    }]);
    await waitFor(() => expect(screen.getByTestId('course-archive-announcer')).toHaveTextContent(
      'Course 2 was moved back to your active courses.',
    ));
  });

  it('rolls back and shows a translated error when the request fails', async () => {
    const user = userEvent.setup();
    const answer = deferred();
    const requests = installClient({ put: () => answer.promise });
    renderList(courseListData(inlineList()));

    await user.click(screen.getByRole('button', { name: 'Archive Course 3' }));
    expect(screen.queryByRole('button', { name: 'Archive Course 3' })).not.toBeInTheDocument();

    await act(async () => {
      answer.reject(Object.assign(new Error('Request failed with status code 500'), { response: { status: 500 } }));
    });

    expect(screen.getByRole('button', { name: 'Archive Course 3' })).toBeInTheDocument();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('We could not archive Course 3. Please try again.');
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(1);

    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
  });

  it('rolls back a failed unarchive', async () => {
    const user = userEvent.setup();
    installClient({
      put: async () => { throw new Error('Network Error'); },
      get: () => new Promise(() => {}),
    });
    renderList(courseListData(inlineList()));
    const section = await openArchived(user);
    await user.click(within(section).getByRole('button', { name: 'Unarchive Course 2' }));

    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(
      'We could not unarchive Course 2. Please try again.',
    ));
    expect(within(archivedSection()).getByRole('button', { name: 'Unarchive Course 2' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Archive Course 2' })).not.toBeInTheDocument();
  });

  it('works by keyboard: Tab to the buttons, Enter and Space activate them', async () => {
    const user = userEvent.setup();
    const requests = installClient({ put: okPut, get: () => new Promise(() => {}) });
    renderList(courseListData(inlineList()));

    const archiveButton = screen.getByRole('button', { name: 'Archive Course 1' });
    let guard = 0;
    while (document.activeElement !== archiveButton && guard < 20) {
      // eslint-disable-next-line no-await-in-loop
      await user.tab();
      guard += 1;
    }
    expect(archiveButton).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(requests[0].body).toEqual({ is_archived: true });

    const trigger = screen.getByRole('button', { name: /^Archived/ });
    trigger.focus();
    await user.keyboard(' ');
    expect(trigger).toHaveAttribute('aria-expanded', 'true');
    const unarchive = within(archivedSection()).getByRole('button', { name: 'Unarchive Course 2' });
    unarchive.focus();
    await user.keyboard(' ');
    const puts = requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts[1].body).toEqual({ is_archived: false });
  });
});

describe('CourseList without courseArchive on the items (API fallback)', () => {
  it('follows every page of the archived list (more than 20 archived courses)', async () => {
    const user = userEvent.setup();
    // 45 archived rows over 3 pages; two of them are on the visible page.
    const rows = Array.from({ length: 45 }, (_, i) => statusRow(`course-v1:edX+A${i}+2024`, {
      id: i + 1,
      catalogName: i % 2 ? `Archived ${i}` : undefined,
    }));
    rows[3] = statusRow('course-v1:edX+C2+2024', { id: 4 });
    rows[40] = statusRow('course-v1:edX+C4+2024', { id: 41, catalogName: 'Course 4' });
    const firstUrl = `${LIST_URL}?is_archived=true&page_size=100&user=7`;
    const pages = {
      [firstUrl]: { count: 45, next: `${LIST_URL}?is_archived=true&page=2&page_size=20&user=7`, results: rows.slice(0, 20) },
      [`${LIST_URL}?is_archived=true&page=2&page_size=20&user=7`]: {
        count: 45, next: `${LIST_URL}?is_archived=true&page=3&page_size=20&user=7`, results: rows.slice(20, 40),
      },
      [`${LIST_URL}?is_archived=true&page=3&page_size=20&user=7`]: { count: 45, next: null, results: rows.slice(40) },
    };
    const requests = installClient({ get: (url) => pages[url] });
    const visible = [1, 2, 3, 4].map((n) => makeCourse(n));
    renderList(courseListData(visible));

    // Loading state until the list is known.
    expect(screen.getByText('Loading your courses…')).toBeInTheDocument();
    await screen.findByRole('link', { name: 'Course 1' });

    expect(requests.map((r) => r.url)).toEqual(Object.keys(pages));
    expect(screen.getByRole('link', { name: 'Course 3' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Course 2' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Course 4' })).not.toBeInTheDocument();

    const section = await openArchived(user);
    expect(screen.getByRole('button', { name: 'Archived (45)' })).toBeInTheDocument();
    expect(within(section).getByRole('link', { name: 'Course 2' })).toBeInTheDocument();
    expect(within(section).getByRole('link', { name: 'Course 4' })).toBeInTheDocument();
    // The 21st and the last archived courses: catalog name, or the course id without catalog.
    expect(within(section).getByText('Archived 21')).toBeInTheDocument();
    expect(within(section).getByText('course-v1:edX+A44+2024')).toBeInTheDocument();
    expect(within(section).getAllByRole('button', { name: /^Unarchive / })).toHaveLength(45);
    expect(requests).toHaveLength(3);
  });

  it('unarchives a course of another page, named by its catalog name', async () => {
    const user = userEvent.setup();
    const requests = installClient({
      get: () => ({ count: 1, next: null, results: [statusRow('course-v1:edX+Z9+2024', { catalogName: 'Zoology' })] }),
      put: okPut,
    });
    renderList(courseListData([makeCourse(1)]));
    await screen.findByRole('link', { name: 'Course 1' });
    const section = await openArchived(user);
    await user.click(within(section).getByRole('button', { name: 'Unarchive Zoology' }));
    expect(within(archivedSection()).queryByText('Zoology')).not.toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'PUT')).toEqual([{
      method: 'PUT', url: `${LIST_URL}by-course/course-v1%3AedX%2BZ9%2B2024/`, body: { is_archived: false },
    }]);
  });

  it('shows a warning with a retry when the archived list cannot be loaded', async () => {
    const user = userEvent.setup();
    let fail = true;
    const requests = installClient({
      get: async () => {
        if (fail) { throw new Error('boom'); }
        return { count: 0, next: null, results: [] };
      },
    });
    renderList(courseListData([makeCourse(1)]));
    expect(await screen.findByText('We could not load your archived courses.')).toBeInTheDocument();
    // Courses are still shown, as active.
    expect(screen.getByRole('link', { name: 'Course 1' })).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByText('We could not load your archived courses.')).not.toBeInTheDocument());
    expect(requests).toHaveLength(2);
  });

  it('loads the list once, even under React.StrictMode\'s double effects', async () => {
    const requests = installClient({ get: () => ({ count: 0, next: null, results: [] }) });
    render(
      <React.StrictMode>
        <IntlProvider locale="en" messages={{}}>
          <CourseList courseListData={courseListData([makeCourse(1)])} />
        </IntlProvider>
      </React.StrictMode>,
    );
    await screen.findByRole('link', { name: 'Course 1' });
    expect(requests).toHaveLength(1);
  });

  it('drops rows of other users (staff see everybody\'s rows)', async () => {
    const user = userEvent.setup();
    installClient({
      get: () => ({
        count: 2,
        next: null,
        results: [
          statusRow('course-v1:edX+C1+2024', { user: 99 }),
          statusRow('course-v1:edX+C2+2024', { user: 7 }),
        ],
      }),
    });
    renderList(courseListData([makeCourse(1), makeCourse(2)]));
    await screen.findByRole('link', { name: 'Course 1' });
    const section = await openArchived(user);
    expect(within(section).getByRole('link', { name: 'Course 2' })).toBeInTheDocument();
    expect(within(section).queryByRole('link', { name: 'Course 1' })).not.toBeInTheDocument();
  });
});

describe('CourseList slot props', () => {
  it('renders Paragon Pagination from numPages and calls setPageNumber', async () => {
    const user = userEvent.setup();
    installClient();
    const setPageNumber = vi.fn();
    const visible = [makeCourse(1, { courseArchive: { isArchived: false, archiveDate: null } })];
    const { rerender } = renderList(courseListData(visible, { numPages: 3, setPageNumber }));
    const nav = screen.getByRole('navigation', { name: 'Course list pagination' });
    await user.click(within(nav).getByRole('button', { name: 'Page 2' }));
    expect(setPageNumber).toHaveBeenCalledWith(2);
    // The dashboard answers with the new page.
    rerender(
      <IntlProvider locale="en" messages={{}}>
        <CourseList courseListData={courseListData(visible, { numPages: 3, pageNumber: 2, setPageNumber })} />
      </IntlProvider>,
    );
    await user.click(within(screen.getByRole('navigation')).getByRole('button', { name: /^Next/ }));
    expect(setPageNumber).toHaveBeenLastCalledWith(3);
  });

  it('renders no pagination for a single page', () => {
    installClient();
    renderList(courseListData([makeCourse(1, { courseArchive: { isArchived: false, archiveDate: null } })]));
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });

  it('shows active filters and removes one through filterOptions.handleRemoveFilter', async () => {
    const user = userEvent.setup();
    installClient();
    const removed = vi.fn();
    const handleRemoveFilter = vi.fn((filter) => () => removed(filter));
    renderList(courseListData(
      [makeCourse(1, { courseArchive: { isArchived: false, archiveDate: null } })],
      {
        showFilters: true,
        filterOptions: {
          sortBy: 'enrolled', setSortBy: vi.fn(), filters: ['inProgress'], handleRemoveFilter,
        },
      },
    ));
    const group = screen.getByRole('group', { name: 'Active filters' });
    expect(within(group).getByText('In progress')).toBeInTheDocument();
    await user.click(within(group).getByRole('button', { name: 'Remove filter In progress' }));
    expect(removed).toHaveBeenCalledWith('inProgress');
  });

  it('shows an empty state, and survives missing fields', async () => {
    installClient({ get: () => ({ count: 0, next: null, results: [] }) });
    const { rerender } = renderList(courseListData([]));
    expect(await screen.findByText('You have no courses to show here.')).toBeInTheDocument();

    // Items with missing parts, then a missing courseListData: no crash, no hook-order error.
    rerender(
      <IntlProvider locale="en" messages={{}}>
        <CourseList courseListData={courseListData([
          { cardId: 'x', courseRun: { courseId: 'course-v1:a+b+c', courseArchive: { isArchived: false } } },
          { cardId: 'y' },
          null,
        ])}
        />
      </IntlProvider>,
    );
    expect(screen.getByText('course-v1:a+b+c')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Archive course-v1:a+b+c' })).toBeInTheDocument();
    rerender(
      <IntlProvider locale="en" messages={{}}>
        <CourseList />
      </IntlProvider>,
    );
    expect(screen.getByText('You have no courses to show here.')).toBeInTheDocument();
  });

  it('shows "all archived" when every course of the page is archived', () => {
    installClient();
    renderList(courseListData([makeCourse(1, { courseArchive: { isArchived: true, archiveDate: null } })]));
    expect(screen.getByText(/All the courses on this page are archived/)).toBeInTheDocument();
  });
});

describe('CourseList i18n', () => {
  it('uses the messages of the current locale', async () => {
    const user = userEvent.setup();
    const answer = deferred();
    installClient({ put: () => answer.promise });
    const fr = {
      // A full catalog, as an MFE's i18n would give it: the untranslated ones stay English here.
      ...Object.fromEntries(Object.values(messages).map((m) => [m.id, m.defaultMessage])),
      [messages.archiveButton.id]: 'Archiver',
      [messages.archiveButtonLabel.id]: 'Archiver {courseName}',
      [messages.archivedSectionTitle.id]: 'Archivés',
      [messages.archiveFailed.id]: 'Impossible d\'archiver {courseName}.',
      [messages.dismiss.id]: 'Fermer',
    };
    renderList(
      courseListData([makeCourse(1, { courseArchive: { isArchived: false, archiveDate: null } })]),
      { locale: 'fr', msgs: fr },
    );
    const button = screen.getByRole('button', { name: 'Archiver Course 1' });
    expect(button).toHaveTextContent('Archiver');
    expect(screen.getByRole('button', { name: /^Archivés/ })).toBeInTheDocument();
    await user.click(button);
    await act(async () => { answer.reject(new Error('nope')); });
    expect(screen.getByRole('alert')).toHaveTextContent('Impossible d\'archiver Course 1.');
  });

  it('gives every message a unique, namespaced id and a description', () => {
    const ids = Object.values(messages).map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    Object.values(messages).forEach((m) => {
      expect(m.id).toMatch(/^course-archive\./);
      expect(m.defaultMessage).toBeTruthy();
      expect(m.description).toBeTruthy();
    });
  });
});
