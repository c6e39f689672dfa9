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
      apiRequests.push({ method: req.method(), path: url.pathname, search: url.search });
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
