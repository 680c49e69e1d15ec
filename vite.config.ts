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

/**
 * renderer/early.ts as an entry of its own, first in the page's head: a few hundred bytes that start
 * opening the database (db/warm-open.ts) while the app's 2 MB of scripts load. As a second module
 * script in index.html, Vite would merge it into the app's entry, which runs only after every chunk
 * the app imports has run.
 */
function earlyScript(): Plugin {
  const entry = resolve(root, 'renderer/early.ts');
  let building = false;
  return {
    name: 'xiaobao-early-script',
    buildStart() {
      // Only in a build (the dev server has no chunks to emit; it serves early.ts itself).
      if (!building) return;
      this.emitFile({ type: 'chunk', id: entry, name: 'early' });
    },
    configResolved(config) {
      building = config.command === 'build';
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunk = ctx.bundle ? Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.facadeModuleId === entry) : undefined;
        if (ctx.bundle && !chunk) throw new Error('early.ts was not emitted as a chunk');
        const src = chunk ? `./${chunk.fileName}` : '/early.ts';
        // Right after the Content-Security-Policy, which must come before any script it governs.
        const csp = /<meta http-equiv="Content-Security-Policy"[^>]*>/.exec(html);
        if (!csp) throw new Error('index.html has no Content-Security-Policy meta element');
        const at = csp.index + csp[0].length;
        return `${html.slice(0, at)}\n    <script type="module" crossorigin src="${src}"></script>${html.slice(at)}`;
      },
    },
  };
}

// The renderer build, shared by web mode (`npm run web`), Electron (electron.vite.config.ts) and the tests.
export const rendererConfig = {
  root: resolve(root, 'renderer'),
  base: './',
  plugins: [react(), bundledChecklists(), earlyScript()],
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
