import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web UI builds to dist/, which `promptops serve` serves at `/`. In development
 * (`npm run dev -w packages/web`) Vite proxies the API to a server on PROMPTOPS_URL (default :8080).
 */
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': process.env.PROMPTOPS_URL ?? 'http://127.0.0.1:8080',
    },
  },
});
