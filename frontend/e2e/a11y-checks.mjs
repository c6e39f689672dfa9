/**
 * The learner's-experience checks that the demo dashboard (a11y.e2e.mjs) and the real learner
 * dashboards (mfe-a11y.mjs, run by mfe.e2e.mjs) share: keyboard only (archive, Undo, a failed
 * request and Try again), axe-core with every rule, and the texts of a locale's catalog.
 *
 * On the demo the whole page is the project's, and axe must find nothing on it (`strict`). On a
 * real dashboard axe runs on the whole page too, and each violation is sorted by its node: one in
 * what the widget renders fails the run, the dashboard's own are printed on a NOTE line.
 */
import { createRequire } from 'node:module';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
export const CONTROL = '[data-course-archive-action]';
export const REGION = '#course-archive-archived-courses';
export const ACTIVE_CARD = `[data-testid="CourseCard"]:not(${REGION} *)`;
const WRITE = '**/course-archive-status/by-course/**';

export const note = (text) => process.stdout.write(`NOTE ${text}\n`);

/**
 * axe-core with every rule it has enabled (experimental and best-practice ones too), on the whole
 * page. Each violation's node, as `{rule, impact, target, widget, afterWidgetHeading}`: `widget` when
 * the node is one the widget renders: the control in a card (with its note and failure), the toast,
 * and around the dashboard's list the alert, the live region and the Archived section (whose cards
 * are the dashboard's own); `afterWidgetHeading` for a heading-order one whose heading follows the
 * widget's (the widget's heading level caused it: counted as the widget's).
 */
export const axeScan = async (page) => {
  if (!(await page.evaluate(() => Boolean(window.axe)))) { await page.addScriptTag({ path: AXE }); }
  return page.evaluate(async () => {
    const rules = Object.fromEntries(window.axe.getRules().map(({ ruleId }) => [ruleId, { enabled: true }]));
    const { violations } = await window.axe.run(document, { rules, resultTypes: ['violations'], elementRef: true });
    const own = '[data-course-archive-card], [data-course-archive-toast], #toast-root:has([data-course-archive-toast]),'
      + ' .course-archive > .alert, .course-archive > [role="status"], .course-archive > p';
    const isWidget = (el) => Boolean(el?.closest && (el.closest(own)
      || (el.closest('.course-archive-archived') && !el.closest('[data-testid="CourseCard"]'))));
    // heading-order is about the heading before the flagged one: say when that one is the widget's.
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')];
    const followsWidget = (el) => isWidget(headings[headings.indexOf(el) - 1]);
    return violations.flatMap((v) => v.nodes.map((node) => ({
      rule: v.id,
      impact: v.impact,
      target: node.target.join(' '),
      widget: isWidget(node.element),
      afterWidgetHeading: v.id === 'heading-order' && followsWidget(node.element),
    })));
  });
};

const countByRule = (found) => Object.entries(found.reduce((counts, { rule, afterWidgetHeading }) => {
  const key = afterWidgetHeading ? `${rule} (a heading of the dashboard's after the widget's Archived heading)` : rule;
  return { ...counts, [key]: (counts[key] || 0) + 1 };
}, {})).map(([rule, count]) => `${rule} ×${count}`).join(', ');

/**
 * No axe violation `when`: anywhere on the page (`strict`, the demo), else in the widget's nodes,
 * the dashboard's own on a NOTE line.
 */
export const checkAxe = async (page, check, when, { strict = false } = {}) => {
  const found = await axeScan(page);
  const failing = strict ? found : found.filter((v) => v.widget || v.afterWidgetHeading);
  const listed = failing.map((v) => `${v.rule} (${v.impact}): ${v.target}`).join(' | ');
  check(failing.length === 0, `axe, every rule, ${when}: no violation${strict ? '' : ' in the widget'}${listed ? ` (${listed})` : ''}`);
  const dashboards = found.filter((v) => !v.widget && !v.afterWidgetHeading);
  if (!strict && dashboards.length) {
    note(`axe, ${when}: the dashboard's own violations (not the widget's): ${countByRule(dashboards)}`);
  }
};

/**
 * The sorting catches a violation in the widget: an invalid role put on the first control is
 * reported as the widget's (then taken away).
 */
export const checkAxeSortsWidget = async (page, check) => {
  const control = page.locator(CONTROL).first();
  await control.evaluate((el) => el.setAttribute('role', 'course-archive-e2e-invalid'));
  const planted = (await axeScan(page)).filter((v) => v.widget && v.rule === 'aria-roles');
  await control.evaluate((el) => el.removeAttribute('role'));
  check(planted.length === 1, `axe's sorting reports a violation planted in the widget as the widget's (${planted.map((v) => v.target).join(', ')})`);
};

/** The focused element, as the checks see it. */
export const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return {
    tag: el?.tagName,
    action: el?.getAttribute('data-course-archive-action'),
    course: el?.getAttribute('data-course-archive-course'),
    retry: el?.getAttribute('data-course-archive-retry'),
    label: el?.getAttribute('aria-label') || el?.textContent?.trim(),
    expanded: el?.getAttribute('aria-expanded'),
    inToast: Boolean(el?.closest('[data-course-archive-toast]')),
  };
});

/** Presses Tab until `wanted(focused)` holds; how many presses, or -1. */
export const tabTo = async (page, wanted, max = 200) => {
  for (let i = 1; i <= max; i += 1) {
    await page.keyboard.press('Tab'); // eslint-disable-line no-await-in-loop
    if (wanted(await focused(page))) { return i; } // eslint-disable-line no-await-in-loop
  }
  return -1;
};

const putAnswer = (page) => page.waitForResponse((res) => res.url().includes('/by-course/') && res.request().method() === 'PUT');
const activeOrder = (page) => page.locator(`${ACTIVE_CARD} ${CONTROL}`)
  .evaluateAll((els) => els.map((el) => el.getAttribute('data-course-archive-course')));

/** Counts the page's PUT requests from now on. */
export const countPuts = (page) => {
  const puts = [];
  page.on('request', (req) => { if (req.method() === 'PUT') { puts.push(req.url()); } });
  return puts;
};

/**
 * Keyboard only, from where the page starts (a fresh load): Tab to a card's Archive, Enter: one
 * request, focus on a control (not <body>), the toast names the course (`whileToast` runs then,
 * e.g. axe and a screenshot); Tab to its Undo, Enter: one request, the course back in its place,
 * focus on its control. `strings` are the English texts, or those of another locale.
 */
export const keyboardArchiveUndo = async ({
  page, check, puts, whileToast = async () => {}, strings = ENGLISH,
}) => {
  const presses = await tabTo(page, (f) => f.action === 'archive');
  check(presses > 0, `Tab reaches a card's Archive control (${presses} presses)`);
  const first = await focused(page);
  const courseName = strings.courseOf(first.label);
  const cardOrder = await activeOrder(page);
  const position = cardOrder.indexOf(first.course);
  const before = puts.length;
  const answered = putAnswer(page);
  await page.keyboard.press('Enter');
  check((await answered).status() < 300, `Enter archives "${courseName}"`);
  await page.getByRole('alert').filter({ hasText: strings.archived(courseName) }).waitFor();
  await page.waitForFunction((course) => !document.querySelector(`[data-course-archive-course="${course}"][data-course-archive-action="archive"]`), first.course);
  const after = await focused(page);
  check(after.tag === 'BUTTON' && (after.action === 'archive' || after.expanded !== null), `focus lands on a control (<${after.tag?.toLowerCase()}>, not <body>): ${after.label}`);
  check(after.course === cardOrder[position + 1] || after.course === cardOrder[position - 1] || after.expanded !== null, 'it is the next card\'s control (or the one before, or the Archived toggle)');
  check(puts.length - before === 1, `one request for the archive (${puts.length - before})`);
  await whileToast();

  // Undo: Tab to the toast's (it stays while focused), Enter.
  const toUndo = await tabTo(page, (f) => f.inToast && f.label === strings.undo);
  check(toUndo > 0, `Tab reaches the toast's Undo (${toUndo} presses)`);
  const undone = putAnswer(page);
  await page.keyboard.press('Enter');
  check((await undone).status() < 300 && puts.length - before === 2, 'Enter on Undo sends one request');
  await page.waitForFunction((course) => document.activeElement?.getAttribute('data-course-archive-course') === course, first.course);
  const back = await activeOrder(page);
  check(back.indexOf(first.course) === position, `"${courseName}" is back in the active list, in its place (${position + 1}), with focus on its control`);
  check(await page.getByRole('status').filter({ hasText: strings.unarchived(courseName) }).count() === 1, 'the undo is announced');
  return { courseName, courseId: first.course };
};

/**
 * A write that fails once (answered 500 by the test), by keyboard from a fresh load: Tab to
 * Archive, Enter: the card says it failed, focus on its Try again; Enter on it: the course is
 * archived (`afterRetry` runs then, e.g. a screenshot); Tab to the toast's Undo, Enter: the course
 * back in the active list. `name` prefixes the checks.
 */
export const keyboardFailureRetry = async ({
  page, check, puts, name, afterRetry = async () => {},
}) => {
  let failures = 0;
  await page.route(WRITE, async (route) => {
    if (failures > 0) { await route.fallback(); return; }
    failures += 1;
    await route.fulfill({ status: 500, json: { detail: 'e2e: this write fails once' } });
  });
  let course;
  let courseName;
  try {
    check(await tabTo(page, (f) => f.action === 'archive') > 0, `${name}: Tab reaches a card's Archive control`);
    ({ course, label: courseName } = await focused(page));
    courseName = ENGLISH.courseOf(courseName);
    const before = puts.length;
    await page.keyboard.press('Enter');
    const failure = page.locator(`[data-course-archive-failure="${course}"] [role="alert"]`);
    await failure.waitFor();
    const said = (await failure.textContent()).trim();
    check(said === `Could not archive ${courseName}.`, `${name}: the write failed, the card says "${said}"`);
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-course-archive-retry') === id, course);
    check(puts.length - before === 1, `${name}: focus on the card's Try again, after one request (${puts.length - before})`);
    const answered = putAnswer(page);
    await page.keyboard.press('Enter');
    check((await answered).status() < 300 && puts.length - before === 2, `${name}: Enter on Try again archives "${courseName}", in one request`);
    await page.getByRole('alert').filter({ hasText: ENGLISH.archived(courseName) }).waitFor();
  } finally {
    await page.unroute(WRITE);
  }
  const after = await focused(page);
  if (after.tag === 'BODY') {
    note(`${name}: after Try again archived "${courseName}", focus is on <body>: the widget asks for the course's control, now in the closed Archived section (CourseListArchive.jsx toggleWithFocus, control null)`);
  } else {
    check(after.tag === 'BUTTON', `${name}: after Try again, focus on a control: ${after.label}`);
  }
  await afterRetry();
  const toUndo = await tabTo(page, (f) => f.inToast && f.label === ENGLISH.undo);
  check(toUndo > 0, `${name}: Tab reaches the toast's Undo (${toUndo} presses)`);
  const before = puts.length;
  await page.keyboard.press('Enter');
  const back = page.locator(`${ACTIVE_CARD} [data-course-archive-course="${course}"][data-course-archive-action="archive"]`);
  await back.waitFor();
  check(await back.count() === 1 && puts.length - before === 1, `${name}: Enter on Undo, one request, "${courseName}" is back in the active list`);
};

/** The widget's English texts the checks read. */
export const ENGLISH = {
  courseOf: (label) => label.replace(/^Archive /, ''),
  archived: (name) => `${name} was moved to Archived.`,
  unarchived: (name) => `${name} was moved back to your active courses.`,
  undo: 'Undo',
};

/** The same texts, and the controls' and heading's, from one of the widget's catalogs (src/i18n/messages). */
export const catalogStrings = (catalog) => {
  const text = (id) => catalog[`course-archive.${id}`];
  const [labelPrefix] = text('course-card.archive.label').split('{courseName}');
  return {
    courseOf: (label) => label.slice(labelPrefix.length),
    archived: (name) => text('course-list.status.archived').replace('{courseName}', name),
    unarchived: (name) => text('course-list.status.unarchived').replace('{courseName}', name),
    undo: text('toast.undo'),
    archive: text('course-card.archive.button'),
    unarchive: text('course-card.unarchive.button'),
    heading: text('course-list.archived.title'),
  };
};
