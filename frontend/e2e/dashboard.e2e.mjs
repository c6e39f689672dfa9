#!/usr/bin/env node
/**
 * End-to-end check of the widgets on the demo host's dashboard, in Debian's Chromium (`make e2e`).
 *
 *   E2E_BASE_URL=http://127.0.0.1:8000 E2E_USERNAME=learner E2E_PASSWORD=learner-password \
 *     node e2e/dashboard.e2e.mjs
 *
 * The demo dashboard renders stand-ins for the learner dashboard's CourseList and CourseCard
 * through the real @openedx/frontend-plugin-framework slots, configured by this folder's
 * env.config.jsx. The flow (flow.mjs) runs once with master's slot props (`filterOptions` an
 * array) and once with teak / ulmo's (an object); then the course the demo host's auto-archive
 * policy archived (E2E_AUTO_ARCHIVE=0 skips it); then, as staff masquerading as the learner
 * (`?user=`), no archive control is shown and no archive API request is sent. With the kill
 * switch on, kill-switch.e2e.mjs checks the dashboard.
 * Screenshots go to e2e/artifacts/. Exits non-zero on the first failed check.
 */
import {
  accountsFromEnv, launch, login, makeChecker, openPage, runArchiveFlow, runAutoArchiveCheck,
} from './flow.mjs';

const {
  baseUrl: BASE_URL, learner: [USERNAME, PASSWORD], staff: [STAFF, STAFF_PASSWORD],
} = accountsFromEnv('http://127.0.0.1:8000');

const { check, finish } = makeChecker();

const main = async () => {
  const browser = await launch();
  try {
    const learner = await openPage(browser);
    const { page } = learner;
    await login(page, check, BASE_URL, USERNAME, PASSWORD);
    for (const shape of ['array', 'object']) {
      const openDashboard = async () => {
        await page.goto(`${BASE_URL}/dashboard/?shape=${shape}`);
        await page.locator('[data-testid="CourseCard"]').first().waitFor();
      };
      const filterBox = () => page.getByRole('checkbox', { name: 'notStarted' });
      // eslint-disable-next-line no-await-in-loop
      await runArchiveFlow({
        ...learner,
        check,
        name: `demo-${shape}`,
        openDashboard,
        applyFilter: () => filterBox().check(),
        clearFilter: () => filterBox().uncheck(),
      });
    }
    // The demo host runs with an auto-archive policy (DEMO_AUTO_ARCHIVE_DAYS) and one course that
    // ended long before it; unarchiving it is for good, so it is checked once.
    if (process.env.E2E_AUTO_ARCHIVE !== '0') {
      await runAutoArchiveCheck({
        ...learner,
        check,
        name: 'demo',
        openDashboard: async () => {
          await page.goto(`${BASE_URL}/dashboard/`);
          await page.locator('[data-testid="CourseCard"]').first().waitFor();
        },
      });
    }
    check(learner.consoleErrors.length === 0, `no console errors${learner.consoleErrors.length ? `: ${learner.consoleErrors.join(' | ')}` : ''}`);
    await learner.context.close();

    // Staff masquerading as the learner: the dashboard's cards, no archive control, no request.
    const staff = await openPage(browser);
    await login(staff.page, check, BASE_URL, STAFF, STAFF_PASSWORD);
    const answer = staff.page.waitForResponse((res) => res.url().includes('/api/learner_home/init'));
    await staff.page.goto(`${BASE_URL}/dashboard/?user=${encodeURIComponent(USERNAME)}`);
    const body = await (await answer).json();
    if (!body?.courses?.length) {
      process.stdout.write('note: the demo host answered ?user= with no courses (no masquerade there); masquerade not checked\n');
    } else {
      await staff.page.locator('[data-testid="CourseCard"]').first().waitFor();
      await staff.page.waitForTimeout(1500);
      const cards = await staff.page.locator('[data-testid="CourseCard"]').count();
      const controls = await staff.page.locator('[data-course-archive-action]').count();
      check(cards > 0 && controls === 0, `masquerading: ${cards} cards and no archive control`);
      check(await staff.page.getByRole('button', { name: /^Archived/ }).count() === 0, 'masquerading: no Archived section');
      check(staff.apiRequests.length === 0, `masquerading: no archive API request (saw ${JSON.stringify(staff.apiRequests)})`);
    }
    await staff.context.close();
  } finally {
    await browser.close();
  }
};

finish(main());
