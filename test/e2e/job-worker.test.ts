// The worker pipeline in Chromium: a small page (fixtures/job-page) is built with the app's worker
// settings, served under the app's CSP, and runs the real ledger-workbook worker: progress arrives,
// cancel stops the worker's job, and a finished export hands back a complete .xlsx.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../build/scripts/serve-web.mjs';
import { rendererConfig } from '../../vite.config';
import { launchApp } from './harness';
import type { AppSession } from './harness';
import { LEDGER_COLUMNS } from '../../renderer/io/ledger-workbook';
import { columnLetter } from '../../renderer/core/workbook-spec';

const ROWS = 20_000;

let outDir = '';
let server: { url: string; close: () => Promise<void> } | undefined;
let app: AppSession | undefined;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'xiaobao-job-page-'));
  await build({
    configFile: false,
    root: resolve(import.meta.dirname, 'fixtures/job-page'),
    base: './',
    publicDir: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: rendererConfig.build.target, chunkSizeWarningLimit: 4096 },
    worker: rendererConfig.worker,
  });
  server = await startServer({ root: outDir, port: 0 });
  app = await launchApp({ url: server.url });
  await app.page.locator('#status', { hasText: 'ready' }).waitFor();
});

afterAll(async () => {
  await app?.close();
  await server?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('ledger-workbook worker in Chromium', () => {
  it('stops when cancelled: the job in the worker ends, reports job.cancelled and stops reading its rows', async () => {
    const run = await app!.page.evaluate((rows) => window.jobPage.exportRows(rows, 'stream', 2000), ROWS);
    expect(run.ok).toBe(false);
    // No detail: the worker stopped by itself, it did not have to be terminated.
    expect(run.error).toEqual({ code: 'job.cancelled' });
    expect(run.cancelledAt).toBeGreaterThanOrEqual(2000);
    expect(run.progressAfterCancel).toBe(0);
    expect(run.progress.at(-1)?.done).toBeLessThan(ROWS);
    // The page produced rows only as the worker asked for them, and no more once it stopped.
    expect(run.produced).toBeLessThan(ROWS / 2);
    expect(app!.errors).toEqual([]);
  });

  it.each(['array', 'stream'] as const)('finishes with progress and hands back a complete workbook (rows as %s)', async (mode) => {
    const run = await app!.page.evaluate(([rows, m]) => window.jobPage.exportRows(rows, m, null), [ROWS, mode] as const);
    expect(run.error).toBeNull();
    expect(run.ok).toBe(true);
    expect(run.isUint8Array).toBe(true);

    const dones = run.progress.map((p) => p.done);
    expect(dones.length).toBeGreaterThanOrEqual(3);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(run.progress[0]).toEqual({ done: 0, total: ROWS, phase: 'rows' });
    expect(run.progress.at(-1)).toEqual({ done: ROWS, total: ROWS, phase: 'finishing' });

    const bytes = new Uint8Array(Buffer.from(run.base64, 'base64'));
    expect(strFromU8(bytes.subarray(0, 2))).toBe('PK');
    const files = unzipSync(bytes);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet.match(/<row /g)).toHaveLength(ROWS + 1);
    expect(sheet).toContain(`<autoFilter ref="A1:${columnLetter(LEDGER_COLUMNS.length)}${ROWS + 1}"/>`);
    expect(strFromU8(files['xl/workbook.xml']!)).toContain('<sheet name="汇总"');
    expect(app!.errors).toEqual([]);
  });
});
