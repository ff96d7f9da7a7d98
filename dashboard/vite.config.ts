import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dashboard is a static single-page app: `vite build` writes dist/, served by server.mjs (npm start)
// or any static host. The GraphQL endpoint is read at run time from /config.json, not baked in.
export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 400,
  },
  server: { port: 5173 },
});
