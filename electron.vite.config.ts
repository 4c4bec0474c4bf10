import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Our folders are not electron-vite's default src/main, src/preload,
// src/renderer, so every entry and the renderer root are named here.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          // The web shell: the same engine and service, served to a browser.
          web: resolve(__dirname, 'src-main/shell/web-main.ts'),
          // The command line (bin/socket-workbench.cjs): the same engine and codecs, no Electron.
          cli: resolve(__dirname, 'src-main/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    // iconv-lite (our one text codec) expects Node's Buffer and StringDecoder;
    // the browser gets their npm ports.
    resolve: { alias: { buffer: 'buffer/', string_decoder: 'string_decoder/' } },
    define: { global: 'globalThis' },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: {
        input: resolve(__dirname, 'src-renderer/index.html'),
      },
    },
    plugins: [react()],
  },
});
