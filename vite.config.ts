import { fileURLToPath } from 'node:url';
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

/**
 * Points @react-three/fiber's `import * as THREE from 'three'` at client/hall/threeForFiber.ts. Fiber registers that
 * whole namespace as JSX elements, which defeats tree-shaking: about a fifth of three.js (loaders, animation, curves,
 * helpers; ~120 KB raw, ~35 KB gzip) would ship in the hall's chunk for nothing. Build only: dev pre-bundles fiber
 * with the full namespace.
 */
function fiberWithHallCatalogue(): Plugin {
  const catalogue = fileURLToPath(new URL('./client/hall/threeForFiber.ts', import.meta.url));
  return {
    name: 'minato:fiber-three-catalogue',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'three' && importer && /[\\/]@react-three[\\/]fiber[\\/]/.test(importer)) return catalogue;
      return null;
    },
  };
}

/** Gives troika-three-text a left-to-right-only bidi (client/hall/bidiLeftToRight.ts explains why that is safe). */
function troikaWithoutBidi(): Plugin {
  const leftToRight = fileURLToPath(new URL('./client/hall/bidiLeftToRight.ts', import.meta.url));
  return {
    name: 'minato:troika-ltr',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'bidi-js' && importer && /[\\/]troika-three-text[\\/]/.test(importer)) return leftToRight;
      return null;
    },
  };
}

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [react(), withoutXREmulator(), fiberWithHallCatalogue(), troikaWithoutBidi()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    // .vite/manifest.json: the server reads it to name a directly opened page's chunks in its HTML (route-preloads.ts).
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the entry imports statically in one chunk. Left alone, the bundler cut it into a dozen
          // 1–3 KB chunks (shared with lazy pages), and over HTTP/1.1's six connections per host they queued:
          // each extra wave cost a full round trip before the app could start (≈ 0.4 s at 200 ms RTT).
          groups: [{ name: 'app', tags: ['$initial'] }],
        },
      },
    },
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
