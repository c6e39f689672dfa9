/**
 * Adapter of the legacy world: the learner-dashboard MFE on @edx/frontend-platform
 * (frontend-plugin-framework slots, env.config.jsx). Only this module imports frontend-platform.
 */
import {
  APP_AUTH_INITIALIZED, APP_I18N_INITIALIZED, getConfig, subscribe,
} from '@edx/frontend-platform';
import { getAuthenticatedHttpClient, getAuthenticatedUser } from '@edx/frontend-platform/auth';
import { mergeMessages, useIntl } from '@edx/frontend-platform/i18n';

import translations from '../i18n';

import { watchMasquerade } from '../masquerade';

const frontendPlatform = {
  name: 'frontend-platform',
  useIntl,
  lmsBaseUrl: () => getConfig().LMS_BASE_URL,
  httpClient: () => getAuthenticatedHttpClient(),
  user: () => getAuthenticatedUser(),
};

// The dashboard loads its list as soon as the app is ready: watch from the moment the client exists.
subscribe(APP_AUTH_INITIALIZED, () => watchMasquerade(frontendPlatform));

// The widgets' catalogs join the MFE's: its i18n configure() sets the catalogs it was given, so
// they are merged again once it has (the MFE's IntlProvider reads them when it renders).
mergeMessages(translations);
subscribe(APP_I18N_INITIALIZED, () => mergeMessages(translations));

export default frontendPlatform;
