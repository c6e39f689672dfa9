/**
 * The learner's experience on a real learner dashboard (mfe.e2e.mjs runs it first, on the legacy
 * MFE and on the frontend-base site), with the checks of the demo's a11y.e2e.mjs (a11y-checks.mjs):
 *
 * - at 1280 px and 375 px: keyboard only (Tab to Archive, Enter, focus on a control, Tab to the
 *   toast's Undo, Enter, the course back), axe-core with every rule as loaded, with the toast and
 *   with the Archived section open (the widget's nodes must pass; the dashboard's own violations
 *   are a NOTE), the control's height and the archived cards' notes;
 * - a write that fails once: the card's error, Try again by keyboard;
 * - Arabic (the openedx-language-preference cookie): <html dir="rtl"> set by the dashboard's own
 *   i18n, the widget's controls, heading and toast in the texts of src/i18n/messages/ar.json.
 *
 * It leaves the learner's data as it found it (every archive is undone). Screenshots
 * `<name>-<width>-<what>.png` go to e2e/artifacts/.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  ACTIVE_CARD, CONTROL, REGION, catalogStrings, checkAxe, checkAxeSortsWidget, countPuts, keyboardArchiveUndo,
  keyboardFailureRetry, note,
} from './a11y-checks.mjs';
import { ARTIFACTS, login } from './flow.mjs';

const ARABIC = catalogStrings(JSON.parse(await readFile(new URL('../src/i18n/messages/ar.json', import.meta.url), 'utf8')));

/** The toggle of the Archived section, whose name starts with `heading` (the locale's). */
const archivedToggle = (page, heading) => page.locator('.course-archive-archived h3').getByRole('button', { name: new RegExp(`^${heading}`) });

/** The toast's buttons (Undo, close) smaller than a 44 px touch target, as "name: w×h". */
const smallToastTargets = (page) => page.locator('[data-course-archive-toast] button').evaluateAll((els) => els
  .map((el) => ({ name: el.getAttribute('aria-label') || el.textContent.trim(), box: el.getBoundingClientRect() }))
  .filter(({ box }) => box.width < 44 || box.height < 44)
  .map(({ name, box }) => `${name}: ${Math.round(box.width)}×${Math.round(box.height)} px`));

/** Height of the first active control; lines of each note of the open Archived section. */
const measure = async (page) => ({
  height: await page.locator(`${ACTIVE_CARD} ${CONTROL}`).first().evaluate((el) => el.getBoundingClientRect().height),
  notes: await page.locator(`${REGION} [data-course-archive-note]`).evaluateAll((els) => els.map((el) => ({
    kind: el.getAttribute('data-course-archive-note'),
    text: el.textContent,
    lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
  }))),
});

export const runLearnerExperience = async ({
  browser, check, baseUrl, dashboard, name, learner: [username, password],
}) => {
  const shoot = (page, what, fullPage = true) => page.screenshot({ path: join(ARTIFACTS, `${name}-${what}.png`), fullPage });
  const open = async (width, locale) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    if (locale) { await context.addCookies([{ name: 'openedx-language-preference', value: locale, url: baseUrl }]); }
    const page = await context.newPage();
    page.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS || 30000));
    await login(page, check, baseUrl, username, password);
    const puts = countPuts(page);
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(dashboard);
    await page.locator(CONTROL).first().waitFor();
    await page.locator('.course-archive-archived h3').getByRole('button', { name: /\(\d+\)/ }).waitFor();
    const close = async () => {
      check(errors.length === 0, `${name}, ${width} px${locale ? `, ${locale}` : ''}: no uncaught error in the page${errors.length ? `: ${errors.join(' | ')}` : ''}`);
      await context.close();
    };
    return { page, puts, close };
  };

  // The Archived section opened: axe, the notes' lines, screenshots.
  const openArchived = async (page, heading, at, shot) => {
    await archivedToggle(page, heading).click();
    await page.locator(`${REGION} ${CONTROL}`).first().waitFor();
    await checkAxe(page, check, `${at}, with the Archived section open`);
    const { notes } = await measure(page);
    const lines = notes.map((n) => `${n.kind} "${n.text}": ${n.lines}`).join(', ');
    check(notes.length > 0 && notes.every((n) => n.lines <= 3), `${at}: the archived cards' notes, on at most 3 lines (${lines})`);
    if (notes.some((n) => n.lines > 2)) { note(`${at}: a note under Unarchive wraps on more than 2 lines (${lines})`); }
    await page.locator('.course-archive-archived').screenshot({ path: join(ARTIFACTS, `${name}-${shot}-section.png`) });
    await shoot(page, shot);
  };

  const english = async (width) => {
    const { page, puts, close } = await open(width);
    const at = `${name}, ${width} px`;
    if (width === 1280) { await checkAxeSortsWidget(page, check); }
    await checkAxe(page, check, `${at}, as loaded`);
    await shoot(page, `${width}-active`);
    await page.locator(ACTIVE_CARD).first().screenshot({ path: join(ARTIFACTS, `${name}-${width}-active-card.png`) });
    await keyboardArchiveUndo({
      page,
      check,
      puts,
      whileToast: async () => {
        await checkAxe(page, check, `${at}, after an archive, with the toast shown`);
        await shoot(page, `${width}-toast`, false);
        const small = await smallToastTargets(page);
        if (small.length) { note(`${at}: the toast's buttons (Paragon's Toast) are under 44 px: ${small.join(', ')}`); }
      },
    });
    const { height } = await measure(page);
    check(height >= 44, `${at}: the Archive control is ${height} px tall`);
    await openArchived(page, 'Archived', at, `${width}-archived-open`);
    await close();
  };
  for (const width of [1280, 375]) { await english(width); } // eslint-disable-line no-await-in-loop

  // A write that fails once, by keyboard; then the toast's Undo puts the course back.
  const failing = await open(1280);
  await keyboardFailureRetry({
    ...failing, check, name: `${name}, a failed write`, afterRetry: () => shoot(failing.page, '1280-after-retry', false),
  });
  await failing.close();

  // Arabic: the dashboard's i18n puts the page right to left; the widget's texts are the catalog's.
  const arabic = async (width) => {
    const { page, puts, close } = await open(width, 'ar');
    const at = `${name}, ${width} px, Arabic`;
    const { dir, lang } = await page.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang }));
    check(dir === 'rtl', `${at}: <html dir="${dir}" lang="${lang}">`);
    const texts = await page.locator(CONTROL).evaluateAll((els) => els.map((el) => el.textContent.trim()));
    check(texts.length > 0 && texts.every((t) => t === ARABIC.archive || t === ARABIC.unarchive), `${at}: the controls read "${[...new Set(texts)].join('", "')}"`);
    const heading = await archivedToggle(page, ARABIC.heading).textContent();
    check(heading.startsWith(ARABIC.heading), `${at}: the section's heading reads "${heading}"`);
    await shoot(page, `${width}-arabic`);
    await keyboardArchiveUndo({
      page,
      check,
      puts,
      strings: ARABIC,
      whileToast: async () => {
        await checkAxe(page, check, `${at}, with the toast shown`);
        await shoot(page, `${width}-arabic-toast`, false);
      },
    });
    await openArchived(page, ARABIC.heading, at, `${width}-arabic-archived-open`);
    await close();
  };
  for (const width of [1280, 375]) { await arabic(width); } // eslint-disable-line no-await-in-loop
};
