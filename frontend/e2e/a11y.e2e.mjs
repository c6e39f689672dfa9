#!/usr/bin/env node
/**
 * The learner's experience on the demo dashboard, in Debian's Chromium (`make e2e` runs it first):
 *
 * - keyboard only: Tab to a card's Archive, Enter: one request, focus lands on a control, a toast
 *   names the course; Tab to its Undo, Enter: one request, the course back in its place, focus
 *   on its control; a write that fails once: the card's error, Try again by keyboard; while a
 *   write is in flight the control keeps focus, its accessible name says "Archiving <course>…"
 *   and Enter again sends nothing; the toast's buttons at least 44 px tall;
 * - axe-core with every rule (experimental and best-practice ones too): no violation before,
 *   after, with the Archived section open, in Arabic and with a long list;
 * - touch: the control at least 44 px tall, as far from the card's own button as the row's gap,
 *   the archive dates as text, every note (the auto-archive one too) on at most 2 lines at 375 px,
 *   in English, Spanish and Arabic;
 * - Arabic (the openedx-language-preference cookie, which frontend-platform reads in the page):
 *   <html dir="rtl">, the controls and heading translated;
 * - 30 courses of which 20 archived (Learner Home's answer and the writes served by the test):
 *   every page of active courses full, the Archived section paged on its own; Undo after paging
 *   on shows the page the course went back to, with focus on its control, and while the toast
 *   is shown a control reached by Tab under it is lifted above it.
 *
 * The checks the real dashboards share are in a11y-checks.mjs. Screenshots at 375 px and 1280 px go
 * to E2E_SHOTS_DIR (default e2e/artifacts/).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import {
  ACTIVE_CARD, CONTROL, REGION, checkAxe as checkAxeOf, countPuts, focused, keyboardArchiveUndo, keyboardFailureRetry,
  tabTo,
} from './a11y-checks.mjs';
import {
  ARTIFACTS, accountsFromEnv, launch, login, makeChecker,
} from './flow.mjs';

const { baseUrl: BASE_URL, learner: [USERNAME, PASSWORD] } = accountsFromEnv('http://127.0.0.1:8000');
const SHOTS = process.env.E2E_SHOTS_DIR || ARTIFACTS;
const { check, finish } = makeChecker();

// The demo page is all the project's: axe must find nothing anywhere on it.
const checkAxe = (page, when) => checkAxeOf(page, check, when, { strict: true });

const openDashboard = async (page, query = '') => {
  await page.goto(`${BASE_URL}/dashboard/${query}`);
  await page.locator(CONTROL).first().waitFor();
  await page.getByRole('button', { name: /\(\d+\)/ }).first().waitFor();
};

const shoot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

const newPage = async (browser, width, { locale } = {}) => {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  if (locale) {
    await context.addCookies([{ name: 'openedx-language-preference', value: locale, url: BASE_URL }]);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const puts = countPuts(page);
  await login(page, check, BASE_URL, USERNAME, PASSWORD);
  return {
    context, page, errors, puts,
  };
};

const keyboardFlow = async (browser) => {
  const { context, page, puts } = await newPage(browser, 1280);
  await openDashboard(page);
  await checkAxe(page, 'on the dashboard as loaded');
  await shoot(page, 'desktop-1280');

  // Keyboard only, from the top of the page: Archive, then the toast's Undo.
  await keyboardArchiveUndo({
    page,
    check,
    puts,
    whileToast: async () => {
      await checkAxe(page, 'after the archive, with the toast shown');
      await shoot(page, 'desktop-1280-toast');
    },
  });

  // The Archived section: a heading whose toggle controls it; open, every rule again.
  const heading = page.getByRole('heading', { name: /^Archived \(\d+\)$/ });
  check(await heading.count() === 1, 'Archived (N) is a heading');
  const toggle = heading.getByRole('button');
  check(await toggle.getAttribute('aria-controls') === 'course-archive-archived-courses', 'its toggle has aria-controls on the section');
  await toggle.press('Enter');
  check(await toggle.getAttribute('aria-expanded') === 'true', 'Enter on the toggle opens the section');
  await page.locator(`${REGION} ${CONTROL}`).first().waitFor();
  await checkAxe(page, 'with the Archived section open');
  await shoot(page, 'desktop-1280-archived-open');
  await context.close();
};

// A write that fails once, by keyboard: the card's error, Try again, then Undo.
const failureFlow = async (browser) => {
  const { context, page, puts } = await newPage(browser, 1280);
  await openDashboard(page);
  await keyboardFailureRetry({
    page, check, puts, name: 'a failed write', afterRetry: () => shoot(page, 'desktop-1280-after-retry'),
  });
  await context.close();
};

const WRITE = '**/course-archive-status/by-course/**';

/**
 * While the write is in flight (held by the test): the control keeps focus, its accessible name
 * says so, it is aria-disabled and busy, and Enter again sends nothing. Then the toast's buttons
 * are 44 px tall; its Undo puts the course back.
 */
const pendingFlow = async (browser) => {
  const { context, page, puts } = await newPage(browser, 1280);
  await openDashboard(page);
  check(await tabTo(page, (f) => f.action === 'archive') > 0, 'pending: Tab reaches a card\'s Archive control');
  const first = await focused(page);
  const courseName = first.label.replace(/^Archive /, '');
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(WRITE, async (route) => { await held; await route.continue(); });
  const answered = page.waitForResponse((res) => res.url().includes('/by-course/') && res.request().method() === 'PUT');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-busy') === 'true');
  const busy = await page.evaluate(() => ({
    course: document.activeElement.getAttribute('data-course-archive-course'),
    name: document.activeElement.getAttribute('aria-label'),
    ariaDisabled: document.activeElement.getAttribute('aria-disabled'),
  }));
  check(busy.course === first.course && busy.name === `Archiving ${courseName}…`, `while the request is in flight the control keeps focus and is named "${busy.name}"`);
  check(busy.ariaDisabled === 'true', 'it is aria-disabled and aria-busy');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  check(puts.length === 1, `Enter again while it is pending sends nothing (${puts.length} request)`);
  release();
  check((await answered).status() < 300, `then "${courseName}" is archived`);
  await page.unroute(WRITE);
  const toast = page.locator('[data-course-archive-toast]');
  await toast.waitFor();
  const toastButtons = await toast.locator('button').evaluateAll((els) => els.map((el) => ({
    name: el.getAttribute('aria-label') || el.textContent.trim(), height: el.getBoundingClientRect().height,
  })));
  check(toastButtons.length === 2 && toastButtons.every((b) => b.height >= 44), `the toast's buttons are at least 44 px tall (${toastButtons.map((b) => `${b.name}: ${b.height} px`).join(', ')})`);
  await toast.getByRole('button', { name: 'Undo' }).click();
  await page.locator(`${ACTIVE_CARD} [data-course-archive-course="${first.course}"]`).waitFor();
  check(puts.length === 2, `Undo puts "${courseName}" back (${puts.length} requests in all)`);
  await context.close();
};

const touchChecks = async (browser) => {
  const { context, page } = await newPage(browser, 375);
  await openDashboard(page);
  await checkAxe(page, 'at 375 px');
  await shoot(page, 'mobile-375');
  const measure = () => page.locator(ACTIVE_CARD).first().evaluate((card) => {
    const row = card.querySelector('[data-test-id="CourseCardActions"]');
    const control = card.querySelector('[data-course-archive-action]');
    // The row's child that holds the control (the slot may wrap it), and the card's own button after it.
    const holder = [...row.children].find((el) => el.contains(control));
    const own = holder.nextElementSibling;
    const box = (el) => el.getBoundingClientRect();
    return { height: box(control).height, ownHeight: box(own).height, gap: box(own).left - box(holder).right };
  });
  const sizes = await measure();
  check(sizes.height >= 44, `at 375 px the control is ${sizes.height} px tall (the card's own button ${sizes.ownHeight} px)`);
  check(sizes.gap >= 8, `at 375 px it is ${sizes.gap} px from the card's own button (Paragon's row gap, 0.5rem)`);
  await page.setViewportSize({ width: 1280, height: 900 });
  const wide = await measure();
  check(wide.height >= 44 && wide.gap >= 8, `at 1280 px: ${wide.height} px tall, ${wide.gap} px from the card's own button`);
  await page.setViewportSize({ width: 375, height: 900 });
  await page.getByRole('heading', { name: /^Archived/ }).getByRole('button').click();
  await page.locator(`${REGION} ${CONTROL}`).first().waitFor();
  const notes = await page.locator(`${REGION} [data-course-archive-note]`).evaluateAll((els) => els.map((el) => ({
    kind: el.getAttribute('data-course-archive-note'),
    text: el.textContent,
    lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
  })));
  await shoot(page, 'mobile-375-archived-open');
  check(notes.length > 0 && notes.every((note) => note.text.trim()), `the archived cards show their dates as text (${notes.map((n) => n.text).join(' | ')})`);
  check(notes.some((note) => note.kind === 'auto'), 'one of them is the auto-archive note');
  check(notes.every((note) => note.lines <= 2), `no note on more than 2 lines at 375 px (${notes.map((n) => `${n.kind}: "${n.text}" ${n.lines}`).join(', ')})`);
  await checkAxe(page, 'at 375 px with the Archived section open');
  await context.close();
};

/** In Spanish and Arabic too, every archived card's note at 375 px is text on at most 2 lines. */
const narrowNotes = async (browser, locale) => {
  const { context, page } = await newPage(browser, 375, { locale });
  await openDashboard(page);
  await page.locator('.course-archive-archived h3 button').click();
  await page.locator(`${REGION} ${CONTROL}`).first().waitFor();
  const notes = await page.locator(`${REGION} [data-course-archive-note]`).evaluateAll((els) => els.map((el) => ({
    kind: el.getAttribute('data-course-archive-note'),
    text: el.textContent.trim(),
    lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
  })));
  const listed = notes.map((n) => `${n.kind}: "${n.text}" ${n.lines}`).join(', ');
  check(notes.some((note) => note.kind === 'auto') && notes.every((note) => note.text && note.lines <= 2), `${locale}, 375 px: every note as text on at most 2 lines (${listed})`);
  await shoot(page, `mobile-375-archived-open-${locale}`);
  await context.close();
};

const arabic = async (browser) => {
  for (const width of [1280, 375]) {
    const { context, page } = await newPage(browser, width, { locale: 'ar' }); // eslint-disable-line no-await-in-loop
    await page.goto(`${BASE_URL}/dashboard/`); // eslint-disable-line no-await-in-loop
    await page.locator(CONTROL).first().waitFor(); // eslint-disable-line no-await-in-loop
    const heading = page.getByRole('heading', { name: /^المؤرشفة/ });
    await heading.waitFor(); // eslint-disable-line no-await-in-loop
    check(await page.evaluate(() => document.documentElement.dir) === 'rtl', `${width} px, Arabic: <html dir="rtl">`); // eslint-disable-line no-await-in-loop
    const labels = await page.locator(CONTROL).evaluateAll((els) => els.map((el) => el.textContent.trim())); // eslint-disable-line no-await-in-loop
    check(labels.length > 0 && labels.every((text) => text === 'أرشفة'), `${width} px, Arabic: the controls read "أرشفة"`);
    await heading.getByRole('button').click(); // eslint-disable-line no-await-in-loop
    await page.locator(`${REGION} ${CONTROL}`).first().waitFor(); // eslint-disable-line no-await-in-loop
    const unarchive = await page.locator(`${REGION} ${CONTROL}`).first().textContent(); // eslint-disable-line no-await-in-loop
    check(unarchive.trim() === 'إلغاء الأرشفة', `${width} px, Arabic: Unarchive reads "${unarchive.trim()}"`);
    await checkAxe(page, `${width} px, in Arabic, right to left`); // eslint-disable-line no-await-in-loop
    await shoot(page, `arabic-rtl-${width}`); // eslint-disable-line no-await-in-loop
    await context.close(); // eslint-disable-line no-await-in-loop
  }
};

/** Learner Home's answer with 30 courses (copies of the learner's first), 20 archived; writes answered here. */
const routeLongList = async (page) => {
  await page.route((url) => /\/api\/learner_home\/init\/?$/.test(url.pathname), async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    const template = body.courses.find((course) => course.courseRun);
    body.courses = Array.from({ length: 30 }, (_, n) => {
      const courseId = `course-v1:OpenedX+Long${n}+2026`;
      return {
        ...template,
        course: { ...template.course, courseName: `Long course ${n}`, courseNumber: `Long${n}` },
        courseRun: {
          ...template.courseRun,
          courseId,
          courseArchive: n % 3 === 0
            ? { isArchived: false, archiveDate: null, reason: null }
            : { isArchived: true, archiveDate: '2026-01-15T10:00:00Z', reason: 'learner' },
        },
        enrollment: { ...template.enrollment, lastEnrolled: new Date(Date.UTC(2026, 0, 1) - n * 86400000).toISOString() },
      };
    });
    await route.fulfill({ response, json: body });
  });
  await page.route('**/course-archive-status/by-course/**', async (route) => {
    const { is_archived: archived } = route.request().postDataJSON();
    const courseId = decodeURIComponent(new URL(route.request().url()).pathname.split('/by-course/')[1].replace(/\/$/, ''));
    await route.fulfill({ json: { course_id: courseId, is_archived: archived, archive_date: archived ? new Date().toISOString() : null } });
  });
};

const longList = async (browser) => {
  const { context, page } = await newPage(browser, 1280);
  await routeLongList(page);
  await openDashboard(page);
  const activeCount = () => page.locator(ACTIVE_CARD).count();
  const courseNav = page.getByRole('navigation', { name: 'Course List' });
  check(await activeCount() === 5, `30 courses, 20 archived: page 1 shows 5 active courses (${await activeCount()})`);
  check(await page.getByRole('heading', { name: 'Archived (20)' }).count() === 1, 'the Archived count is 20');
  const pageButtons = await courseNav.getByRole('button', { name: /^Page \d+/ }).count();
  check(pageButtons === 2, `the dashboard's pagination has the 2 pages of the 10 active courses (${pageButtons})`);
  await checkAxe(page, 'with 30 courses, 20 archived');
  await shoot(page, 'long-list-1280');
  await courseNav.getByRole('button', { name: /Next/ }).click();
  check(await activeCount() === 5, `page 2 shows 5 active courses (${await activeCount()})`);
  await courseNav.getByRole('button', { name: /Previous/ }).click();
  // Archiving on page 1 keeps it full: the first course of page 2 comes up.
  await page.locator(`${ACTIVE_CARD} ${CONTROL}`).first().click();
  await page.getByRole('heading', { name: 'Archived (21)' }).waitFor();
  check(await activeCount() === 5, `after an archive page 1 still shows 5 active courses (${await activeCount()})`);
  await page.getByRole('heading', { name: /^Archived/ }).getByRole('button').click();
  const archivedNav = page.getByRole('navigation', { name: 'Archived courses pages' });
  await archivedNav.waitFor();
  check(await page.locator(`${REGION} [data-testid="CourseCard"]`).count() === 5, 'the Archived section shows a page of 5');
  check(await archivedNav.getByRole('button', { name: /^Page \d+/ }).count() === 5, 'with its own pagination of 5 pages (21 courses)');
  await checkAxe(page, 'with 30 courses, the Archived section open on its first page');
  await shoot(page, 'long-list-1280-archived-open');
  await page.setViewportSize({ width: 375, height: 900 });
  await shoot(page, 'long-list-375-archived-open');
  await context.close();
};

/**
 * Undo after paging on: the learner archives the first course of page 2, goes back to page 1,
 * then presses Undo; page 2 is shown again (the widget's own pagination says so), with focus on
 * the course's control, and the live region names the page.
 */
const undoAcrossPages = async (browser) => {
  const { context, page, puts } = await newPage(browser, 1280);
  await routeLongList(page);
  await openDashboard(page);
  const courseNav = page.getByRole('navigation', { name: 'Course List' });
  const currentPage = async () => (await courseNav.getByRole('button', { name: /Current Page/ }).first().textContent()).trim();
  await courseNav.getByRole('button', { name: /Next/ }).click();
  const control = page.locator(`${ACTIVE_CARD} ${CONTROL}`).first();
  const course = await control.getAttribute('data-course-archive-course');
  const name = (await control.getAttribute('aria-label')).replace(/^Archive /, '');
  await control.click();
  await page.getByRole('alert').filter({ hasText: `${name} was moved to Archived.` }).waitFor();
  // By keyboard, to the pagination under the cards: the toast, fixed at the bottom, does not hide it.
  check(await tabTo(page, (f) => /^Previous/.test(f.label || '')) > 0, 'Tab reaches the pagination\'s Previous while the toast is shown');
  await page.waitForTimeout(300); // the widget lifts it a frame after the focus
  const overlap = await page.evaluate(() => {
    const a = document.activeElement.getBoundingClientRect();
    const t = document.querySelector('[data-course-archive-toast]').getBoundingClientRect();
    return { focusBottom: Math.round(a.bottom), toastTop: Math.round(t.top), inView: a.top >= 0 && a.bottom <= window.innerHeight };
  });
  check(overlap.inView && overlap.focusBottom <= overlap.toastTop, `the focused Previous is above the toast (its bottom ${overlap.focusBottom} px, the toast's top ${overlap.toastTop} px)`);
  await shoot(page, 'long-list-1280-focus-above-toast');
  await page.keyboard.press('Enter');
  check(await currentPage() === '1', `the learner archived "${name}" on page 2, then went to page 1`);
  await page.locator('.toast').getByRole('button', { name: 'Undo' }).click();
  await page.waitForFunction((id) => document.activeElement?.getAttribute('data-course-archive-course') === id, course);
  check(await currentPage() === '2', `Undo shows page 2 again (the pagination says page ${await currentPage()}), focus on "${name}"'s control`);
  check(await page.locator(`${ACTIVE_CARD} ${CONTROL}`).first().getAttribute('data-course-archive-course') === course, `"${name}" is back first on page 2`);
  check(await page.getByRole('status').filter({ hasText: `${name} was moved back to your active courses, page 2.` }).count() === 1, 'the live region says it went back to page 2');
  check(puts.length === 2, `one request each for the archive and the undo (${puts.length})`);
  check(await page.locator('nav[aria-label="Course List"]').count() === 1, 'one course list navigation (the widget\'s, not the dashboard\'s besides it)');
  await checkAxe(page, 'after Undo on another page');
  await shoot(page, 'long-list-1280-undo-page-2');
  await context.close();
};

const main = async () => {
  await mkdir(SHOTS, { recursive: true });
  const browser = await launch();
  try {
    await keyboardFlow(browser);
    await failureFlow(browser);
    await touchChecks(browser);
    await narrowNotes(browser, 'es');
    await narrowNotes(browser, 'ar');
    await arabic(browser);
    await longList(browser);
    await undoAcrossPages(browser);
    await pendingFlow(browser);
  } finally {
    await browser.close();
  }
};

finish(main());
