import {
  describe, it, expect, vi, beforeEach,
} from 'vitest';
import { mergeConfig } from '@edx/frontend-platform';
import { getAuthenticatedHttpClient, getAuthenticatedUser } from '@edx/frontend-platform/auth';

import {
  MAX_ORGS_PER_REQUEST, fetchArchivedStatuses, getByCourseUrl, isArchivingDisabledError, setCourseArchived,
} from '../api';
import frontendPlatform from '../platform/frontendPlatform';
import { statusRow } from './fixtures';

vi.mock('@edx/frontend-platform/auth', () => ({
  getAuthenticatedHttpClient: vi.fn(),
  getAuthenticatedUser: vi.fn(() => ({ userId: 7 })),
}));

beforeEach(() => {
  mergeConfig({ LMS_BASE_URL: 'http://lms.test/' });
});

describe('api', () => {
  it('builds the by-course URL with the course id URL-encoded', () => {
    expect(getByCourseUrl(frontendPlatform, 'course-v1:edX+DemoX+Demo_Course')).toBe(
      'http://lms.test/course-archive/api/v1/course-archive-status/by-course/course-v1%3AedX%2BDemoX%2BDemo_Course/',
    );
  });

  it('sets the status with one PUT and returns the answer', async () => {
    const put = vi.fn(async () => ({ status: 201, data: { course_id: 'c', is_archived: true } }));
    getAuthenticatedHttpClient.mockReturnValue({ put });
    await expect(setCourseArchived(frontendPlatform, 'course-v1:a+b+c', true)).resolves.toEqual({ course_id: 'c', is_archived: true });
    expect(put).toHaveBeenCalledTimes(1);
    expect(put).toHaveBeenCalledWith(
      'http://lms.test/course-archive/api/v1/course-archive-status/by-course/course-v1%3Aa%2Bb%2Bc/',
      { is_archived: true },
    );
  });

  it('propagates a failed PUT', async () => {
    getAuthenticatedHttpClient.mockReturnValue({ put: vi.fn(async () => { throw new Error('403'); }) });
    await expect(setCourseArchived(frontendPlatform, 'course-v1:a+b+c', false)).rejects.toThrow('403');
  });

  it('follows next until null and collects every row', async () => {
    const get = vi.fn(async (url) => {
      if (url.includes('page=2')) {
        return { data: { next: null, results: [statusRow('course-v1:a+b+2')] } };
      }
      return { data: { next: 'http://lms.test/x/?page=2', results: [statusRow('course-v1:a+b+1')] } };
    });
    getAuthenticatedHttpClient.mockReturnValue({ get });
    const rows = await fetchArchivedStatuses(frontendPlatform);
    expect(rows.map((r) => r.course_id)).toEqual(['course-v1:a+b+1', 'course-v1:a+b+2']);
    expect(get.mock.calls.map((c) => c[0])).toEqual([
      'http://lms.test/course-archive/api/v1/course-archive-status/?is_archived=true&page_size=100&user=7',
      'http://lms.test/x/?page=2',
    ]);
  });

  it('omits the user filter when the user is not known, and stops on a repeated next', async () => {
    getAuthenticatedUser.mockReturnValue(null);
    const get = vi.fn(async () => ({ data: { next: 'http://lms.test/same/', results: [] } }));
    getAuthenticatedHttpClient.mockReturnValue({ get });
    await expect(fetchArchivedStatuses(frontendPlatform)).resolves.toEqual([]);
    expect(get.mock.calls.map((c) => c[0])).toEqual([
      'http://lms.test/course-archive/api/v1/course-archive-status/?is_archived=true&page_size=100',
      'http://lms.test/same/',
    ]);
  });

  it('scopes the list to the given orgs, in requests of at most 50 orgs', async () => {
    getAuthenticatedUser.mockReturnValue({ userId: 7 });
    const get = vi.fn(async (url) => ({
      data: { next: null, results: [statusRow(`course-v1:${new URL(url).searchParams.get('org').split(',')[0]}+X+1`)] },
    }));
    getAuthenticatedHttpClient.mockReturnValue({ get });
    const orgs = Array.from({ length: MAX_ORGS_PER_REQUEST + 2 }, (_, i) => `Org${i}`);
    const rows = await fetchArchivedStatuses(frontendPlatform, orgs);
    const scopes = get.mock.calls.map(([url]) => new URL(url).searchParams.get('org').split(','));
    expect(scopes).toEqual([orgs.slice(0, 50), orgs.slice(50)]);
    expect(rows.map((r) => r.course_id)).toEqual(['course-v1:Org0+X+1', 'course-v1:Org50+X+1']);
    expect(get.mock.calls[0][0]).toContain(`${'?is_archived=true&page_size=100&user=7&org='}Org0%2COrg1%2C`);
  });

  it('tells the kill switch\'s 403 from other refusals', () => {
    const refusal = (status, data) => Object.assign(new Error(String(status)), { response: { status, data } });
    expect(isArchivingDisabledError(refusal(403, { detail: 'Course archiving is switched off on this site.' }))).toBe(true);
    expect(isArchivingDisabledError(refusal(403, { detail: 'x', code: 'archiving_disabled' }))).toBe(true);
    expect(isArchivingDisabledError(refusal(403, { detail: 'You do not have permission to perform this action.' }))).toBe(false);
    expect(isArchivingDisabledError(refusal(500, { detail: 'Course archiving is switched off on this site.' }))).toBe(false);
    expect(isArchivingDisabledError(new Error('Network Error'))).toBe(false);
  });
});
