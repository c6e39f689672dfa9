#!/usr/bin/env node
/**
 * The Django admin of the plugin in Debian's Chromium at 1280 px (`make e2e`), as staff on the seeded demo
 * host: the list of statuses fits the window beside its filters, its search finds a course by its number
 * and by its name, and the overview draws its charts, each with its figures as a table that the keyboard
 * reaches. Screenshots go to e2e/artifacts/.
 *
 *   E2E_BASE_URL=http://127.0.0.1:8000 node e2e/admin.e2e.mjs
 */
import { join } from 'node:path';
import {
  ARTIFACTS, accountsFromEnv, launch, login, makeChecker, openPage,
} from './flow.mjs';

const { baseUrl: BASE_URL, staff: [STAFF, STAFF_PASSWORD] } = accountsFromEnv('http://127.0.0.1:8000');
const LIST = `${BASE_URL}/admin/course_archive/coursearchivestatus/`;
const { check, finish } = makeChecker();

const main = async () => {
  const browser = await launch();
  try {
    const staff = await openPage(browser);
    const { page } = staff;
    await login(page, check, BASE_URL, STAFF, STAFF_PASSWORD);
    staff.consoleErrors.length = 0; // the admin's own pages from here

    await page.goto(LIST);
    const layout = await page.evaluate(() => {
      const results = document.querySelector('#changelist .results');
      const table = document.querySelector('#result_list');
      const filter = document.querySelector('#changelist-filter');
      return {
        pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        resultsOverflow: results.scrollWidth - results.clientWidth,
        tableRight: table.getBoundingClientRect().right,
        filterLeft: filter.getBoundingClientRect().left,
        headers: [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim()).filter(Boolean),
      };
    });
    check(layout.pageOverflow <= 0 && layout.resultsOverflow <= 0, `the list fits 1280 px (${JSON.stringify(layout)})`);
    check(layout.tableRight <= layout.filterLeft, 'the list ends before its filters');
    check(['State', 'Learner', 'Course', 'Archived on', 'Updated'].every((h) => layout.headers.some((x) => x.toLowerCase() === h.toLowerCase())), `columns ${layout.headers.join(', ')}`);
    check(await page.locator('#changelist-filter').getByRole('link', { name: 'OpenedX' }).count() === 1, 'an org filter');
    check(await page.locator('#changelist-filter').getByRole('link', { name: 'Course auto-archived today' }).count() === 1, 'an auto-archive filter');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-list.png') });

    for (const words of ['Hist100', 'World History']) {
      await page.fill('#searchbar', words);
      const query = new URLSearchParams({ q: words }).toString();
      await Promise.all([page.waitForURL((url) => url.search.includes(query)), page.press('#searchbar', 'Enter')]);
      const courses = await page.locator('#result_list tbody tr td.field-course a').allTextContents();
      check(courses.length > 0 && courses.every((c) => c.includes('Hist100')), `"${words}" finds the course's statuses (${courses.length})`);
    }
    check(await page.locator('#searchbar_helptext').textContent().then((t) => /usernames starting with it/.test(t)), 'the search says what it matches');

    await page.goto(`${LIST}overview/`);
    const charts = await page.locator('svg.ca-chart').count();
    const tables = await page.locator('.ca-overview table').count();
    check(charts === 5 && tables === 5, `the overview draws 5 charts with 5 tables (${charts}, ${tables})`);
    const perDay = page.locator('.ca-overview details table');
    check(!(await perDay.isVisible()), 'the per-day table starts folded');
    const summary = page.locator('.ca-overview details summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    check(await perDay.isVisible(), 'the keyboard unfolds the per-day table');
    check(await perDay.locator('tbody tr').count() === 90, 'one row per day for 90 days');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-overview.png'), fullPage: true });
    check(staff.consoleErrors.length === 0, `no console errors${staff.consoleErrors.length ? `: ${staff.consoleErrors.join(' | ')}` : ''}`);
  } finally {
    await browser.close();
  }
};

finish(main());
