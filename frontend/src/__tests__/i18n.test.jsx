import {
  describe, it, expect, vi, beforeEach,
} from 'vitest';
import React from 'react';
import { execFileSync } from 'node:child_process';
import {
  mkdtempSync, readFileSync, readdirSync, rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { render, screen, within } from '@testing-library/react';
import { getAuthenticatedHttpClient } from '@edx/frontend-platform/auth';
import { getMessages, IntlProvider } from '@edx/frontend-platform/i18n';
import { PluginSlot } from '@openedx/frontend-plugin-framework';

import messages from '../messages';
import translations from '../i18n';
import DemoCourseList from '../../demo/DemoCourseList';
import DemoData from '../../demo/DemoData';
import { configure } from './harness';
import { makeCourse, masterListData } from './fixtures';

vi.mock('@edx/frontend-platform/auth', () => ({
  getAuthenticatedHttpClient: vi.fn(),
  getAuthenticatedUser: vi.fn(() => ({ userId: 7 })),
}));

const CATALOGS = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'i18n', 'messages');
const placeholders = (text) => [...text.matchAll(/\{(\w+)/g)].map((match) => match[1]).sort();

describe('catalogs', () => {
  const ids = Object.values(messages).map((descriptor) => descriptor.id).sort();
  const files = readdirSync(CATALOGS).filter((name) => name.endsWith('.json'));

  it('ships Arabic and Spanish', () => {
    expect(files).toEqual(expect.arrayContaining(['ar.json', 'es.json']));
  });

  it.each(['ar.json', 'es.json'])('%s has an entry for every message, no other, with the same placeholders', (name) => {
    const catalog = JSON.parse(readFileSync(join(CATALOGS, name), 'utf8'));
    expect(Object.keys(catalog).sort()).toEqual(ids);
    Object.values(messages).forEach(({ id, defaultMessage }) => {
      expect(catalog[id].trim(), id).not.toBe('');
      expect(catalog[id], id).not.toBe(defaultMessage);
      expect(placeholders(catalog[id]), id).toEqual(placeholders(defaultMessage));
    });
  });

  it('`formatjs extract` (npm run i18n_extract) finds exactly the messages the catalogs translate', () => {
    const out = mkdtempSync(join(tmpdir(), 'course-archive-i18n-'));
    try {
      const root = resolve(CATALOGS, '..', '..', '..');
      execFileSync(join(root, 'node_modules', '.bin', 'formatjs'), [
        'extract', 'src/**/*.{js,jsx}', '--ignore', 'src/**/__tests__/**', '--ignore', 'src/i18n/**',
        '--format', 'transifex', '--out-file', join(out, 'source.json'),
      ], { cwd: root });
      const extracted = Object.keys(JSON.parse(readFileSync(join(out, 'source.json'), 'utf8'))).sort();
      expect(extracted).toEqual(ids);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it.each(['en', 'ar.json', 'es.json'])('%s: the accessible name of each control contains its visible text (WCAG 2.5.3)', (name) => {
    const catalog = name === 'en'
      ? Object.fromEntries(Object.values(messages).map(({ id, defaultMessage }) => [id, defaultMessage]))
      : JSON.parse(readFileSync(join(CATALOGS, name), 'utf8'));
    // The pending texts' ellipsis aside (punctuation, which speech input ignores).
    const words = (text) => text.replace(/…$/, '');
    [
      [messages.archiveButton, messages.archiveButtonLabel],
      [messages.unarchiveButton, messages.unarchiveButtonLabel],
      [messages.archivingButton, messages.archivingButtonLabel],
      [messages.unarchivingButton, messages.unarchivingButtonLabel],
    ].forEach(([text, label]) => expect(catalog[label.id], label.id).toContain(words(catalog[text.id])));
  });

  it('the index exports every catalog file by its locale', () => {
    files.forEach((name) => {
      expect(translations[name.replace(/\.json$/, '')]).toEqual(JSON.parse(readFileSync(join(CATALOGS, name), 'utf8')));
    });
  });
});

describe('in Arabic, through frontend-platform\'s i18n', () => {
  beforeEach(() => {
    getAuthenticatedHttpClient.mockReturnValue({ get: vi.fn(), put: vi.fn(), interceptors: { response: { use: vi.fn() } } });
    window.innerWidth = 1280;
    configure();
  });

  it('the controls, the heading and the date notes are translated (the adapter merged the catalogs)', async () => {
    // The legacy entry's adapter merged the catalogs into frontend-platform's when it loaded.
    await import('../legacy');
    const arabic = getMessages('ar');
    expect(arabic['course-archive.course-card.archive.button']).toBe('أرشفة');
    const page = [
      makeCourse(0, { courseArchive: { isArchived: false } }),
      makeCourse(1, { courseArchive: { isArchived: true, archiveDate: '2024-05-01T10:00:00Z' } }),
    ];
    const courseListData = masterListData(page);
    render(
      <div dir="rtl">
        <IntlProvider locale="ar" messages={arabic}>
          <DemoData.Provider value={{ byCardId: new Map(page.map((c) => [c.cardId, c])), filters: [], removeFilter: () => {} }}>
            <PluginSlot id="org.openedx.frontend.learner_dashboard.course_list.v1" pluginProps={{ courseListData }}>
              <DemoCourseList courseListData={courseListData} />
            </PluginSlot>
          </DemoData.Provider>
        </IntlProvider>
      </div>,
    );
    const archive = await screen.findByRole('button', { name: 'أرشفة Course 0' });
    expect(archive).toHaveTextContent('أرشفة');
    expect(screen.getByRole('heading', { level: 3, name: /^المؤرشفة/ })).toHaveTextContent(/^المؤرشفة \(.+\)$/);
    const toggle = within(screen.getByRole('heading', { level: 3, name: /^المؤرشفة/ })).getByRole('button');
    toggle.click();
    expect(await screen.findByRole('button', { name: 'إلغاء الأرشفة عن Course 1' })).toBeInTheDocument();
    expect(document.querySelector('[data-course-archive-note="date"]').textContent).toMatch(/^تاريخ الأرشفة: /);
  });
});

describe('through frontend-base\'s i18n', () => {
  it('the ./app entry merges the catalogs into the site\'s, and again once the site configured its i18n', async () => {
    const frontendBase = await import('@openedx/frontend-base');
    await import('../app');
    expect(frontendBase.getMessages('ar')['course-archive.course-card.archive.button']).toBe('أرشفة');
    expect(frontendBase.getMessages('es')['course-archive.toast.undo']).toBe('Deshacer');
    // The site's i18n setup replaces the catalogs: the adapter merges them again on its event.
    frontendBase.mergeMessages({ ar: { 'course-archive.toast.undo': 'x' } });
    frontendBase.publish(frontendBase.SITE_I18N_INITIALIZED);
    expect(frontendBase.getMessages('ar')['course-archive.toast.undo']).toBe('تراجع');
  });
});

describe('right to left', () => {
  it('the widgets use logical spacing and alignment only (no left/right utilities or styles)', () => {
    const SRC = resolve(CATALOGS, '..', '..');
    const files = readdirSync(SRC).filter((name) => /\.jsx?$/.test(name));
    expect(files.length).toBeGreaterThan(5);
    files.forEach((name) => {
      const code = readFileSync(join(SRC, name), 'utf8');
      expect(code, name).not.toMatch(/\b[mp][lr]-(\d|auto)|\btext-(left|right)\b|\b(margin|padding)(Left|Right)\b|\bfloat-(left|right)\b/);
    });
  });
});
