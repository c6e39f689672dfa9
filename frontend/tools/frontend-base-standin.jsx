/**
 * The part of @openedx/frontend-base's API that the `./app` entry and its unit tests use, for
 * vitest: the package is not on the npm registry (a site packs it from a checkout of
 * openedx/frontend-base), so `make test` cannot install it. The slot semantics follow
 * frontend-base's runtime/slots: a slot's children are the widget `defaultContent` (an APPEND),
 * the site's apps add operations for the slot id, REPLACE swaps the widget named by `relatedId`,
 * a `component` widget gets the slot's props, and every widget renders inside the slot's context.
 * The real package is what `make e2e-frontend-base` builds the site with.
 */
import React, { createContext, useContext } from 'react';
import { IntlProvider, useIntl } from 'react-intl';

export { IntlProvider, useIntl };

export const WidgetOperationTypes = {
  APPEND: 'widgetAppend',
  PREPEND: 'widgetPrepend',
  INSERT_AFTER: 'widgetInsertAfter',
  INSERT_BEFORE: 'widgetInsertBefore',
  REPLACE: 'widgetReplace',
  REMOVE: 'widgetRemove',
  OPTIONS: 'widgetOptions',
};
export const LayoutOperationTypes = { OPTIONS: 'layoutOptions', REPLACE: 'layoutReplace' };

export const SITE_AUTH_INITIALIZED = 'APP.AUTH_INITIALIZED';
export const SITE_I18N_INITIALIZED = 'SITE.I18N_INITIALIZED';

// The site's catalogs by locale (runtime/i18n's mergeMessages merges locale by locale).
let siteMessages = {};
export const mergeMessages = (more = {}) => {
  const next = { ...siteMessages };
  Object.entries(more).forEach(([locale, catalog]) => { next[locale] = { ...next[locale], ...catalog }; });
  siteMessages = next;
  return siteMessages;
};
export const getMessages = (locale) => siteMessages[locale] || {};

let siteConfig = {};
export const setSiteConfig = (config) => { siteConfig = config; };
export const getSiteConfig = () => siteConfig;

const subscribers = new Map();
export const subscribe = (topic, callback) => {
  if (!subscribers.has(topic)) { subscribers.set(topic, new Set()); }
  subscribers.get(topic).add(callback);
  return callback;
};
export const publish = (topic, data) => { (subscribers.get(topic) || []).forEach((callback) => callback(topic, data)); };

// Replaced by the tests (vi.mock of this module's functions is not needed: they set these).
let httpClient = null;
let user = null;
export const configureAuthForTests = ({ client, authenticatedUser }) => { httpClient = client; user = authenticatedUser; };
export const getAuthenticatedHttpClient = () => httpClient;
export const getAuthenticatedUser = () => user;

const SlotContext = createContext({ id: '', children: null });
export const useSlotContext = () => useContext(SlotContext);

const renderWidget = (operation, props) => {
  if (operation.component) { return <operation.component {...props} />; }
  return operation.element ?? null;
};

export const Slot = ({ id, children, ...props }) => {
  const operations = [
    ...(children ? [{ op: WidgetOperationTypes.APPEND, id: 'defaultContent', element: children }] : []),
    ...(siteConfig.apps || []).flatMap((app) => (app.slots || []).filter((operation) => operation.slotId === id)),
  ];
  const absolute = [WidgetOperationTypes.APPEND, WidgetOperationTypes.PREPEND];
  const sorted = [...operations].sort((a, b) => Number(!absolute.includes(a.op)) - Number(!absolute.includes(b.op)));
  const widgets = [];
  const at = (relatedId) => widgets.findIndex((widget) => widget.id === relatedId);
  sorted.forEach((operation) => {
    const widget = { id: operation.id, operation };
    if (operation.op === WidgetOperationTypes.APPEND) { widgets.push(widget); }
    if (operation.op === WidgetOperationTypes.PREPEND) { widgets.unshift(widget); }
    if (operation.op === WidgetOperationTypes.REPLACE && at(operation.relatedId) >= 0) { widgets.splice(at(operation.relatedId), 1, widget); }
    if (operation.op === WidgetOperationTypes.REMOVE && at(operation.relatedId) >= 0) { widgets.splice(at(operation.relatedId), 1); }
  });
  return (
    <SlotContext.Provider value={{ id, children, ...props }}>
      {widgets.map((widget) => <React.Fragment key={widget.id}>{renderWidget(widget.operation, props)}</React.Fragment>)}
    </SlotContext.Provider>
  );
};
