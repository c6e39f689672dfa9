// The frontend-base site of `make e2e-frontend-base` and `make bundle-size`: the shell and the
// learner dashboard app, on one origin with the demo host (the LMS, its login and its APIs), and
// the extra apps of src/apps.ts. scripts/frontend-base-site.sh writes src/apps.ts (the
// course-archive App, or nothing for the size without it) and src/origin.ts before each build.
import {
  EnvironmentTypes, SiteConfig, footerApp, headerApp, shellApp,
} from '@openedx/frontend-base';
import { learnerDashboardApp } from '@openedx/frontend-app-learner-dashboard';

import extraApps from './src/apps';
import origin from './src/origin';

import '@openedx/frontend-base/shell/style';

const siteConfig: SiteConfig = {
  siteId: 'course-archive-e2e',
  siteName: 'Course archive e2e',
  baseUrl: origin,
  lmsBaseUrl: origin,
  loginUrl: `${origin}/login`,
  logoutUrl: `${origin}/logout`,
  environment: EnvironmentTypes.PRODUCTION,
  apps: [shellApp, headerApp, footerApp, learnerDashboardApp, ...extraApps],
};

export default siteConfig;
