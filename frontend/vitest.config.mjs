import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { defineConfig } from 'vitest/config';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

// frontend-plugin-framework ships CommonJS that requires frontend-platform's and Paragon's ES
// modules, which node cannot load. Rebuild it once as an ES module (as the MFE's webpack would
// consume it), its imports left to vitest, so the tests share one frontend-platform (one config).
const FPF_DIR = here('./node_modules/.cache/course-archive-tests');
const fpfEntry = createRequire(import.meta.url).resolve('@openedx/frontend-plugin-framework');
await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: FPF_DIR,
    emptyOutDir: true,
    minify: false,
    // require('x') of an external gives its module namespace, as webpack's interop does.
    commonjsOptions: { esmExternals: true },
    lib: { entry: fpfEntry, formats: ['es'], fileName: () => 'frontend-plugin-framework.mjs' },
    rollupOptions: {
      external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    },
  },
});

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  resolve: {
    alias: {
      'env.config': here('./tools/env-config-stub.js'),
      // ../env.config.jsx imports the package by name, as in an MFE.
      '@openedx-course-archive/frontend-plugin': here('./src/index.js'),
      'course-archive-tests-fpf': `${FPF_DIR}/frontend-plugin-framework.mjs`,
      '@openedx/frontend-plugin-framework': here('./tools/frontend-plugin-framework.js'),
      // Not on the npm registry: see tools/frontend-base-standin.jsx.
      '@openedx/frontend-base': here('./tools/frontend-base-standin.jsx'),
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{js,jsx}'],
    setupFiles: ['./test-setup.js'],
    restoreMocks: true,
    reporters: ['default', './tools/summary-reporter.mjs'],
    // frontend-platform ships ES modules without "type": "module": let vite transform it.
    server: { deps: { inline: [/@edx\/frontend-platform/, /@openedx\/paragon/, /course-archive-tests/] } },
  },
});
