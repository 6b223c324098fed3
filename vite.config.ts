import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API server port `npm run dev` starts beside Vite (see scripts/dev.mjs). */
const apiPort = Number(process.env.API_PORT ?? 3001);
const api = `http://127.0.0.1:${apiPort}`;

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: Number(process.env.PORT ?? 3000),
    proxy: {
      '/api': api,
      '/media': api,
      '/uploads': api,
      '/metrics': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
