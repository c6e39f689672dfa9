/**
 * Adapter of the frontend-base world: a site with @openedx/frontend-app-learner-dashboard
 * (frontend-base slots, site.config). Only this module imports frontend-base.
 */
import {
  SITE_AUTH_INITIALIZED, SITE_I18N_INITIALIZED, getAuthenticatedHttpClient, getAuthenticatedUser, getSiteConfig,
  mergeMessages, subscribe, useIntl,
} from '@openedx/frontend-base';

import translations from '../i18n';

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

// The widgets' catalogs join the site's: frontend-base's App has no messages of its own (its
// App type: appId, routes, providers, slots, ...), and its i18n setup sets the site's catalogs,
// so they are merged once it has.
mergeMessages(translations);
subscribe(SITE_I18N_INITIALIZED, () => mergeMessages(translations));

export default frontendBase;
