import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = import.meta.dirname;
const checklistDir = resolve(root, 'checklists');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

function bundledChecklistNames(): string[] {
  return readdirSync(checklistDir)
    .filter((f) => f.endsWith('.json') && f !== 'checklist.schema.json')
    .sort();
}

/**
 * Web mode reads the bundled checklists over HTTP (the desktop app reads the same folder through IPC):
 * emit checklists/index.json plus each file into the build, and serve them in the dev server.
 */
function bundledChecklists(): Plugin {
  return {
    name: 'xiaobao-bundled-checklists',
    generateBundle() {
      const names = bundledChecklistNames();
      this.emitFile({ type: 'asset', fileName: 'checklists/index.json', source: JSON.stringify(names) });
      for (const n of names) {
        this.emitFile({ type: 'asset', fileName: `checklists/${n}`, source: readFileSync(resolve(checklistDir, n)) });
      }
    },
    configureServer(server) {
      server.middlewares.use('/checklists/', (req, res, next) => {
        const name = decodeURIComponent((req.url ?? '').replace(/^\//, '').split('?')[0] ?? '');
        const names = bundledChecklistNames();
        if (name === 'index.json') {
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify(names));
        } else if (names.includes(name)) {
          res.setHeader('Content-Type', 'application/json');
          res.end(readFileSync(resolve(checklistDir, name)));
        } else next();
      });
    },
  };
}

// The renderer build, shared by web mode (`npm run web`), Electron (electron.vite.config.ts) and the tests.
export const rendererConfig = {
  root: resolve(root, 'renderer'),
  base: './',
  plugins: [react(), bundledChecklists()],
  publicDir: false as const,
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    outDir: resolve(root, 'out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    target: 'chrome130',
  },
  worker: { format: 'es' as const },
};

export default defineConfig(rendererConfig);
