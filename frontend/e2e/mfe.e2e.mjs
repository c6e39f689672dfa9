#!/usr/bin/env node
/**
 * End-to-end check of the packed widget inside the real frontend-app-learner-dashboard
 * (`make e2e-dashboard`; scripts/e2e-dashboard.sh builds and serves it).
 *
 *   E2E_BASE_URL=http://127.0.0.1:18000 E2E_DASHBOARD_PATH=/learner-dashboard/ node e2e/mfe.e2e.mjs
 *
 * Runs the shared flow (flow.mjs) on the dashboard's own cards: every card keeps its action
 * button and ⋮ menu, one archive control per card (none on the entitlement without a run), one
 * request per click, the state kept on reload, the dashboard's filter chips; and no console error.
 */
import {
  launch, login, makeChecker, openPage, runArchiveFlow,
} from './flow.mjs';

const BASE_URL = (process.env.E2E_BASE_URL || 'http://127.0.0.1:18000').replace(/\/+$/, '');
const DASHBOARD = `${BASE_URL}${process.env.E2E_DASHBOARD_PATH || '/learner-dashboard/'}`;
const USERNAME = process.env.E2E_USERNAME || 'learner';
const PASSWORD = process.env.E2E_PASSWORD || 'learner-password';

const { check, finish } = makeChecker();

const main = async () => {
  const browser = await launch();
  try {
    const session = await openPage(browser, {
      // The dashboard's header and footer ask the demo host for what only a full LMS serves.
      ignoreConsole: [/status of 404/, /favicon\.ico/],
    });
    const { page } = session;
    await login(page, check, BASE_URL, USERNAME, PASSWORD);
    let noRunCardId = null;
    const openDashboard = async () => {
      const answer = page.waitForResponse((res) => /\/api\/learner_home\/init\/?(\?|$)/.test(new URL(res.url()).pathname + new URL(res.url()).search));
      await page.goto(DASHBOARD);
      const courses = (await (await answer).json()).courses || [];
      const index = courses.findIndex((course) => course.courseRun === null);
      noRunCardId = index >= 0 ? `card-${index}` : null;
      await page.locator('[data-testid="CourseCard"]').first().waitFor();
    };
    const refine = async (label) => {
      await page.getByRole('button', { name: 'Refine' }).click();
      await page.getByRole('checkbox', { name: label }).check();
      await page.keyboard.press('Escape');
    };
    await openDashboard();
    check(noRunCardId !== null, `Learner Home lists an entitlement without a run (${noRunCardId})`);
    await runArchiveFlow({
      ...session,
      check,
      name: 'learner-dashboard',
      openDashboard,
      get noRunCardId() { return noRunCardId; },
      applyFilter: () => refine('In-Progress'),
      clearFilter: () => page.getByRole('button', { name: 'Clear all' }).click(),
    });
    check(session.consoleErrors.length === 0, `no console errors${session.consoleErrors.length ? `: ${session.consoleErrors.join(' | ')}` : ''}`);
  } finally {
    await browser.close();
  }
};

finish(main());
