/**
 * Standalone page script for the demo host: configures frontend-platform the way an MFE's
 * `initialize()` does (config with this folder's env.config.jsx, logging, i18n, auth), loads a
 * Learner-Home-like course list and renders it through the real frontend-plugin-framework
 * slots, with stand-ins for the dashboard's CourseList and CourseCard.
 *
 * The host page provides `<div id="course-archive-dashboard">` and
 * `<script id="course-archive-demo-config" type="application/json">{...}</script>` with
 * LMS_BASE_URL, LEARNER_HOME_URL and PAGE_SIZE. `?shape=object` gives the slot teak / ulmo's
 * props (default: master's); `?user=<learner>` loads the list as the dashboard does while staff
 * masquerade; `?plugins=none` configures no plugin (the dashboard as without this package, which
 * the kill switch's e2e check compares with).
 */
import React from 'react';
import { createRoot } from 'react-dom/client';
import {
  APP_AUTH_INITIALIZED, APP_I18N_INITIALIZED, getConfig, mergeConfig, publish, subscribe,
} from '@edx/frontend-platform';
import {
  configure as configureLogging, getLoggingService, NewRelicLoggingService, logError,
} from '@edx/frontend-platform/logging';
import {
  configure as configureI18n, getLocale, getMessages, handleRtl, IntlProvider,
} from '@edx/frontend-platform/i18n';
import {
  AxiosJwtAuthService, configure as configureAuth, ensureAuthenticatedUser,
} from '@edx/frontend-platform/auth';

import { Alert } from '@openedx/paragon';

import '@openedx/paragon/dist/core.min.css';
import '@openedx/paragon/dist/light.min.css';

import envConfig from '../env.config';
import DemoDashboard from './DemoDashboard';

const MOUNT_ID = 'course-archive-dashboard';
const CONFIG_ID = 'course-archive-demo-config';

const readPageConfig = () => {
  const node = document.getElementById(CONFIG_ID);
  let parsed = {};
  if (node && node.textContent) {
    try {
      parsed = JSON.parse(node.textContent);
    } catch (e) {
      parsed = {};
    }
  }
  const lms = String(parsed.LMS_BASE_URL || window.location.origin).replace(/\/+$/, '');
  return {
    LMS_BASE_URL: lms,
    LEARNER_HOME_URL: parsed.LEARNER_HOME_URL || '/api/learner_home/init/',
    PAGE_SIZE: Number(parsed.PAGE_SIZE) > 0 ? Number(parsed.PAGE_SIZE) : 5,
  };
};

export const configurePlatform = (pageConfig, pluginSlots = envConfig.pluginSlots) => {
  const lms = pageConfig.LMS_BASE_URL;
  mergeConfig({
    ENVIRONMENT: 'production',
    BASE_URL: window.location.origin,
    LMS_BASE_URL: lms,
    LOGIN_URL: `${lms}/login/`,
    LOGOUT_URL: `${lms}/logout/`,
    REFRESH_ACCESS_TOKEN_ENDPOINT: `${lms}/login_refresh`,
    ACCESS_TOKEN_COOKIE_NAME: 'edx-jwt-cookie-header-payload',
    CSRF_TOKEN_API_PATH: '/csrf/api/v1/token',
    LANGUAGE_PREFERENCE_COOKIE_NAME: 'openedx-language-preference',
    USER_INFO_COOKIE_NAME: 'edx-user-info',
    SITE_NAME: 'Course archive demo',
    PUBLIC_PATH: '/',
    pluginSlots,
  });
  const config = getConfig();
  configureLogging(NewRelicLoggingService, { config });
  const loggingService = getLoggingService();
  // As an MFE's initialize(): the locale from the openedx-language-preference cookie (then the
  // browser's), dir="rtl" on <html> for a right-to-left one; plugins merge their catalogs on
  // APP_I18N_INITIALIZED.
  configureI18n({ config, loggingService, messages: {} });
  publish(APP_I18N_INITIALIZED);
  configureAuth(AxiosJwtAuthService, { config, loggingService });
  publish(APP_AUTH_INITIALIZED);
};

const start = async () => {
  const mount = document.getElementById(MOUNT_ID);
  if (!mount) { return; }
  const pageConfig = readPageConfig();
  const query = new URLSearchParams(window.location.search);
  // frontend-platform delivers events asynchronously, to subscribers in the order they came: this
  // one runs after the plugins' (subscribed when their modules loaded) merged their catalogs.
  const i18nReady = new Promise((resolve) => { subscribe(APP_I18N_INITIALIZED, resolve); });
  configurePlatform(pageConfig, query.get('plugins') === 'none' ? {} : envConfig.pluginSlots);
  const root = createRoot(mount);
  try {
    // Redirects to LOGIN_URL?next=... when there is no session.
    await ensureAuthenticatedUser(window.location.href);
  } catch (error) {
    if (!error?.isRedirecting) {
      logError(error);
      root.render(
        <Alert variant="danger" className="m-4">
          {`Could not authenticate against ${pageConfig.LMS_BASE_URL}: ${error?.message || error}`}
        </Alert>,
      );
    }
    return;
  }
  // With the plugins' catalogs merged, the cookie's locale is a supported one.
  await i18nReady;
  const locale = getLocale();
  handleRtl();
  document.documentElement.setAttribute('lang', locale);
  const masqueradeUser = query.get('user');
  const learnerHomeUrl = masqueradeUser
    ? `${pageConfig.LEARNER_HOME_URL}?${new URLSearchParams({ user: masqueradeUser })}`
    : pageConfig.LEARNER_HOME_URL;
  root.render(
    <IntlProvider locale={locale} messages={getMessages(locale) || {}}>
      <DemoDashboard
        learnerHomeUrl={learnerHomeUrl}
        pageSize={pageConfig.PAGE_SIZE}
        shape={query.get('shape') === 'object' ? 'object' : 'array'}
      />
    </IntlProvider>,
  );
};

start().catch((error) => logError(error));
