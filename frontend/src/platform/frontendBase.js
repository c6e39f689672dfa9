/**
 * Adapter of the frontend-base world: a site with @openedx/frontend-app-learner-dashboard
 * (frontend-base slots, site.config). Only this module imports frontend-base.
 */
import {
  SITE_AUTH_INITIALIZED, getAuthenticatedHttpClient, getAuthenticatedUser, getSiteConfig, subscribe, useIntl,
} from '@openedx/frontend-base';

import { watchMasquerade } from '../masquerade';

const frontendBase = {
  name: 'frontend-base',
  useIntl,
  lmsBaseUrl: () => getSiteConfig().lmsBaseUrl,
  httpClient: () => getAuthenticatedHttpClient(),
  user: () => getAuthenticatedUser(),
};

// The dashboard loads its list as soon as the site is ready: watch from the moment the client exists.
subscribe(SITE_AUTH_INITIALIZED, () => watchMasquerade(frontendBase));

export default frontendBase;
