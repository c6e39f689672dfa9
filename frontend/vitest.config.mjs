import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  resolve: {
    alias: { 'env.config': fileURLToPath(new URL('./tools/env-config-stub.js', import.meta.url)) },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{js,jsx}'],
    setupFiles: ['./test-setup.js'],
    restoreMocks: true,
    reporters: ['default', './tools/summary-reporter.mjs'],
    // frontend-platform ships ES modules without "type": "module": let vite transform it.
    server: { deps: { inline: [/@edx\/frontend-platform/, /@openedx\/paragon/] } },
  },
});
