import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { trustedDocuments } from './src/build/trusted-documents.ts';

// The dashboard is a static single-page app: `vite build` writes dist/, served by server.mjs (npm start)
// or any static host. The GraphQL endpoint is read at run time from /config.json, not baked in. The
// operations are sent by trusted-document id, so the build leaves their text out (trustedDocuments()).
export default defineConfig({
  plugins: [react(), trustedDocuments()],
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      onwarn(warning, warn) {
        // GraphiQL's modules start with the React Compiler's "use no memo", which only means something to
        // that compiler when it builds GraphiQL itself: bundling them drops it harmlessly.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && /node_modules/.test(warning.id ?? '') && /use no memo/.test(warning.message))
          return;
        warn(warning);
      },
    },
  },
  server: { port: 5173 },
});
