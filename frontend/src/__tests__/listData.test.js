import { describe, it, expect } from 'vitest';

import {
  applyDashboardView, getCourseOrg, normalizeListData, withCardIds,
} from '../listData';
import { makeCourse, makeEntitlement, masterListData, ulmoListData } from './fixtures';

describe('normalizeListData', () => {
  it('reads master\'s array of filter names', () => {
    const data = normalizeListData(masterListData([makeCourse(0)], { filters: ['done', 'upgraded'], numPages: 3 }));
    expect(data).toMatchObject({ filters: ['done', 'upgraded'], sortBy: 'enrolled', numPages: 3 });
    expect(data.visibleList.map((c) => c.cardId)).toEqual(['card-0']);
  });

  it('reads ulmo\'s filter object, with its sort order', () => {
    const data = normalizeListData(ulmoListData([makeCourse(0)], { filters: ['inProgress'], sortBy: 'title' }));
    expect(data).toMatchObject({ filters: ['inProgress'], sortBy: 'title', numPages: 1 });
  });

  it('takes missing or odd props as an empty list', () => {
    expect(normalizeListData(undefined)).toEqual({
      visibleList: [], numPages: 0, filters: [], sortBy: 'enrolled',
    });
  });
});

describe('applyDashboardView', () => {
  const courses = [makeCourse(1), makeCourse(2), makeCourse(4), makeEntitlement(5)];

  it('keeps what every filter matches, newest enrollment first', () => {
    expect(applyDashboardView(courses, ['inProgress'], 'enrolled').map((c) => c.cardId)).toEqual(['card-4', 'card-2']);
    expect(applyDashboardView(courses, ['notEnrolled'], 'enrolled').map((c) => c.cardId)).toEqual(['card-5']);
  });

  it('sorts by title A-Z', () => {
    expect(applyDashboardView([makeCourse(3), makeCourse(1)], [], 'title').map((c) => c.cardId)).toEqual(['card-1', 'card-3']);
  });
});

describe('withCardIds', () => {
  it('numbers the courses as the dashboard does, when the page agrees', () => {
    const all = [makeCourse(0), makeCourse(1)].map(({ cardId, ...rest }) => rest);
    expect(withCardIds(all, [makeCourse(1)]).map((c) => c.cardId)).toEqual(['card-0', 'card-1']);
  });

  it('gives null when a card id of the page points at another course', () => {
    expect(withCardIds([makeCourse(1), makeCourse(0)], [makeCourse(0)])).toBeNull();
  });
});

describe('getCourseOrg', () => {
  it.each([
    ['course-v1:edX+DemoX+2024', 'edX'],
    ['ccx-v1:MITx.Pro+6.00x+2024+ccx@3', 'MITx.Pro'],
    ['HarvardX/CS50/2012', 'HarvardX'],
    ['not a key', null],
    [null, null],
  ])('%s -> %s', (courseId, org) => {
    expect(getCourseOrg(courseId)).toBe(org);
  });
});
