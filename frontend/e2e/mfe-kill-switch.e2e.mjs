#!/usr/bin/env node
/**
 * The kill switch in a real learner dashboard (`make e2e-dashboard` and `make e2e-frontend-base`, after the waffle flag
 * `course_archive.disabled` is switched on for everyone and the demo host restarted): the
 * dashboard's own cards with their buttons and menus, no archive control, no Archived section, no
 * element of the widget, no error, one status list request (refused with 403) and nothing else of
 * the archive API, and no console error but the browser's own line for that 403.
 *
 *   E2E_BASE_URL=http://127.0.0.1:18000 E2E_DASHBOARD_PATH=/learner-dashboard node e2e/mfe-kill-switch.e2e.mjs
 */
import { join } from 'node:path';

import {
  accountsFromEnv, ARTIFACTS, launch, login, makeChecker, openPage,
} from './flow.mjs';

const { baseUrl: BASE_URL, learner: [USERNAME, PASSWORD] } = accountsFromEnv('http://127.0.0.1:18000');
const DASHBOARD = `${BASE_URL}${process.env.E2E_DASHBOARD_PATH || '/learner-dashboard/'}`;
const NAME = process.env.E2E_NAME || 'learner-dashboard';
const IGNORED_CONSOLE = [
  /status of 404/, /favicon\.ico/, /js-agent\.newrelic\.com/,
  /ERR_NAME_NOT_RESOLVED @ https:\/\/(edx-cdn\.org|logos\.openedx\.org)\//,
];

const { check, finish } = makeChecker();

const main = async () => {
  const browser = await launch();
  try {
    const learner = await openPage(browser, { ignoreConsole: IGNORED_CONSOLE });
    const { page, apiRequests, consoleErrors } = learner;
    await login(page, check, BASE_URL, USERNAME, PASSWORD);
    const home = page.waitForResponse((res) => /\/api\/learner_home\/init\/?$/.test(new URL(res.url()).pathname));
    const statusList = page.waitForResponse((res) => new URL(res.url()).pathname.endsWith('/course-archive-status/'));
    await page.goto(DASHBOARD);
    const { courses = [] } = await (await home).json();
    check(courses.length > 0 && courses.every((c) => !c.courseRun || !('courseArchive' in c.courseRun)), `Learner Home's ${courses.length} items carry no courseArchive`);
    const refused = await statusList;
    const body = await refused.json();
    check(refused.status() === 403 && body.detail === 'Course archiving is switched off on this site.', `the status list answered ${refused.status()} ${JSON.stringify(body)}`);
    await page.locator('[data-testid="CourseCard"]').first().waitFor();
    await page.waitForTimeout(2000);
    const cards = page.locator('[data-testid="CourseCard"]');
    const count = await cards.count();
    check(count === courses.length, `the dashboard shows its ${count} cards`);
    const own = await cards.evaluateAll((nodes) => nodes.map((card) => ({
      buttons: card.querySelectorAll('[data-test-id="CourseCardActions"] button, [data-test-id="CourseCardActions"] a.btn').length,
      menu: Boolean(card.querySelector(`[id="course-actions-dropdown-${card.id}"]`)),
    })));
    check(own.every((card) => card.buttons >= 1 && card.menu), `every card keeps its own action button and ⋮ menu (${JSON.stringify(own)})`);
    check(await page.locator('[data-course-archive-action]').count() === 0, 'no archive control');
    check(await page.getByRole('button', { name: /^Archived/ }).count() === 0, 'no Archived section');
    check(await page.locator('.course-archive, [data-course-archive-note]').count() === 0, 'no element of the widget');
    // The dashboard's own banners are alerts too (grade, certificate...): none may speak of archiving.
    check(await page.locator('.alert, [role="alert"]').filter({ hasText: /archiv/i }).count() === 0, 'no error of the widget shown');
    const lists = apiRequests.filter((r) => r.path.endsWith('/course-archive-status/'));
    check(lists.length === 1 && apiRequests.every((r) => r.method === 'GET'), `one status list request, nothing else of the API (saw ${JSON.stringify(apiRequests)})`);
    const errors = consoleErrors.filter((text) => !(/status of 403/.test(text) && text.includes('/course-archive-status/')));
    check(errors.length === 0, `no console errors${errors.length ? `: ${errors.join(' | ')}` : ''}`);
    await page.screenshot({ path: join(ARTIFACTS, `${NAME}-kill-switch.png`), fullPage: true });
    await learner.context.close();
  } finally {
    await browser.close();
  }
};

finish(main());
