/**
 * Whether the dashboard shows a list loaded while staff masquerade as a learner.
 *
 * The dashboard keeps its masquerade state to itself (redux on teak / ulmo, a React context on
 * verawood / master and the frontend-base app); what every release does is load the list with
 * `?user=<learner>` through the platform's authenticated HTTP client. An interceptor on that client remembers the
 * objects of every such answer; the dashboard copies items shallowly (adding `cardId`), so the
 * nested objects of a shown item tell which answer it came from, and clearing the masquerade
 * (which shows the staff member's own answer again) is seen without another request.
 */
import { useEffect, useState } from 'react';

import { usePlatform } from './PlatformContext';

const LEARNER_HOME_INIT = /\/learner_home\/init\/?$/;
const fromMasquerade = new WeakSet();
const listeners = new Set();
const installedOn = new WeakSet();

const isMasqueradeRequest = (config) => {
  try {
    const url = new URL(config?.url || '', window.location.href);
    const user = url.searchParams.get('user') ?? config?.params?.user;
    return LEARNER_HOME_INIT.test(url.pathname) && Boolean(user);
  } catch (e) {
    return false;
  }
};

const remember = (response) => {
  if (isMasqueradeRequest(response?.config) && Array.isArray(response?.data?.courses)) {
    response.data.courses.forEach((course) => {
      if (!course || typeof course !== 'object') { return; }
      fromMasquerade.add(course);
      ['course', 'courseRun', 'enrollment', 'courseProvider', 'entitlement'].forEach((key) => {
        if (course[key] && typeof course[key] === 'object') { fromMasquerade.add(course[key]); }
      });
    });
    listeners.forEach((notify) => notify());
  }
  return response;
};

/**
 * Installs the interceptor on the platform's client (`platform`: the adapter, see
 * PlatformContext). Idempotent; a no-op until the platform has configured its auth service.
 * Each adapter calls it when its platform says auth is initialized.
 */
export const watchMasquerade = (platform) => {
  let client = null;
  try {
    client = platform.httpClient();
  } catch (e) {
    client = null;
  }
  if (!client?.interceptors || installedOn.has(client)) { return; }
  installedOn.add(client);
  client.interceptors.response.use(remember);
};

/** Whether these dashboard items came from a masquerade answer. */
export const isMasqueradeList = (items) => items.some((item) => (
  fromMasquerade.has(item)
  || ['course', 'courseRun', 'enrollment', 'courseProvider'].some((key) => item?.[key] && fromMasquerade.has(item[key]))
));

export const useIsMasquerading = (items) => {
  watchMasquerade(usePlatform());
  const [, setVersion] = useState(0);
  useEffect(() => {
    const notify = () => setVersion((v) => v + 1);
    listeners.add(notify);
    return () => { listeners.delete(notify); };
  }, []);
  return isMasqueradeList(items);
};
