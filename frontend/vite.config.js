import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// One IIFE bundle (app.js + app.css) shared by the report (inlined into report.html) and the dashboard (served by
// ASP.NET Core from the assembly). No code splitting, no external URL.
export default defineConfig({
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: resolve(import.meta.dirname, '../src/DistillGuard.Dashboard/Assets'),
    emptyOutDir: false,
    target: 'es2020',
    cssCodeSplit: false,
    assetsInlineLimit: 100000000,
    reportCompressedSize: false,
    lib: {
      entry: resolve(import.meta.dirname, 'src/main.js'),
      name: 'DistillGuardUI',
      formats: ['iife'],
      fileName: () => 'app.js',
      cssFileName: 'app',
    },
  },
});
