// Vite: React, and in development the API proxied to the server on port 3000 (npm run trellis start).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    target: 'es2022',
    // The report below is what the performance budget (initial JS under 250 KB gzipped) is read from.
    reportCompressedSize: true,
  },
});
