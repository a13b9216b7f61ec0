import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Native modules (better-sqlite3, onnxruntime-node) stay external: they are loaded from node_modules at run time.
export default defineConfig({
  main: {
    build: {
      // Worker-thread entries (fine-tuning, the text encoder pool, serving replicas) run beside the main process;
      // startEngineWorker finds them by these names next to index.js.
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'train-worker': resolve(__dirname, 'src/main/engine/training/train-worker.ts'),
          'encoder-worker': resolve(__dirname, 'src/main/engine/inference/encoder-worker.ts'),
          'policy-worker': resolve(__dirname, 'src/main/engine/loop/policy/policy-worker.ts'),
          'serving-worker': resolve(__dirname, 'src/main/engine/serving/serving-worker.ts'),
          'import-worker': resolve(__dirname, 'src/main/engine/import/import-worker.ts'),
          'wal-checkpoint-worker': resolve(__dirname, 'src/main/engine/store/wal-checkpoint-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only require 'electron': bundle everything else into it.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
