// Named exports of frontend-plugin-framework for the tests, from its CommonJS build rebuilt as one
// ES module by vitest.config.mjs (rollup gives a CommonJS module's exports as the default export).
// eslint-disable-next-line import/no-unresolved
import framework from 'course-archive-tests-fpf';

export const {
  DIRECT_PLUGIN, IFRAME_PLUGIN, PLUGIN_OPERATIONS, Plugin, PluginSlot,
} = framework;
export default framework;
