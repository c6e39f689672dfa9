/**
 * Adapter of the legacy world: the learner-dashboard MFE on @edx/frontend-platform
 * (frontend-plugin-framework slots, env.config.jsx). Only this module imports frontend-platform.
 */
import { APP_AUTH_INITIALIZED, getConfig, subscribe } from '@edx/frontend-platform';
import { getAuthenticatedHttpClient, getAuthenticatedUser } from '@edx/frontend-platform/auth';
import { useIntl } from '@edx/frontend-platform/i18n';

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

export default frontendPlatform;
