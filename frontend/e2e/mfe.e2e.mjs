#!/usr/bin/env node
/**
 * End-to-end check of the packed widget inside the real frontend-app-learner-dashboard: the legacy
 * MFE (`make e2e-dashboard`; scripts/e2e-dashboard.sh builds and serves it) and the frontend-base
 * site with the `./app` entry (`make e2e-frontend-base`; scripts/e2e-frontend-base.sh).
 *
 *   E2E_BASE_URL=http://127.0.0.1:18000 E2E_DASHBOARD_PATH=/learner-dashboard/ node e2e/mfe.e2e.mjs
 *
 * First the learner's experience (mfe-a11y.mjs: keyboard only, axe-core with every rule, Arabic
 * right to left, screenshots at 375 px and 1280 px). Then the shared flow (flow.mjs) on the
 * dashboard's own cards: every card keeps its action button and ⋮ menu, one archive control per card, one request per click, the state kept on
 * reload, the dashboard's filter chips; and no console error. Then the same list with an
 * unfulfilled entitlement (`courseRun: null`): its card has no archive control and the others
 * keep theirs. frontend-app-learner-dashboard master cannot render such a card itself (its
 * CourseCardDetails and CourseCardActions read `courseRun.isStarted` / `.isArchived`): when the
 * dashboard's own code throws on it, that is reported as a note, not as the widget's failure.
 * With E2E_AUTO_ARCHIVE=1 (the demo host with an auto-archive policy), the auto-archived course's note
 * and its unarchive. Last, staff use the dashboard's masquerade bar to view the learner's dashboard: the learner's
 * cards, no archive control, no Archived section and no archive API request.
 */
import { join } from 'node:path';

import {
  accountsFromEnv, ARTIFACTS, launch, login, makeChecker, openPage, runArchiveFlow, runAutoArchiveCheck,
  runLongListCheck,
} from './flow.mjs';
import { runLearnerExperience } from './mfe-a11y.mjs';

const {
  baseUrl: BASE_URL, learner: [USERNAME, PASSWORD], staff: [STAFF, STAFF_PASSWORD],
} = accountsFromEnv('http://127.0.0.1:18000');
const DASHBOARD = `${BASE_URL}${process.env.E2E_DASHBOARD_PATH || '/learner-dashboard/'}`;
// Names the screenshots: `learner-dashboard` (the legacy MFE), `frontend-base` (the site).
const NAME = process.env.E2E_NAME || 'learner-dashboard';

const { check, finish } = makeChecker();

// The dashboard's header and footer ask the demo host for what only a full LMS serves. New Relic's
// agent script (legacy MFE) and the default logos of frontend-base's header and footer (edx-cdn.org,
// logos.openedx.org) are not reachable from the test machine.
const IGNORED_CONSOLE = [
  /status of 404/, /favicon\.ico/, /js-agent\.newrelic\.com/,
  /ERR_NAME_NOT_RESOLVED @ https:\/\/(edx-cdn\.org|logos\.openedx\.org)\//,
];

const main = async () => {
  const browser = await launch();
  try {
    // First: keyboard, axe and Arabic (mfe-a11y.mjs); it leaves the learner's data as it found it.
    await runLearnerExperience({
      browser, check, baseUrl: BASE_URL, dashboard: DASHBOARD, name: NAME, learner: [USERNAME, PASSWORD],
    });
    const session = await openPage(browser, { ignoreConsole: IGNORED_CONSOLE });
    const { page } = session;
    await login(page, check, BASE_URL, USERNAME, PASSWORD);
    let noRunCardId = null;
    const loadDashboard = async () => {
      const answer = page.waitForResponse((res) => /\/api\/learner_home\/init\/?(\?|$)/.test(new URL(res.url()).pathname + new URL(res.url()).search));
      await page.goto(DASHBOARD);
      const courses = (await (await answer).json()).courses || [];
      const index = courses.findIndex((course) => course.courseRun === null);
      noRunCardId = index >= 0 ? `card-${index}` : null;
    };
    const openDashboard = async () => {
      await loadDashboard();
      await page.locator('[data-testid="CourseCard"]').first().waitFor();
    };
    const refine = async (label) => {
      await page.getByRole('button', { name: 'Refine' }).click();
      await page.getByRole('checkbox', { name: label }).check();
      await page.keyboard.press('Escape');
    };
    await runArchiveFlow({
      ...session,
      check,
      name: NAME,
      openDashboard,
      applyFilter: () => refine('In-Progress'),
      clearFilter: () => page.getByRole('button', { name: 'Clear all' }).click(),
    });
    // With E2E_AUTO_ARCHIVE=1 the demo host runs an auto-archive policy (DEMO_AUTO_ARCHIVE_DAYS) and one
    // course ended long before it: its note by Unarchive, one PUT {"is_archived": false}, kept on reload.
    if (process.env.E2E_AUTO_ARCHIVE === '1') {
      await runAutoArchiveCheck({
        ...session, check, name: NAME, openDashboard,
      });
    }
    // Pages of active courses only: 60 courses, 20 archived, the dashboard's 25 a page.
    await runLongListCheck({
      ...session, check, name: NAME, openDashboard, total: 60, archived: (n) => n % 3 === 1, pageSize: 25,
    });
    check(session.consoleErrors.length === 0, `no console errors${session.consoleErrors.length ? `: ${session.consoleErrors.join(' | ')}` : ''}`);

    // An unfulfilled entitlement: Learner Home sends it with `courseRun: null`.
    await session.context.addCookies([{ name: 'e2e-entitlement', value: '1', url: BASE_URL }]);
    const before = session.consoleErrors.length;
    await loadDashboard();
    await page.waitForTimeout(5000);
    const errors = session.consoleErrors.slice(before);
    check(noRunCardId !== null, `Learner Home lists an entitlement without a run (${noRunCardId})`);
    const dashboardOwn = errors.filter((e) => /reading '(isStarted|isArchived)'/.test(e));
    if (dashboardOwn.length && errors.length === dashboardOwn.length) {
      process.stdout.write(`note: the learner dashboard itself cannot render a card with courseRun: null (${dashboardOwn[0].split('\n')[0]}); the widget's handling of it is checked by the unit tests\n`);
    } else {
      check(errors.length === 0, `with the entitlement: no console errors${errors.length ? `: ${errors.join(' | ')}` : ''}`);
      const noRun = page.locator(`[id="${noRunCardId}"]`);
      await noRun.waitFor();
      check(await noRun.locator('[data-course-archive-action]').count() === 0, 'the entitlement\'s card has no archive control');
      check(await page.locator('[data-course-archive-action]').count() > 0, 'the other cards keep theirs');
    }
    await session.context.close();

    const staff = await openPage(browser, { ignoreConsole: IGNORED_CONSOLE });
    await login(staff.page, check, BASE_URL, STAFF, STAFF_PASSWORD);
    await staff.page.goto(DASHBOARD);
    const bar = staff.page.locator('.masquerade-bar');
    await bar.locator('input').fill(USERNAME);
    const masqueraded = staff.page.waitForResponse((res) => res.url().includes(`/api/learner_home/init?user=${USERNAME}`)
      || res.url().includes(`/api/learner_home/init/?user=${USERNAME}`));
    await bar.getByRole('button', { name: 'Submit' }).click();
    check((await masqueraded).status() === 200, `staff view the dashboard as ${USERNAME} (?user=)`);
    await staff.page.locator('[data-testid="CourseCard"]').first().waitFor();
    await staff.page.waitForTimeout(2000);
    const cards = await staff.page.locator('[data-testid="CourseCard"]').count();
    check(cards > 0 && await staff.page.locator('[data-course-archive-action]').count() === 0, `masquerading: ${cards} cards and no archive control`);
    check(await staff.page.getByRole('button', { name: /^Archived/ }).count() === 0, 'masquerading: no Archived section');
    check(staff.apiRequests.length === 0, `masquerading: no archive API request (saw ${JSON.stringify(staff.apiRequests)})`);
    await staff.page.screenshot({ path: join(ARTIFACTS, `${NAME}-masquerade.png`), fullPage: true });
    check(staff.consoleErrors.length === 0, `masquerading: no console errors${staff.consoleErrors.length ? `: ${staff.consoleErrors.join(' | ')}` : ''}`);
  } finally {
    await browser.close();
  }
};

finish(main());
