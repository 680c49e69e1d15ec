// The import worker opens the picked files together with helper workers (issue 7: opening is most of a
// preview and each file is independent). A helper only ever makes an import faster, never different:
// the same reports, the same refusals and the same records as the import worker opening every file
// itself; a helper that cannot start or crashes leaves its files to the import worker and is not used
// again; cancelling terminates a helper still opening a file. Helpers here are real job handlers behind a
// MessageChannel (fake-worker.ts), so what they open crosses a structured clone as it does between threads.
import { describe, expect, it } from 'vitest';
import type { XbDb } from '../../renderer/db/db';
import type { ImportDecisions } from '../../renderer/db/repos/ledger-import';
import type { Result } from '../../renderer/core/result';
import type { LedgerImportJobOutput } from '../../renderer/workers/jobs';
import { ledgerImportHandlers } from '../../renderer/workers/ledger-import-handler';
import { helperCount, helperOpener, ledgerOpenHandlers, type PackageOpener } from '../../renderer/workers/package-opening';
import type { JobProgress } from '../../renderer/workers/protocol';
import { fakeWorker, type FakeWorker } from '../renderer/workers/fake-worker';
import { unwrap } from './finding-helpers';
import { ACTOR, demoPackages, flipBit, headOffice, trustAll } from './import-campaign';

type File = { name: string; bytes: Uint8Array };

/** The import job of one worker (kept between its runs, as the page keeps its worker). */
function importWorker(db: XbDb, helpers: readonly PackageOpener[] = []) {
  const [job] = ledgerImportHandlers(() => ({ db, release: () => undefined }), helpers);
  return async (files: readonly File[], decisions: ImportDecisions | null, options: { signal?: AbortSignal; progress?: (p: JobProgress) => void } = {}) => {
    const input = { files: files.map((f) => ({ name: f.name, bytes: f.bytes.slice() })), password: null, decisions, actor: ACTOR };
    const context = { signal: options.signal ?? new AbortController().signal, progress: options.progress ?? (() => undefined) };
    return (await job!.run(input, context)) as Result<LedgerImportJobOutput>;
  };
}

/** Helpers made by `make`, with every worker they started. */
function helpersOf(count: number, make: () => FakeWorker = () => fakeWorker(ledgerOpenHandlers())) {
  const started: FakeWorker[] = [];
  const helpers = Array.from({ length: count }, () =>
    helperOpener(() => {
      const worker = make();
      started.push(worker);
      return worker;
    }),
  );
  const opened = () => started.map((w) => w.sent.filter((m) => (m as { type?: string }).type === 'start').length);
  return { helpers, started, opened };
}

/** What a head office holds after an import, without what differs between two set-ups (ids of its own). */
async function holdings(db: XbDb) {
  const findings = await db.findings.orderBy('localSeq').toArray();
  return {
    findings: findings.map((f) => [f.id, f.rev, f.status, f.localSeq]),
    history: await db.history.count(),
    answers: await db.answers.count(),
    attachments: (await db.attachments.toCollection().primaryKeys()).sort(),
    imports: await db.imports.count(),
  };
}

async function campaign(): Promise<File[]> {
  const demo = await demoPackages('import-helpers', 3);
  const files = demo.packages.map((p, n) => ({ name: `${n + 1}.xbledger`, bytes: p.bytes }));
  // A damaged file in the middle: refused with its reason, wherever it was opened.
  return [files[0]!, { name: 'damaged.xbledger', bytes: flipBit(files[1]!.bytes, files[1]!.bytes.length * 4) }, ...files.slice(1)];
}

describe('opening the picked files on helper workers', { timeout: 300_000 }, () => {
  it('previews and imports exactly as the import worker alone does', async () => {
    const files = await campaign();
    const aloneDb = await headOffice([]);
    const alone = importWorker(aloneDb);
    const expected = unwrap(await alone(files, null));
    expect(expected.reports).toHaveLength(3);
    expect(expected.unreadable.map((u) => u.fileName)).toEqual(['damaged.xbledger']);

    const db = await headOffice([]);
    const { helpers, started, opened } = helpersOf(1);
    const run = importWorker(db, helpers);
    const progress: JobProgress[] = [];
    const preview = unwrap(await run(files, null, { progress: (p) => progress.push(p) }));
    expect(preview).toEqual(expected);
    // The helper opened files (it is sent two before the import worker starts on its own), and so did the import worker.
    expect(started).toHaveLength(1);
    expect(opened()[0]).toBeGreaterThanOrEqual(2);
    expect(opened()[0]).toBeLessThan(files.length);
    const reading = progress.filter((p) => p.phase === 'reading').map((p) => p.done);
    expect(reading.at(-1)).toBe(files.length);
    expect(reading).toEqual([...reading].sort((a, b) => a - b));

    // The confirmation uses what the helpers opened (the same bytes): nothing is sent to them again.
    const readable = files.filter((f) => f.name !== 'damaged.xbledger');
    const before = opened();
    const confirmed = unwrap(await run(readable, trustAll(preview.reports)));
    expect(opened()).toEqual(before);
    unwrap(await alone(readable, trustAll(expected.reports)));
    expect(confirmed.reports.map((r) => r.imported)).toEqual([true, true, true]);
    expect(await holdings(db)).toEqual(await holdings(aloneDb));
    expect((await holdings(db)).findings.length).toBeGreaterThan(0);
  });

  it('opens the files itself when a helper cannot start or crashes, and does not use that helper again', async () => {
    const files = await campaign();
    const expected = unwrap(await importWorker(await headOffice([]))(files, null));
    let creations = 0;
    const cannotStart: PackageOpener = helperOpener(() => {
      creations += 1;
      throw new Error('nested workers are not available');
    });
    // A worker that fails as soon as it is sent a file (as one whose script cannot load does).
    const crashing = helpersOf(1, () => {
      const worker = fakeWorker(ledgerOpenHandlers());
      const post = worker.postMessage.bind(worker);
      worker.postMessage = (message, options) => {
        post(message, options);
        queueMicrotask(() => worker.crash('Failed to fetch the worker script'));
      };
      return worker;
    });
    const run = importWorker(await headOffice([]), [cannotStart, ...crashing.helpers]);
    expect(unwrap(await run(files, null))).toEqual(expected);
    expect(crashing.started).toHaveLength(1);
    expect(crashing.started[0]!.terminated).toBe(true);
    // A second preview of other files, then of these again (so none is kept from before), does not try them again.
    unwrap(await run([files[1]!], null));
    expect(unwrap(await run(files.slice().reverse(), null)).unreadable.map((u) => u.fileName)).toEqual(['damaged.xbledger']);
    expect(creations).toBe(1);
    expect(crashing.started).toHaveLength(1);
  });

  it('a package that fails to open on a helper is reported, and the helper is kept', async () => {
    const files = await campaign();
    const { helpers, started, opened } = helpersOf(1);
    const run = importWorker(await headOffice([]), helpers);
    // The damaged file goes to the helper first.
    const out = unwrap(await run([files[1]!, files[0]!, files[2]!], null));
    expect(out.unreadable.map((u) => u.fileName)).toEqual(['damaged.xbledger']);
    expect(out.unreadable[0]!.error.code).toMatch(/^(package|ledger)\./);
    expect(out.reports).toHaveLength(2);
    const first = opened()[0]!;
    // Previewing only the damaged file drops what was kept, so the next preview opens every file again.
    unwrap(await run([files[1]!], null));
    unwrap(await run(files, null));
    expect(started).toHaveLength(1);
    expect(started[0]!.terminated).toBe(false);
    expect(opened()[0]).toBeGreaterThan(first);
  });

  it('cancelling terminates a helper still opening a file; the next preview starts a new one', async () => {
    const files = await campaign();
    const controller = new AbortController();
    const { helpers, started } = helpersOf(1, () => {
      const worker = fakeWorker(ledgerOpenHandlers());
      const post = worker.postMessage.bind(worker);
      // The user cancels just after the helper was sent its first file.
      worker.postMessage = (message, options) => {
        post(message, options);
        if ((message as { type?: string }).type === 'start') queueMicrotask(() => controller.abort());
      };
      return worker;
    });
    const db = await headOffice([]);
    const run = importWorker(db, helpers);
    const cancelled = await run(files, null, { signal: controller.signal });
    expect(!cancelled.ok && cancelled.error.code).toBe('job.cancelled');
    expect(started).toHaveLength(1);
    expect(started[0]!.terminated).toBe(true);
    const again = unwrap(await run(files, null));
    expect(again.reports).toHaveLength(3);
    expect(started).toHaveLength(2);
    expect(await db.findings.count()).toBe(0);
  });

  it('starts one helper per further core, at least one and at most three', () => {
    expect([undefined, 1, 2, 3, 4, 8, 64].map(helperCount)).toEqual([1, 1, 1, 2, 3, 3, 3]);
  });
});

