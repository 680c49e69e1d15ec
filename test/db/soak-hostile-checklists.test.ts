// Issue 8, campaign 2 (hostile and broken imports), for checklists: signed checklist packages
// (.xbchecklist, with checklist.json in xiaobao.checklist/1; plain .json checklist files among them) and
// Excel checklists (the authoring workbook). Fixed corpora (the zip corpus of hostile-files.ts, the
// workbook corpus of hostile-workbooks.ts, and JSON made to hurt: not UTF-8, nested 100,000 deep,
// `__proto__` and `constructor` keys, over-long strings) plus random mutations of a valid file's bytes,
// zip entries, JSON (re-signed with a fresh fingerprint, as a compromised issuer would) or workbook
// cells and XML. Each goes through the library page's steps: read the file, then import what it read
// and remove it again. Targets: no exception escapes (nor is one caught by the reader's last-resort
// catch, library.readFailed), every refusal and every listed problem is worded in both languages,
// the database is as before, no prototype polluted, no file written, under 512 MB.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSha256 } from '../../electron/cli/node-crypto';
import { checklistFingerprint } from '../../renderer/core/checklist/fingerprint';
import { allItems } from '../../renderer/core/checklist/items';
import { CHECKLIST_MESSAGES, formatChecklistProblem, type ChecklistLang } from '../../renderer/core/checklist/messages';
import { CHECKLIST_PACKAGE_FILE, type ChecklistPackageManifest } from '../../renderer/core/checklist/package';
import { parseChecklistText } from '../../renderer/core/checklist/parse';
import type { Checklist } from '../../renderer/core/checklist/schema';
import { sheetProblemReason } from '../../renderer/core/checklist/sheet-messages';
import { buildSignedPackage } from '../../renderer/core/package/signed';
import type { XbDb } from '../../renderer/db/db';
import { importChecklist, removeChecklist } from '../../renderer/db/repos/checklists';
import { checklistToJsonBytes, checklistToPackage, checklistToXlsx, readChecklistFile, type ChecklistReadFailure } from '../../renderer/io/checklist-file';
import { zipEntries } from '../../renderer/io/zip';
import { platformEd25519Verify, platformSha256 } from '../../renderer/platform/crypto';
import { soakSeed, soakTimeout, soakTrials } from '../soak/campaign';
import { bundledChecklists, nodeKey, unzip, type NodeKey } from '../core/ledger/fixtures';
import { branchDb, unwrap } from './finding-helpers';
import { miniChecklist } from './helpers';
import {
  byteEditsArb,
  defineOwn,
  editBytes,
  editedJson,
  editEntries,
  entryEditArb,
  hostileCase,
  jsonEditArb,
  MEMORY_LIMIT,
  mutateJson,
  nested,
  runHostileCampaign,
  text,
  utf8,
  withNesting,
  zipCorpus,
  type Attempt,
  type ByteEdit,
  type EntryEdit,
  type HostileCase,
  type JsonEdit,
  type ValidZip,
} from './hostile-files';
import { workbookCorpus, workbookMutated, workbookMutationArb } from './hostile-workbooks';
import { hasWords } from './import-campaign';

const TRIALS = soakTrials({ quick: 100, full: 1000 });
const LANGS: ChecklistLang[] = ['zh-CN', 'en-US'];
const crypto = { sha256: platformSha256, verify: platformEd25519Verify };

let db: XbDb;
let checklist: Checklist;
let key: NodeKey;
beforeAll(async () => {
  db = await branchDb();
  // One the branch does not hold yet (it holds the mini checklist), so an accepted file is added.
  checklist = (await bundledChecklists())[0]!.checklist;
  key = await nodeKey('dev-head-1');
});
afterAll(() => db.close());

/** In words in both languages: the problem's template exists and fills to text. */
function problemWorded(failure: ChecklistReadFailure): string | null {
  if (failure.kind === 'error') return hasWords(`errors.${failure.error.code}`) ? null : failure.error.code;
  const texts = (lang: ChecklistLang): { code: string; words: string }[] =>
    failure.kind === 'json'
      ? failure.problems.map((p) => ({ code: p.code, words: Object.hasOwn(CHECKLIST_MESSAGES[lang].problems, p.code) ? formatChecklistProblem(p, lang) : '' }))
      : failure.problems.map((p) => ({ code: p.code, words: sheetProblemReason(p, lang) }));
  for (const lang of LANGS) {
    const unworded = texts(lang).find(({ words }) => words.trim() === '' || words.includes('undefined'));
    if (unworded) return `${unworded.code} (${lang})`;
  }
  return failure.problems.length === 0 ? 'an empty problem list' : null;
}

/**
 * The library page's steps: read the file; if it reads, import it and remove it again (the database
 * is then as before). A file that was not `edited` with a valid signature may only read as `original`.
 */
async function attemptChecklist(name: string, bytes: Uint8Array, fail: (why: string) => void, edited: boolean, original: Checklist): Promise<Attempt> {
  const read = await readChecklistFile(name, bytes, crypto);
  const label = edited ? 'edited' : 'unedited';
  if (!read.ok) {
    const failure = read.error;
    if (failure.kind === 'error' && failure.error.code === 'library.readFailed') fail(`the reader threw: ${failure.error.detail ?? ''}`.slice(0, 300));
    const unworded = problemWorded(failure);
    if (unworded !== null) fail(`no words for ${unworded}`);
    return { outcome: `${label} refused`, reason: failure.kind === 'error' ? failure.error.code : `${failure.kind} ${failure.problems[0]?.code ?? ''}` };
  }
  const { checklist: c, sha256, package: signed } = read.value;
  if (!edited && JSON.stringify(c) !== JSON.stringify(original)) fail('an altered file was read as a checklist');
  const provenance = signed ? { issuer: signed.manifest.issuer, fingerprint: signed.signer.fingerprint, deviceId: signed.signer.deviceId, exportedAt: signed.manifest.exportedAt, exportedBy: signed.manifest.exportedBy } : undefined;
  const imported = await importChecklist(db, { fileName: name, checklist: c, sha256, ...(provenance ? { provenance } : {}) });
  if (!imported.ok) {
    if (!hasWords(`errors.${imported.error.code}`)) fail(`no words for ${imported.error.code}`);
    return { outcome: `${label} read, refused on import`, reason: imported.error.code };
  }
  if (!imported.value.added) return { outcome: `${label} read, already there` };
  const removed = await removeChecklist(db, c.id, c.version);
  if (!removed.ok) fail(`could not remove the imported checklist: ${removed.error.code}`);
  return { outcome: `${label} imported` };
}

describe('hostile and broken checklist packages and checklist files', { timeout: soakTimeout(300_000) }, () => {
  const SEED = soakSeed(20261201);
  let valid: ValidZip;
  let manifest: Omit<ChecklistPackageManifest, 'files'>;

  type Mutation = { kind: 'bytes'; edits: ByteEdit[] } | ({ kind: 'entries' } & EntryEdit) | ({ kind: 'json'; file: 'checklist' | 'manifest' | 'plain' } & JsonEdit);
  const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('bytes' as const), edits: byteEditsArb }) },
    { weight: 2, arbitrary: entryEditArb(['manifest.json', 'manifest.sig', CHECKLIST_PACKAGE_FILE]).map((e) => ({ kind: 'entries' as const, ...e })) },
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom('checklist' as const, 'checklist' as const, 'manifest' as const, 'plain' as const), jsonEditArb).map(([file, e]) => ({ kind: 'json' as const, file, ...e })) },
  );

  beforeAll(async () => {
    const bytes = unwrap(await checklistToPackage({ checklist, issuer: { code: 'HQ', name: '总行', level: 'head' }, device: key.device, exportedAt: '2026-11-30T08:00:00.000Z', exportedBy: '王五', sha256: nodeSha256, sign: key.sign }));
    const entries = unzip(bytes);
    valid = { bytes, entries, main: CHECKLIST_PACKAGE_FILE };
    const { files: _files, ...rest } = JSON.parse(text(entries['manifest.json'])) as ChecklistPackageManifest;
    manifest = rest;
  });

  /**
   * A package signed by the issuer's key around any checklist.json: the manifest names the checklist
   * the text parses to (id, version, fingerprint), as an issuer's compromised exporter would.
   */
  async function signedPackage(json: Uint8Array | string, manifestChange: Record<string, unknown> = {}): Promise<Uint8Array> {
    const bytes = typeof json === 'string' ? utf8(json) : json;
    const parsed = parseChecklistText(new TextDecoder().decode(bytes));
    const named = parsed.ok ? { id: parsed.value.id, version: parsed.value.version, title: parsed.value.title, items: allItems(parsed.value).length, sha256: await checklistFingerprint(parsed.value, nodeSha256) } : manifest.checklist;
    const signed = await buildSignedPackage<ChecklistPackageManifest>({ manifest: { ...manifest, checklist: named, ...manifestChange } as ChecklistPackageManifest, files: [{ path: CHECKLIST_PACKAGE_FILE, bytes }], sha256: nodeSha256, sign: key.sign });
    // A manifest canonical JSON cannot write (nested too deep) goes unsigned.
    return signed.ok ? zipEntries(signed.value.entries) : zipEntries({ ...valid.entries, 'manifest.json': utf8(JSON.stringify({ ...manifest, ...manifestChange })) });
  }
  const jsonText = () => text(valid.entries[CHECKLIST_PACKAGE_FILE]);
  const withChecklist = (change: (c: Record<string, unknown>) => void) => {
    const c = JSON.parse(jsonText()) as Record<string, unknown>;
    change(c);
    return JSON.stringify(c);
  };
  const firstItem = (c: Record<string, unknown>) => ((c['sections'] as Record<string, unknown>[])[0]!['items'] as Record<string, unknown>[])[0]!;

  type Named = HostileCase & { file: string };
  const pkg = (name: string, bytes: () => Uint8Array | Promise<Uint8Array>, signed = false): Named => ({ ...hostileCase(name, bytes, signed), file: 'hostile.xbchecklist' });
  const plain = (name: string, bytes: () => Uint8Array, edited = true): Named => ({ ...hostileCase(name, bytes, edited), file: 'hostile.json' });

  function corpus(): Named[] {
    const both = (name: string, json: () => string): Named[] => [pkg(`${name} (signed)`, () => signedPackage(json()), true), plain(`${name} (a .json file)`, () => utf8(json()))];
    return [
      ...zipCorpus(valid).map((c) => ({ ...c, file: 'hostile.xbchecklist' })),
      pkg('manifest.json not UTF-8', () => zipEntries({ ...valid.entries, 'manifest.json': new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]) })),
      pkg('manifest.json nested 100,000 deep', () => zipEntries({ ...valid.entries, 'manifest.json': utf8(nested(100_000)) })),
      pkg('manifest.json with a __proto__ key', () => zipEntries({ ...valid.entries, 'manifest.json': utf8(text(valid.entries['manifest.json']).replace('{', '{"__proto__":{"polluted":1},')) })),
      pkg('checklist.json not UTF-8 (signed)', () => signedPackage(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])), true),
      plain('a .json file in GB18030', () => new Uint8Array([...utf8('{"format":"xiaobao.checklist/1","title":"'), 0xb2, 0xe2, 0xca, 0xd4, ...utf8('"}')])),
      plain('a .json file of invalid bytes', () => new Uint8Array([0xff, 0xfe, 0xfd, 0x80, 0x81, 0xc3, 0x28])),
      plain('an empty .json file', () => new Uint8Array(0)),
      plain('a .json file that is only a BOM', () => new Uint8Array([0xef, 0xbb, 0xbf])),
      ...both('checklist.json not JSON', () => '{"format":"xiaobao.checklist/1",'),
      ...['null', '[]', '"text"', '1e309', nested(100_000), `{"a":${nested(100_000)}}`].flatMap((t) => both(`checklist.json is ${t.length > 12 ? 'nested 100,000 deep' : t}`, () => t)),
      ...both('__proto__ at the top', () => jsonText().replace('{', '{"__proto__":{"polluted":1},')),
      ...both('__proto__ inside an item', () => withChecklist((c) => defineOwn(firstItem(c), '__proto__', { severity: '重大', polluted: 1 }))),
      ...both('constructor.prototype inside an item', () => withChecklist((c) => defineOwn(firstItem(c), 'constructor', { prototype: { polluted: 1 } }))),
      ...both('a requirement of 6 MB', () => withChecklist((c) => void (firstItem(c)['requirement'] = '长'.repeat((6 * 1024 * 1024) / 3)))),
      ...both('a 4 MB requirement', () => withChecklist((c) => void (firstItem(c)['requirement'] = 'x'.repeat(4 * 1024 * 1024)))),
      ...both('a 1 MB field name', () => withChecklist((c) => defineOwn(firstItem(c), 'x'.repeat(1024 * 1024), 1))),
      ...both('600,000 values', () => withChecklist((c) => void (firstItem(c)['basis'] = Array.from({ length: 600_000 }, () => 0)))),
      ...both('20,000 items', () => withChecklist((c) => void ((c['sections'] as Record<string, unknown>[])[0]!['items'] = Array.from({ length: 20_000 }, (_, i) => ({ ...firstItem(c), code: `X-${i}` }))))),
      ...both('a thousand duplicate keys', () => jsonText().replace('{', `{${'"title":"x",'.repeat(1000)}`)),
      ...both('the mini checklist’s id and version with other content', () => JSON.stringify({ ...miniChecklist, title: '改过的迷你检查表' })),
      pkg('a manifest naming another checklist (signed)', () => signedPackage(jsonText(), { checklist: { ...manifest.checklist, version: '9.9' } }), true),
    ];
  }

  function mutated(m: Mutation): Named {
    if (m.kind === 'bytes') return pkg('bytes', () => editBytes(valid.bytes, m.edits));
    if (m.kind === 'entries') return pkg(`entries ${m.op}`, () => editEntries(valid.entries, m));
    if (m.file === 'plain') return plain(`checklist .json file ${m.action}`, () => utf8(editedJson(text(checklistToJsonBytes(checklist)), m)));
    if (m.file === 'checklist') return pkg(`checklist.json ${m.action} (signed)`, () => signedPackage(editedJson(jsonText(), m)), true);
    return pkg(
      `manifest.json ${m.action} (signed)`,
      () => {
        const changed = mutateJson(structuredClone(manifest), m) as Record<string, unknown>;
        return m.action === 'nest' ? zipEntries({ ...valid.entries, 'manifest.json': utf8(withNesting(JSON.stringify(changed), m.depth)) }) : signedPackage(jsonText(), changed);
      },
      true,
    );
  }

  it(`refuses every hostile checklist package or file with a reason and changes nothing (${TRIALS} cases)`, async () => {
    const fixed = corpus();
    const mutations = fc.sample(mutationArb, { numRuns: Math.max(0, TRIALS - fixed.length), seed: SEED });
    const { failures, peak } = await runHostileCampaign({
      campaign: 'Hostile imports (checklist packages)',
      seed: SEED,
      fixed,
      random: mutations.map(mutated),
      mutations,
      db: () => db,
      attempt: (bytes, fail, c) => attemptChecklist((c as Named).file, bytes, fail, c.signed === true, checklist),
    });
    expect(failures).toEqual([]);
    expect(peak).toBeLessThan(MEMORY_LIMIT);
  });
});

describe('hostile and broken Excel checklists', { timeout: soakTimeout(300_000) }, () => {
  const SEED = soakSeed(20261202);
  let valid: ValidZip;

  beforeAll(async () => {
    const bytes = await checklistToXlsx(checklist);
    valid = { bytes, entries: unzip(bytes), main: 'xl/worksheets/sheet1.xml' };
  });

  it(`refuses every hostile Excel checklist with a reason and changes nothing (${TRIALS} cases)`, async () => {
    const fixed = [...zipCorpus(valid), ...workbookCorpus(valid)];
    const mutations = fc.sample(workbookMutationArb, { numRuns: Math.max(0, TRIALS - fixed.length), seed: SEED });
    const { failures, peak } = await runHostileCampaign({
      campaign: 'Hostile imports (Excel checklists)',
      seed: SEED,
      fixed,
      random: mutations.map((m) => workbookMutated(valid, m)),
      mutations,
      db: () => db,
      // Nothing vouches for a workbook's content: whatever still reads is the user's checklist, once checked.
      attempt: (bytes, fail) => attemptChecklist('hostile.xlsx', bytes, fail, true, checklist),
    });
    expect(failures).toEqual([]);
    expect(peak).toBeLessThan(MEMORY_LIMIT);
  });
});
