// Web mode host (ARCHITECTURE §3): file inputs, downloads through a Blob URL, bundled checklists fetched
// from the built app, and the browser's print dialog for PDF.
import type { AppInfo, BundledChecklists, FileFilter, Host, PickedFile, SaveOutcome } from './host';
import { appError, err, ok, type Result } from '../core/result';

const MAX_OPEN_BYTES = 200 * 1024 * 1024;
const MAX_CHECKLIST_BYTES = 5 * 1024 * 1024;

export function createBrowserHost(version: string): Host {
  return {
    info: (): AppInfo => ({ kind: 'browser', version, platform: navigator.platform || 'web' }),
    openFiles: (options) => pickFiles(options.filters, options.multiple),
    saveFile: async (suggestedName, bytes) => download(suggestedName, bytes),
    listBundledChecklists: fetchBundledChecklists,
    printToPdf: async () => {
      window.print();
      return ok<SaveOutcome>({ saved: false });
    },
    revealFile: async () => undefined,
  };
}

function accept(filters: FileFilter[]): string {
  return filters.flatMap((f) => f.extensions.map((e) => (e === '*' ? '*/*' : `.${e}`))).join(',');
}

function pickFiles(filters: FileFilter[], multiple: boolean): Promise<Result<PickedFile[]>> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept(filters);
    input.multiple = multiple;
    input.style.display = 'none';
    input.setAttribute('aria-hidden', 'true');
    input.setAttribute('data-testid', 'host-file-input');
    let settled = false;
    const finish = (r: Result<PickedFile[]>) => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(r);
    };
    input.addEventListener('cancel', () => finish(ok([])));
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []);
      void readAll(files).then(finish);
    });
    document.body.appendChild(input);
    input.click();
  });
}

async function readAll(files: File[]): Promise<Result<PickedFile[]>> {
  const out: PickedFile[] = [];
  for (const f of files) {
    if (f.size > MAX_OPEN_BYTES) return err(appError('file.tooLarge', { name: f.name, limitMb: MAX_OPEN_BYTES / 1024 / 1024 }));
    try {
      out.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    } catch (e) {
      return err(appError('file.readFailed', { name: f.name }, String(e)));
    }
  }
  return ok(out);
}

function download(name: string, bytes: Uint8Array): Result<SaveOutcome> {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return ok({ saved: true, path: null });
}

async function fetchBundledChecklists(): Promise<Result<BundledChecklists>> {
  try {
    const index = await fetch('./checklists/index.json', { cache: 'no-cache' });
    if (!index.ok) return err(appError('checklists.fetchFailed', { detail: `index.json ${index.status}` }));
    const names: unknown = await index.json();
    if (!Array.isArray(names) || !names.every((n): n is string => typeof n === 'string' && /^[\w.-]+\.json$/.test(n))) {
      return err(appError('checklists.fetchFailed', { detail: 'index.json' }));
    }
    const result: BundledChecklists = { files: [], failed: [] };
    for (const fileName of names) {
      try {
        const res = await fetch(`./checklists/${encodeURIComponent(fileName)}`, { cache: 'no-cache' });
        const text = res.ok ? await res.text() : null;
        if (text === null) result.failed.push({ fileName, error: appError('checklists.readFailed', { name: fileName }, `HTTP ${res.status}`) });
        else if (text.length > MAX_CHECKLIST_BYTES) result.failed.push({ fileName, error: appError('file.tooLarge', { name: fileName, limitMb: 5 }) });
        else result.files.push({ fileName, text });
      } catch (e) {
        result.failed.push({ fileName, error: appError('checklists.readFailed', { name: fileName }, String(e)) });
      }
    }
    return ok(result);
  } catch (e) {
    return err(appError('checklists.fetchFailed', { detail: String(e) }));
  }
}
