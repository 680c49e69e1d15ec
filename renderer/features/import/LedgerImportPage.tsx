// 台账汇总 (issue 6): importing ledger packages — head office takes in the branches', a branch takes in
// head office's verification return. Pick files → preview (the worker plans every package and rolls
// back) → confirm fingerprints and decide conflicts → confirm (the same run, committed). Below: the
// import log, the return packages head office sends, and the trusted keys.
import { memo, startTransition, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Input, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHost } from '../../app/contexts';
import { useImportLog, useSettings } from '../../db/queries';
import type { ImportRow } from '../../db/types';
import type { ConflictDecision } from '../../core/ledger/merge';
import type { PackageDecision } from '../../db/repos/ledger-import';
import { LEDGER_EXTENSION } from '../../core/ledger/package';
import { errorMessage } from '../../i18n';
import { useJobRunner, useJobState, type JobStore } from '../../components/use-job';
import { JobProgressModal } from '../../components/JobProgressModal';
import { LEDGER_IMPORT_JOB, type LedgerImportFile, type LedgerImportJobOutput } from '../../workers/jobs';
import { createLedgerImportWorker } from '../../workers/workers';
import type { JobWorker } from '../../workers/run-job';
import { ImportPreview } from './ImportPreview';
import { ReturnPackageCard } from './ReturnPackageCard';
import { TrustedKeysCard } from './TrustedKeysCard';
import { PAGES } from './pages';
import { afterPaint } from '../../io/idle';

type Picked = { name: string; bytes: Uint8Array };

const HIDDEN = { display: 'none' } as const;

const copyOf = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(bytes.byteLength);
  out.set(bytes);
  return out;
};

/**
 * Copies of the picked files for the worker (the page keeps its own for the confirmation), one file per
 * task: copying forty packages in one go held the main thread for over a second.
 */
async function copiesOf(picked: readonly Picked[]): Promise<{ name: string; bytes: Uint8Array<ArrayBuffer> }[]> {
  const out: { name: string; bytes: Uint8Array<ArrayBuffer> }[] = [];
  for (const f of picked) {
    out.push({ name: f.name, bytes: copyOf(f.bytes) });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return out;
}

/** What the shown preview was opened from: the worker, the password and each file's SHA-256. */
type Previewed = { worker: Worker; password: string | null; fileSha256: string[] };

/**
 * The files as a confirmation sends them. The worker that previewed them, still running and asked with
 * the same password, holds them: it is sent the SHA-256 it hashed each to. Otherwise (it was ended after a
 * failed or cancelled run, or the password changed) copies of the files go again, transferred.
 */
async function filesForConfirm(
  files: readonly Picked[],
  password: string | null,
  previewed: Previewed | null,
  worker: Worker | null,
): Promise<{ input: LedgerImportFile[]; transfer: ArrayBuffer[] }> {
  if (previewed !== null && previewed.worker === worker && previewed.password === password && previewed.fileSha256.length === files.length) {
    const hashes = previewed.fileSha256;
    return { input: files.map((f, n) => ({ name: f.name, previewed: hashes[n] ?? '' })), transfer: [] };
  }
  const copies = await copiesOf(files);
  return { input: copies, transfer: copies.map((f) => f.bytes.buffer) };
}

export function LedgerImportPage() {
  const { t } = useTranslation();
  const host = useHost();
  const settings = useSettings();
  const { message } = AntApp.useApp();
  // One worker from the preview to its confirmation: it keeps the packages the preview opened and verified,
  // so confirming the same files does not open them again (workers/ledger-import-handler). useJob's
  // terminate after each run is left to this page, which ends the worker after a confirmation, a failed
  // or cancelled run (a stuck worker included), a dismissed preview, and when the page goes away.
  const kept = useRef<Worker | null>(null);
  const dropWorker = useCallback((): void => {
    kept.current?.terminate();
    kept.current = null;
  }, []);
  useEffect(() => dropWorker, [dropWorker]);
  // Only the latest run's outcome decides about the worker (a second click starts a run on the same one).
  const runs = useRef(0);
  const keptWorker = useCallback((): JobWorker => {
    const worker = (kept.current ??= createLedgerImportWorker());
    return {
      postMessage: (message, options) => worker.postMessage(message, options),
      addEventListener: (type, listener) => worker.addEventListener(type, listener),
      removeEventListener: (type, listener) => worker.removeEventListener(type, listener),
      terminate: () => undefined,
    };
  }, []);
  // The job's state is not the page's: the progress dialog subscribes to it (ImportProgress), so the
  // worker's progress messages render the dialog and not the page with its cards and tables.
  const job = useJobRunner(LEDGER_IMPORT_JOB, keptWorker);
  const running = useJobState(job.store, (s) => s.status === 'running');
  const [files, setFiles] = useState<Picked[]>([]);
  const [password, setPassword] = useState('');
  const [preview, setPreview] = useState<LedgerImportJobOutput | null>(null);
  // A preview that was imported: hidden at once, its cards taken off the page a few per task (forty cards
  // with their tables removed in one go held the main thread for most of a second).
  const [leaving, setLeaving] = useState<LedgerImportJobOutput | null>(null);
  const onGone = useCallback((): void => setLeaving(null), []);
  // Set when an import has finished: the preview (and its confirm button) is hidden in the same frame as the
  // success message, while the page without it is still being rendered as a transition.
  const [closing, setClosing] = useState(false);
  const previewBox = useRef<HTMLDivElement>(null);
  // What the shown preview was opened from, so confirming on the same worker with the same password sends
  // the SHA-256 of each file instead of copying every file for the worker again.
  const previewed = useRef<Previewed | null>(null);
  const [trusted, setTrusted] = useState<Set<string>>(new Set());
  const [decisions, setDecisions] = useState<Record<string, Record<string, ConflictDecision>>>({});

  const actor = settings?.inspectorName ?? '';
  // Stable, so the preview's cards (memoised) are not rendered again on every progress message.
  const onTrust = useCallback((code: string, yes: boolean): void => {
    setTrusted((prev) => {
      const next = new Set(prev);
      if (yes) next.add(code);
      else next.delete(code);
      return next;
    });
  }, []);
  const onDecide = useCallback((sha: string, ids: string[], decision: ConflictDecision): void => {
    setDecisions((prev) => ({ ...prev, [sha]: { ...prev[sha], ...Object.fromEntries(ids.map((id) => [id, decision])) } }));
  }, []);
  const again = useRef<() => void>(() => undefined);

  const runPreview = async (picked: Picked[], pw: string): Promise<void> => {
    // The UI keeps its own bytes for the confirmation: the worker gets copies, transferred.
    const mine = ++runs.current;
    const input = await copiesOf(picked);
    const result = await job.run({ files: input, password: pw === '' ? null : pw, decisions: null, actor }, input.map((f) => f.bytes.buffer));
    job.reset();
    if (!result.ok) {
      if (runs.current === mine) dropWorker();
      if (result.error.code !== 'job.cancelled') void message.error(errorMessage(t, result.error));
      return;
    }
    previewed.current = runs.current === mine && kept.current !== null ? { worker: kept.current, password: pw === '' ? null : pw, fileSha256: result.value.fileSha256 } : null;
    // A transition: React renders the forty cards in slices that let input and drawing in, instead of one
    // task of about 100 ms (the longest of the preview); what was shown stays until they are ready.
    startTransition(() => {
      setClosing(false);
      setLeaving(null);
      setPreview(result.value);
      setTrusted(new Set());
      setDecisions({});
    });
  };

  const pick = async (): Promise<void> => {
    const picked = await host.openFiles({ filters: [{ name: t('ledgerImport.fileType'), extensions: [LEDGER_EXTENSION] }], multiple: true });
    if (!picked.ok) {
      void message.error(errorMessage(t, picked.error));
      return;
    }
    if (picked.value.length === 0) return;
    setFiles(picked.value);
    await runPreview(picked.value, password);
  };

  const importable = preview?.reports.filter((r) => r.refusal === null && !r.noOp) ?? [];
  const needsPassword = preview?.unreadable.some((u) => u.error.code === 'ledger.passwordRequired' || u.error.code === 'envelope.wrongPassword') ?? false;
  const undecided = importable.reduce((n, r) => n + r.conflicts.filter((c) => decisions[r.packageSha256]?.[c.id] === undefined).length, 0);
  const untrusted = importable.filter((r) => r.key.kind === 'unknown' && !trusted.has(r.orgUnit.code)).length;
  const ready = importable.length > 0 && undecided === 0 && untrusted === 0;

  const confirm = async (): Promise<void> => {
    if (!preview) return;
    const chosen: Record<string, PackageDecision> = {};
    for (const r of importable) chosen[r.packageSha256] = { trustKey: r.key.kind === 'unknown' && trusted.has(r.orgUnit.code), resolutions: decisions[r.packageSha256] ?? {} };
    const mine = ++runs.current;
    const pw = password === '' ? null : password;
    const { input, transfer } = await filesForConfirm(files, pw, previewed.current, kept.current);
    const result = await job.run({ files: input, password: pw, decisions: chosen, actor }, transfer);
    job.reset();
    if (runs.current === mine) dropWorker();
    if (!result.ok) {
      if (result.error.code !== 'job.cancelled') void message.error(errorMessage(t, result.error));
      return;
    }
    const done = result.value.reports.filter((r) => r.imported);
    // Hidden before the message, so no imported preview can be confirmed again: one style on one element,
    // set here rather than by a synchronous render (that rendered the page with its forty cards, a 70 ms
    // task); React's own state (closing) says the same once the transition below is rendered.
    previewBox.current?.style.setProperty('display', 'none');
    // The message after the frame that lays the page out without the preview: the message measures
    // itself when it mounts, which otherwise forced that layout inside the task that rendered it (50 ms
    // of a 155 ms task at a tenth of national scale, profiled).
    await afterPaint();
    void message.success(t('ledgerImport.done', { count: done.length, findings: done.reduce((n, r) => n + r.counts.findings.insert + r.counts.findings.update, 0) }));
    previewed.current = null;
    // As the preview came: the page without it is rendered in slices (the success message is shown at once).
    // (closing stays set: with no preview the element is hidden anyway, and the next preview clears it.)
    startTransition(() => {
      setClosing(true);
      setLeaving(preview);
      setPreview(null);
      setFiles([]);
    });
  };

  useEffect(() => {
    again.current = () => void runPreview(files, password);
  });
  const onReEnrolled = useCallback((): void => again.current(), []);

  const shown = preview ?? leaving;

  return (
    <Space direction="vertical" size="large" className="page">
      <Typography.Title level={3}>{t('ledgerImport.title')}</Typography.Title>
      <Card title={t('ledgerImport.importCard')}>
        <Typography.Paragraph type="secondary">{settings?.role === 'head' ? t('ledgerImport.helpHead') : t('ledgerImport.helpBranch')}</Typography.Paragraph>
        <Space wrap>
          <Button type="primary" onClick={() => void pick()} disabled={running}>
            {t('ledgerImport.pick')}
          </Button>
          {(needsPassword || password !== '') && (
            <>
              <Input.Password aria-label={t('ledgerImport.password')} placeholder={t('ledgerImport.password')} value={password} onChange={(e) => setPassword(e.target.value)} style={{ width: 220 }} />
              <Button onClick={() => void runPreview(files, password)} disabled={files.length === 0}>
                {t('ledgerImport.retryWithPassword')}
              </Button>
            </>
          )}
        </Space>
        {shown && (
          // The same element while an imported preview leaves, so its cards are not all removed at once.
          <div ref={previewBox} className="import-preview" style={preview === null || closing ? HIDDEN : undefined}>
            {preview?.unreadable.map((u) => (
              <Alert key={u.fileName} type="error" showIcon className="import-alert" message={t('ledgerImport.unreadable', { file: u.fileName })} description={errorMessage(t, u.error)} />
            ))}
            <ImportPreview reports={shown.reports} leaving={preview === null} onGone={onGone} trusted={trusted} onTrust={onTrust} decisions={decisions} onDecide={onDecide} onReEnrolled={onReEnrolled} />
            {preview && (
            <Space wrap className="import-actions">
              <Button type="primary" disabled={!ready} onClick={() => void confirm()}>
                {t('ledgerImport.confirm', { count: importable.length })}
              </Button>
              <Button
                onClick={() => {
                  previewed.current = null;
                  setPreview(null);
                  dropWorker();
                }}
              >
                {t('common.cancel')}
              </Button>
              {importable.length === 0 && <Typography.Text type="secondary">{t('ledgerImport.nothingToImport')}</Typography.Text>}
              {untrusted > 0 && <Typography.Text type="warning">{t('ledgerImport.needTrust', { count: untrusted })}</Typography.Text>}
              {undecided > 0 && <Typography.Text type="warning">{t('ledgerImport.needDecisions', { count: undecided })}</Typography.Text>}
            </Space>
            )}
          </div>
        )}
      </Card>
      {settings?.role === 'head' && <ReturnPackageCard />}
      <ImportLogCard />
      <TrustedKeysCard />
      <ImportProgress store={job.store} onCancel={job.cancel} />
    </Space>
  );
}

/** The import's progress dialog, subscribed to the job itself: progress messages render only this. */
const ImportProgress = memo(function ImportProgress({ store, onCancel }: { store: JobStore<LedgerImportJobOutput>; onCancel: () => void }) {
  const { t } = useTranslation();
  const state = useJobState(store);
  const progress = state.status === 'running' || state.status === 'cancelling' ? state.progress : null;
  const phase = progress?.phase;
  return (
    <JobProgressModal
      open={state.status === 'running' || state.status === 'cancelling'}
      title={t('ledgerImport.running')}
      {...(phase ? { description: t(`ledgerImport.phase.${phase}`, { done: progress?.done ?? 0, total: progress?.total ?? 0 }) } : {})}
      progress={progress}
      cancelling={state.status === 'cancelling'}
      onCancel={onCancel}
      labels={{ cancel: t('common.cancel'), cancelling: t('ledgerImport.cancelling'), progress: t('ledgerImport.progress') }}
    />
  );
});

/**
 * The import log: its own component, so a job's progress messages do not render its table again. The
 * rows an import adds are drawn as a deferred update (React renders it in slices and yields), not in the
 * task that takes in the import's change notice with every other live query.
 */
const ImportLogCard = memo(function ImportLogCard() {
  const { t } = useTranslation();
  const log = useDeferredValue(useImportLog());
  // The table only when the deferred rows (or the language) change: the urgent render that takes in the
  // import's change notice keeps the old rows and then skips the table; the new rows are rendered in slices.
  const table = useMemo(() => {
    const columns = [
      { title: t('ledgerImport.columns.importedAt'), key: 'importedAt', render: (_: unknown, r: ImportRow) => new Date(r.importedAt).toLocaleString() },
      { title: t('ledgerImport.columns.unit'), dataIndex: 'orgUnitCode', key: 'unit' },
      { title: t('ledgerImport.columns.seq'), dataIndex: 'seq', key: 'seq', width: 70 },
      { title: t('ledgerImport.columns.file'), dataIndex: 'fileName', key: 'file', ellipsis: true },
      { title: t('ledgerImport.columns.findings'), key: 'findings', render: (_: unknown, r: ImportRow) => t('ledgerImport.logCounts', { insert: r.counts['findings.insert'] ?? 0, update: r.counts['findings.update'] ?? 0 }) },
      { title: t('ledgerImport.columns.conflicts'), dataIndex: 'conflicts', key: 'conflicts', width: 80 },
      { title: t('ledgerImport.columns.by'), dataIndex: 'importedBy', key: 'by' },
      { title: t('ledgerImport.columns.hash'), key: 'hash', render: (_: unknown, r: ImportRow) => <Typography.Text code>{r.packageSha256.slice(0, 16)}…</Typography.Text> },
    ];
    return <Table<ImportRow> rowKey={(r) => String(r.id)} size="small" dataSource={log ?? []} loading={log === undefined} columns={columns} pagination={PAGES} />;
  }, [log, t]);
  return <Card title={t('ledgerImport.log')}>{table}</Card>;
});
