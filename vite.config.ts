import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** The API server port `npm run dev` starts beside Vite (see scripts/dev.mjs). */
const apiPort = Number(process.env.API_PORT ?? 3001);
const api = `http://127.0.0.1:${apiPort}`;

/**
 * @pmndrs/xr lazily imports its WebXR emulator (iwer, its dev UI and synthetic rooms: megabytes of chunks) for
 * localhost. The hall never turns emulation on (tests install iwer themselves), so the build leaves it out.
 */
function withoutXREmulator(): Plugin {
  const stub = '\0minato:no-xr-emulator';
  return {
    name: 'minato:no-xr-emulator',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './emulate.js' && importer && /[\\/]@pmndrs[\\/]xr[\\/]/.test(importer)) return stub;
      return null;
    },
    load(id) {
      if (id !== stub) return null;
      return 'export function emulate() { throw new Error("The WebXR emulator is not part of this build"); }';
    },
  };
}

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [react(), withoutXREmulator()],
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
