import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The admin console, served by `steward serve` under /admin from dist/admin (src/modules/console).
export default defineConfig({
  root: import.meta.dirname,
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../../dist/admin'),
    emptyOutDir: true,
    // No inline scripts or styles: the console's CSP allows only its own files.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
