/**
 * The checks both end-to-end runs share: the demo dashboard (dashboard.e2e.mjs, CI) and the real
 * frontend-app-learner-dashboard (mfe.e2e.mjs). Both render the dashboard's cards
 * (`[data-testid="CourseCard"]`, the card id as the element id) with the widgets in the real
 * frontend-plugin-framework slots.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 30000);
const API_PREFIX = '/course-archive/api/v1/';
const SETTLE_MS = 1500; // time after an answer in which a stray extra request would show up

const CARD = '[data-testid="CourseCard"]';
const CONTROL = '[data-course-archive-action]';
const ARCHIVED_REGION = '#course-archive-archived-courses';

/**
 * Where the dashboard is served and who logs in, from the environment: E2E_BASE_URL (trailing
 * slashes dropped; `defaultBaseUrl` if unset), E2E_USERNAME / E2E_PASSWORD for the learner,
 * E2E_STAFF_USERNAME / E2E_STAFF_PASSWORD for staff (the demo host's seeded accounts by default).
 */
export const accountsFromEnv = (defaultBaseUrl) => ({
  baseUrl: (process.env.E2E_BASE_URL || defaultBaseUrl).replace(/\/+$/, ''),
  learner: [process.env.E2E_USERNAME || 'learner', process.env.E2E_PASSWORD || 'learner-password'],
  staff: [process.env.E2E_STAFF_USERNAME || 'staff', process.env.E2E_STAFF_PASSWORD || 'staff-password'],
});

export const makeChecker = () => {
  const results = [];
  const check = (condition, message) => {
    results.push({ ok: Boolean(condition), message });
    process.stdout.write(`${condition ? 'ok  ' : 'FAIL'} ${message}\n`);
    if (!condition) { throw new Error(`Check failed: ${message}`); }
  };
  const finish = (promise) => promise.then(() => {
    process.stdout.write(`${results.length} passed, 0 failed\n`);
  }).catch((error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.stdout.write(`${results.filter((r) => r.ok).length} passed, 1 failed\n`);
    process.exit(1);
  });
  return { check, finish };
};

export const launch = async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
};

/** A page that records API requests and console errors. */
export const openPage = async (browser, { ignoreConsole = [] } = {}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const consoleErrors = [];
  const apiRequests = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') { return; }
    const text = `${msg.text()} @ ${msg.location()?.url || ''}`;
    if (!ignoreConsole.some((pattern) => pattern.test(text))) { consoleErrors.push(text); }
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.startsWith(API_PREFIX)) {
      apiRequests.push({
        method: req.method(), path: url.pathname, search: url.search, ...(req.postData() ? { body: req.postData() } : {}),
      });
    }
  });
  return {
    context, page, consoleErrors, apiRequests,
  };
};

export const login = async (page, check, baseUrl, username, password) => {
  await page.goto(`${baseUrl}/login/`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForLoadState('load'), page.click('form button[type="submit"], form input[type="submit"]')]);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  check(true, `logged in as ${username}`);
};

/** What each card shows: its id, the dashboard's own buttons and menu, and the archive controls. */
const readCards = (page, scope) => page.locator(scope ? `${scope} ${CARD}` : CARD).evaluateAll(
  (cards, control) => cards.map((card) => {
    const actions = card.querySelector('[data-test-id="CourseCardActions"]');
    const buttons = actions ? [...actions.querySelectorAll('button, a.btn')] : [];
    return {
      cardId: card.id,
      title: card.querySelector('.pgn__card-header-title-md, .pgn__card-header-title, h3, h4')?.textContent?.trim() || card.id,
      ownButtons: buttons.filter((b) => !b.matches(control)).map((b) => b.textContent.trim()),
      hasMenu: Boolean(card.querySelector(`[id="course-actions-dropdown-${card.id}"]`)),
      controls: [...card.querySelectorAll(control)].map((b) => b.getAttribute('aria-label')),
    };
  }),
  CONTROL,
);

const archivedToggle = (page) => page.getByRole('button', { name: /^Archived/ });

// The count needs the archive status of every page, which may come a moment after the cards.
const countShown = (page) => page.getByRole('button', { name: /^Archived \(\d+\)/ }).waitFor();

const archivedCount = async (page) => {
  const name = (await archivedToggle(page).textContent()) || '';
  const match = /\((\d+)\)/.exec(name);
  return match ? Number(match[1]) : null;
};

/**
 * The shared flow. `openDashboard()` navigates to the dashboard and resolves when its cards are
 * shown; `noRunCardId` is the card of an entitlement without a run, when the data has one;
 * `applyFilter` / `clearFilter` drive the dashboard's own filter controls.
 */
export const runArchiveFlow = async ({
  page, check, apiRequests, openDashboard, noRunCardId, applyFilter, clearFilter, name,
}) => {
  const since = (index) => apiRequests.slice(index);
  const start = apiRequests.length;
  await openDashboard();
  await page.waitForSelector(CONTROL);
  await countShown(page);
  await page.waitForTimeout(SETTLE_MS);

  // Every card keeps the dashboard's own action button and menu, and has one archive control.
  const cards = await readCards(page);
  check(cards.length > 0, `${name}: ${cards.length} course card(s) shown`);
  cards.forEach((card) => {
    check(card.ownButtons.length >= 1, `${card.cardId} keeps its own action button (${card.ownButtons.join(', ')})`);
    check(card.hasMenu, `${card.cardId} keeps its ⋮ menu`);
    const expected = card.cardId === noRunCardId ? 0 : 1;
    check(card.controls.length === expected, `${card.cardId} has ${expected} archive control(s) (saw ${card.controls.length})`);
  });
  if (noRunCardId) {
    check(cards.some((card) => card.cardId === noRunCardId), `the entitlement without a run (${noRunCardId}) is shown, without a control`);
  }
  const countBefore = await archivedCount(page);
  check(countBefore !== null, `the Archived section shows its count before it is opened (${countBefore})`);
  check(since(start).every((r) => r.method === 'GET'), 'the first render sent no write request');

  // Archive: one click, one request; the card leaves the active list.
  const target = cards.find((card) => card.controls.length === 1 && /^Archive /.test(card.controls[0]));
  check(Boolean(target), `an active course to archive: ${target?.cardId}`);
  const courseName = target.controls[0].replace(/^Archive /, '');
  let index = apiRequests.length;
  const archivePut = page.waitForResponse((res) => res.url().includes('/by-course/') && res.request().method() === 'PUT');
  await page.locator(`[id="${target.cardId}"] ${CONTROL}`).click();
  const archived = await archivePut;
  check([200, 201].includes(archived.status()) && (await archived.json()).is_archived === true, `archive PUT answered ${archived.status()} is_archived: true`);
  await page.waitForTimeout(SETTLE_MS);
  check(since(index).length === 1 && since(index)[0].method === 'PUT', `one request for the archive click (saw ${JSON.stringify(since(index))})`);
  check(await page.getByRole('button', { name: `Archive ${courseName}`, exact: true }).count() === 0, `"${courseName}" left the active list`);
  check(await archivedCount(page) === countBefore + 1, `the Archived count went to ${countBefore + 1}`);

  // Reload: still archived, listed in the section as the dashboard's own card.
  await openDashboard();
  await page.waitForSelector(CONTROL);
  await countShown(page);
  check(await archivedCount(page) === countBefore + 1, `after a reload the Archived count is still ${countBefore + 1}`);
  await archivedToggle(page).click();
  check(await archivedToggle(page).getAttribute('aria-expanded') === 'true', 'the Archived section opened');
  const unarchive = page.locator(ARCHIVED_REGION).getByRole('button', { name: `Unarchive ${courseName}`, exact: true });
  await unarchive.waitFor();
  const archivedCards = await readCards(page, ARCHIVED_REGION);
  const archivedCard = archivedCards.find((card) => card.controls.includes(`Unarchive ${courseName}`));
  check(archivedCard && archivedCard.ownButtons.length >= 1 && archivedCard.hasMenu, `"${courseName}" is under Archived after a reload, on the dashboard's own card (buttons: ${archivedCard?.ownButtons.join(', ')})`);
  await page.screenshot({ path: join(ARTIFACTS, `${name}-archived.png`), fullPage: true });

  // The dashboard's filters: chips shown, every card still with one control.
  if (applyFilter) {
    await applyFilter();
    await page.locator('#course-list-active-filters-container').first().waitFor();
    const chips = await page.locator('#course-list-active-filters-container').first().innerText();
    check(chips.trim().length > 0, `a filter shows the dashboard's chips ("${chips.trim().replace(/\s+/g, ' ')}")`);
    const filtered = await readCards(page);
    check(filtered.every((card) => card.controls.length === (card.cardId === noRunCardId ? 0 : 1)), `with the filter, one archive control per card (${filtered.length} cards)`);
    await page.screenshot({ path: join(ARTIFACTS, `${name}-filtered.png`), fullPage: true });
    await clearFilter();
    await page.waitForTimeout(SETTLE_MS);
  }

  // Unarchive: one click, one request; the card is back among the active ones.
  if (!(await unarchive.isVisible())) { await archivedToggle(page).click(); }
  index = apiRequests.length;
  const unarchivePut = page.waitForResponse((res) => res.url().includes('/by-course/') && res.request().method() === 'PUT');
  await unarchive.click();
  const unarchived = await unarchivePut;
  check([200, 201].includes(unarchived.status()) && (await unarchived.json()).is_archived === false, `unarchive PUT answered ${unarchived.status()} is_archived: false`);
  await page.waitForTimeout(SETTLE_MS);
  check(since(index).length === 1 && since(index)[0].method === 'PUT', `one request for the unarchive click (saw ${JSON.stringify(since(index))})`);
  await page.getByRole('button', { name: `Archive ${courseName}`, exact: true }).waitFor();
  check(await archivedCount(page) === countBefore, `"${courseName}" is back among the active courses; Archived count ${countBefore}`);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
};

// The dashboard's own Learner Home request (the widget's, for other pages, comes after it).
const learnerHomeAnswer = (page) => page.waitForResponse(
  (res) => /\/api\/learner_home\/init\/?$/.test(new URL(res.url()).pathname),
);

/**
 * Auto-archive (the demo host with DEMO_AUTO_ARCHIVE_DAYS): the one course Learner Home marks
 * `courseArchive.reason: "auto"` is under Archived with a note giving its end date; Unarchive
 * sends one PUT and brings it to the active list, where it stays after a reload.
 */
export const runAutoArchiveCheck = async ({
  page, check, apiRequests, openDashboard, name,
}) => {
  const answer = learnerHomeAnswer(page);
  await openDashboard();
  const { courses = [] } = await (await answer).json();
  const autos = courses.filter((course) => course.courseRun?.courseArchive?.reason === 'auto');
  check(autos.length === 1, `Learner Home marks one course archived automatically (saw ${autos.length})`);
  const { course: { courseName }, courseRun: { endDate } } = autos[0];
  await countShown(page);
  const countBefore = await archivedCount(page);
  await archivedToggle(page).click();
  const unarchive = page.locator(ARCHIVED_REGION).getByRole('button', { name: `Unarchive ${courseName}`, exact: true });
  await unarchive.waitFor();
  const cardId = await unarchive.evaluate((button) => button.closest('[data-testid="CourseCard"]').id);
  const card = page.locator(`${ARCHIVED_REGION} [id="${cardId}"]`);
  const expectedDate = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(endDate));
  const note = (await card.locator('[data-course-archive-note]').textContent())?.trim();
  check(note === `Auto-archived: ended ${expectedDate}`, `"${courseName}" is under Archived with the note "${note}"`);
  check(await unarchive.getAttribute('aria-describedby') !== null, 'the note describes its Unarchive button');
  await card.screenshot({ path: join(ARTIFACTS, `${name}-auto-archived-card.png`) });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-auto-archived.png`), fullPage: true });

  const index = apiRequests.length;
  const put = page.waitForResponse((res) => res.url().includes('/by-course/') && res.request().method() === 'PUT');
  await unarchive.click();
  const answered = await put;
  check([200, 201].includes(answered.status()) && (await answered.json()).is_archived === false, `unarchive PUT answered ${answered.status()} is_archived: false`);
  await page.waitForTimeout(SETTLE_MS);
  const sent = apiRequests.slice(index);
  check(sent.length === 1 && sent[0].method === 'PUT' && JSON.parse(sent[0].body || '{}').is_archived === false, `one request for the click, PUT {"is_archived": false} (saw ${JSON.stringify(sent)})`);
  const activeArchive = page.locator(`[data-testid="CourseCard"]:not(${ARCHIVED_REGION} *)`).getByRole('button', { name: `Archive ${courseName}`, exact: true });
  check(await activeArchive.count() === 1, `"${courseName}" moved to the active list`);
  check(await archivedCount(page) === countBefore - 1, `the Archived count went to ${countBefore - 1}`);

  const again = learnerHomeAnswer(page);
  await openDashboard();
  const reloaded = (await (await again).json()).courses.find((course) => course.course?.courseName === courseName);
  await countShown(page);
  check(reloaded?.courseRun?.courseArchive?.isArchived === false, `after a reload Learner Home has "${courseName}" not archived (${JSON.stringify(reloaded?.courseRun?.courseArchive)})`);
  check(await archivedCount(page) === countBefore - 1, `after a reload the Archived count is still ${countBefore - 1}`);
  check(await page.locator(CONTROL).evaluateAll((controls, label) => controls.some((c) => c.getAttribute('aria-label') === label), `Archive ${courseName}`), `after a reload "${courseName}" is still active`);
};

/**
 * The kill switch (waffle flag course_archive.disabled on): the dashboard as without the plugin
 * (`?plugins=none`, the same markup), no control, no section, no error, at most one status list
 * request. `consoleErrors` may hold only the browser's own line for that refused request.
 */
export const runKillSwitchCheck = async ({
  page, check, apiRequests, consoleErrors, baseUrl, shape,
}) => {
  const dashboardHtml = async (query, answered = null) => {
    await page.goto(`${baseUrl}/dashboard/?shape=${shape}${query}`);
    await page.locator(CARD).first().waitFor();
    await answered;
    await page.waitForTimeout(SETTLE_MS);
    return page.locator('#course-archive-dashboard').innerHTML();
  };
  const plain = await dashboardHtml('&plugins=none');
  const index = apiRequests.length;
  const errorsBefore = consoleErrors.length;
  const statusAnswer = page.waitForResponse((res) => new URL(res.url()).pathname.endsWith('/course-archive-status/'));
  const answer = learnerHomeAnswer(page);
  const htmlPromise = dashboardHtml('', statusAnswer);
  const { courses = [] } = await (await answer).json();
  check(courses.length > 0 && courses.every((course) => !course.courseRun || !('courseArchive' in course.courseRun)), `${shape}: Learner Home's ${courses.length} items carry no courseArchive`);
  const refused = await statusAnswer;
  const body = await refused.json();
  check(refused.status() === 403 && body.detail === 'Course archiving is switched off on this site.', `${shape}: the status list answered ${refused.status()} ${JSON.stringify(body)}`);
  const html = await htmlPromise;
  check(html === plain, `${shape}: the dashboard's markup is exactly as without the plugin (${html.length} characters)`);
  check(await page.locator(CONTROL).count() === 0, `${shape}: no archive control`);
  check(await archivedToggle(page).count() === 0, `${shape}: no Archived section`);
  check(await page.locator('.alert, [role="alert"]').count() === 0, `${shape}: no error shown`);
  const sent = apiRequests.slice(index);
  const lists = sent.filter((r) => r.path.endsWith('/course-archive-status/'));
  check(lists.length <= 1 && sent.every((r) => r.method === 'GET'), `${shape}: ${lists.length} status list request, nothing else of the API (saw ${JSON.stringify(sent)})`);
  const logged = consoleErrors.slice(errorsBefore);
  const errors = logged.filter((text) => !(/status of 403/.test(text) && text.includes('/course-archive-status/')));
  check(errors.length === 0, `${shape}: no console errors${errors.length ? `: ${errors.join(' | ')}` : ''} (aside from ${logged.length - errors.length} line(s) of the browser's own for the refused request)`);
  await page.screenshot({ path: join(ARTIFACTS, `kill-switch-${shape}.png`), fullPage: true });
};

/**
 * Pages of active courses only: Learner Home's answer (to the dashboard and to the widget) is
 * `total` copies of the learner's first course with a run (`archived(n)` says which are
 * archived), and the archive writes are answered by the test
 * (`page.route`), so nothing is stored. With the dashboard's page size `pageSize`, page 1 shows a
 * full page of active courses, and still does after an archive. The routes are removed at the end.
 */
export const runLongListCheck = async ({
  page, check, openDashboard, name, total, archived, pageSize,
}) => {
  const isLearnerHome = (url) => /\/api\/learner_home\/init\/?$/.test(url.pathname) && !url.searchParams.has('user');
  await page.route(isLearnerHome, async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    const template = body.courses.find((course) => course.courseRun);
    body.courses = Array.from({ length: total }, (_, n) => ({
      ...template,
      course: { ...template.course, courseName: `Long course ${n}`, courseNumber: `Long${n}` },
      courseRun: {
        ...template.courseRun,
        courseId: `course-v1:OpenedX+Long${n}+2026`,
        courseArchive: archived(n)
          ? { isArchived: true, archiveDate: '2026-01-15T10:00:00Z', reason: 'learner' }
          : { isArchived: false, archiveDate: null, reason: null },
      },
      enrollment: { ...template.enrollment, lastEnrolled: new Date(Date.UTC(2026, 0, 1) - n * 86400000).toISOString() },
    }));
    await route.fulfill({ response, json: body });
  });
  const write = '**/course-archive-status/by-course/**';
  await page.route(write, async (route) => {
    const { is_archived: isArchived } = route.request().postDataJSON();
    await route.fulfill({ json: { is_archived: isArchived, archive_date: isArchived ? new Date().toISOString() : null } });
  });
  try {
    const archivedTotal = Array.from({ length: total }, (_, n) => n).filter(archived).length;
    const activeTotal = total - archivedTotal;
    await openDashboard();
    await page.getByRole('button', { name: `Archived (${archivedTotal})` }).waitFor();
    const activeCards = page.locator(`${CARD}:not(${ARCHIVED_REGION} *)`);
    const expected = Math.min(pageSize, activeTotal);
    check(await activeCards.count() === expected, `${name}: ${total} courses, ${archivedTotal} archived: page 1 shows ${expected} active courses (${await activeCards.count()})`);
    const pages = await page.getByRole('navigation', { name: 'Course List' }).getByRole('button', { name: /^Page \d+/ }).count();
    check(pages === Math.ceil(activeTotal / pageSize), `${name}: the dashboard's pagination has the ${Math.ceil(activeTotal / pageSize)} pages of the ${activeTotal} active courses (${pages})`);
    await activeCards.first().locator(CONTROL).click();
    await page.getByRole('button', { name: `Archived (${archivedTotal + 1})` }).waitFor();
    check(await activeCards.count() === expected, `${name}: after an archive page 1 still shows ${expected} active courses (${await activeCards.count()})`);
    await page.screenshot({ path: join(ARTIFACTS, `${name}-long-list.png`), fullPage: true });
  } finally {
    await page.unroute(isLearnerHome);
    await page.unroute(write);
  }
};
