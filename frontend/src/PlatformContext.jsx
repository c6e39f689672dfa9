import React, { createContext, useContext } from 'react';

/**
 * The runtime the widgets run in: frontend-platform (the legacy learner-dashboard MFE) or
 * frontend-base (a site with the learner-dashboard app). Each world has one adapter module in
 * `platform/`, with the same shape:
 *
 *   useIntl()      the world's react-intl hook (its own copy, with its locale and messages)
 *   lmsBaseUrl()   the LMS the API calls go to
 *   httpClient()   the authenticated axios client (JWT cookie, CSRF token on unsafe methods)
 *   user()         the authenticated user ({userId, ...}) or null
 *
 * The shared components read it from this context; each entry point provides its own adapter,
 * so that neither world's import graph reaches the other's runtime.
 */
const PlatformContext = createContext(null);

export const usePlatform = () => {
  const platform = useContext(PlatformContext);
  if (!platform) { throw new Error('course-archive: a widget was rendered without its platform adapter'); }
  return platform;
};

/** A component that renders `Component` with `platform` as the adapter of its tree. */
export const withPlatform = (platform, Component) => {
  const WithPlatform = (props) => (
    <PlatformContext.Provider value={platform}>
      <Component {...props} />
    </PlatformContext.Provider>
  );
  WithPlatform.displayName = Component.displayName || Component.name;
  WithPlatform.propTypes = Component.propTypes;
  return WithPlatform;
};

export default PlatformContext;
