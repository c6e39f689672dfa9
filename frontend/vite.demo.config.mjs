// Builds demo/index.jsx into demo-dist/dashboard.js (+ dashboard.css): one standalone
// IIFE page script with fixed file names, served by the Django demo host.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  publicDir: false,
  resolve: {
    alias: {
      'env.config': here('./tools/env-config-stub.js'),
      // ../env.config.jsx imports the package by name, as an MFE does: here it is this folder's src/.
      '@openedx-course-archive/frontend-plugin': here('./src/index.js'),
    },
  },
  define: {
    // frontend-platform reads process.env.* (webpack's DefinePlugin in an MFE).
    'process.env.NODE_ENV': JSON.stringify('production'),
    'process.env': '{}',
    global: 'globalThis',
  },
  build: {
    outDir: here('./demo-dist'),
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 100000000,
    lib: {
      entry: here('./demo/index.jsx'),
      name: 'CourseArchiveDemo',
      formats: ['iife'],
      fileName: () => 'dashboard.js',
      cssFileName: 'dashboard',
    },
    rollupOptions: {
      output: { assetFileNames: 'dashboard[extname]' },
    },
  },
});
