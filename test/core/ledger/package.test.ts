// The branch ledger package (xiaobao.ledger/1, ARCHITECTURE §6) end to end: built, zipped, optionally
// sealed, read back and verified. Every way of changing a package after it was signed is refused with
// the code that says what failed; an insider who re-signs altered content is caught by the ledger's own
// checks (counts, history chains, units, parents).
import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { headOf, sealEntry } from '../../../renderer/core/audit/chain';
import { replay } from '../../../renderer/core/audit/replay';
import type { HistoryEntry } from '../../../renderer/core/audit/types';
import { fromBase64 } from '../../../renderer/core/crypto/encoding';
import { LEDGER_DATA_FILE, LEDGER_WORKBOOK_FILE, ledgerDataBytes, ledgerPackageName, type LedgerData } from '../../../renderer/core/ledger/package';
import { attachmentPath } from '../../../renderer/core/ledger/records';
import { toHex } from '../../../renderer/core/hash';
import { sha256Sync } from '../../../renderer/core/sha256';
import { readLedgerPackage, writeLedgerPackage } from '../../../renderer/io/ledger-package';
import { nodeSha256 } from '../helpers';
import {
  aDemoBranch,
  decodeJson,
  demoInput,
  FAST_ROUNDS,
  fastEnvelope,
  nodeKey,
  nodeVerify,
  readCode,
  resigned,
  rezip,
  tinyInput,
  tinyLedger,
  unzip,
  written,
  type NodeKey,
} from './fixtures';

const read = (bytes: Uint8Array, password?: string) =>
  readLedgerPackage(bytes, { sha256: nodeSha256, verify: nodeVerify, envelope: fastEnvelope, ...(password === undefined ? {} : { password }) });

async function readError(bytes: Uint8Array): Promise<{ code: string; params?: Record<string, string | number> }> {
  const r = await read(bytes);
  if (r.ok) throw new Error('the package was accepted');
  return { code: r.error.code, ...(r.error.params ? { params: r.error.params } : {}) };
}

/** A tiny package signed by `key`, built from data changed by `change` (the writer checks nothing of it). */
async function tinyWith(key: NodeKey, change: (data: LedgerData) => void, over: Parameters<typeof tinyInput>[3] = {}): Promise<Uint8Array> {
  const { data, photo } = tinyLedger(key.device.id);
  change(data);
  return written(tinyInput(key, data, photo, over));
}

const flipByte = (bytes: Uint8Array, at: number): Uint8Array => {
  const out = bytes.slice();
  out[at] = (out[at] ?? 0) ^ 0x01;
  return out;
};

describe('ledger package round trip', () => {
  it('reads back exactly the records, the photo and the workbook it was built from, and the same input gives the same bytes', async () => {
    const key = await nodeKey();
    const { data, photo } = tinyLedger(key.device.id);
    const input = tinyInput(key, data, photo);
    const first = await writeLedgerPackage(input);
    const again = await writeLedgerPackage(input);
    if (!first.ok || !again.ok) throw new Error('write failed');
    expect(Buffer.from(again.value.bytes).equals(Buffer.from(first.value.bytes))).toBe(true);

    const r = await read(first.value.bytes);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.data).toEqual(data);
    expect([...r.value.attachments.keys()]).toEqual([data.attachments[0]!.id]);
    expect(Buffer.from(r.value.attachments.get(data.attachments[0]!.id)!).equals(Buffer.from(photo))).toBe(true);
    expect(new TextDecoder().decode(r.value.workbook)).toBe('PK-not-really-a-workbook');
    expect(r.value.sealed).toBe(false);
    expect(r.value.packageSha256).toBe(createHash('sha256').update(first.value.bytes).digest('hex'));
    expect(r.value.signer.fingerprint).toBe(key.device.fingerprint);
    expect(r.value.manifest).toEqual(first.value.manifest);
    expect(r.value.manifest).toMatchObject({
      format: 'xiaobao.ledger/1',
      orgUnit: { code: 'BR01', name: '测试分行', level: 'branch' },
      seq: 1,
      scope: { kind: 'full' },
      counts: { orgUnits: 2, inspections: 1, answers: 2, findings: 1, history: 5, attachments: 1 },
      chains: [{ deviceId: key.device.id, after: { seq: 0, hash: '' }, last: { seq: 5, hash: data.history[4]!.hash } }],
      auditHead: data.history[4]!.hash,
      attachmentsIncluded: true,
    });
    expect(Object.keys(unzip(first.value.bytes)).sort()).toEqual(
      ['manifest.json', 'manifest.sig', LEDGER_DATA_FILE, LEDGER_WORKBOOK_FILE, attachmentPath(data.attachments[0]!)].sort(),
    );
  });

  it('carries a demo branch (every record kind, every finding state, photos) through unchanged', async () => {
    const branch = await aDemoBranch();
    const key = await nodeKey(branch.device.id);
    const bytes = await written(await demoInput(branch, key));
    const r = await read(bytes);
    if (!r.ok) throw new Error(`${r.error.code} ${JSON.stringify(r.error.params)} ${r.error.detail ?? ''}`);
    expect(r.value.data).toEqual(branch.data);
    expect(r.value.attachments.size).toBe(branch.attachmentFiles.length);
    for (const f of branch.attachmentFiles) expect(Buffer.from(r.value.attachments.get(f.record.id)!).equals(Buffer.from(f.bytes))).toBe(true);
    // History replays to the records that travelled, not only to those that were built.
    const findings = replay(r.value.data.history, 'finding');
    for (const f of r.value.data.findings) expect(findings.get(f.id)).toEqual(f);
  });

  it('signs manifest.json with an Ed25519 signature that plain node:crypto verifies from the key in the manifest', async () => {
    const key = await nodeKey();
    const { data, photo } = tinyLedger(key.device.id);
    const entries = unzip(await written(tinyInput(key, data, photo)));
    const manifestBytes = entries['manifest.json']!;
    const signature = entries['manifest.sig']!;
    expect(signature).toHaveLength(64);
    const manifest = decodeJson(manifestBytes) as { device: { publicKey: string }; files: { path: string; size: number; sha256: string }[] };
    const raw = Buffer.from(manifest.device.publicKey, 'base64');
    expect(raw).toHaveLength(32);
    // The raw key as SubjectPublicKeyInfo (RFC 8410) and as a JWK: two ways anyone can load it.
    const spki = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
    const jwk = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
    expect(verify(null, manifestBytes, spki, signature)).toBe(true);
    expect(verify(null, manifestBytes, jwk, signature)).toBe(true);
    expect(verify(null, Buffer.concat([manifestBytes, Buffer.from(' ')]), spki, signature)).toBe(false);
    // Every other file is bound to the signature through its sha256 in the manifest.
    for (const f of manifest.files) {
      expect(createHash('sha256').update(entries[f.path]!).digest('hex'), f.path).toBe(f.sha256);
      expect(entries[f.path]!.length).toBe(f.size);
    }
    expect(manifest.files.map((f) => f.path).sort()).toEqual(Object.keys(entries).filter((p) => !p.startsWith('manifest.')).sort());
  });

  it('names the file by unit, export day and seq', () => {
    expect(ledgerPackageName('101000', '2026-06-30', 3)).toBe('整改台账-101000-20260630-0003.xbledger');
  });
});

describe('a package changed after signing', () => {
  it('is refused, and the code names the file that changed', async () => {
    const key = await nodeKey();
    const { data, photo } = tinyLedger(key.device.id);
    const zip = await written(tinyInput(key, data, photo));
    const entries = unzip(zip);
    const photoPath = attachmentPath(data.attachments[0]!);
    const changed = (path: string, bytes: Uint8Array) => rezip({ ...entries, [path]: bytes });

    const manifestText = new TextDecoder().decode(entries['manifest.json']);
    expect(await readError(changed('manifest.json', new TextEncoder().encode(manifestText.replace('"seq":1', '"seq":2'))))).toEqual({ code: 'package.badSignature' });
    expect(await readError(changed('manifest.sig', flipByte(entries['manifest.sig']!, 10)))).toEqual({ code: 'package.badSignature' });
    for (const path of [LEDGER_DATA_FILE, LEDGER_WORKBOOK_FILE, photoPath]) {
      const bytes = entries[path]!;
      expect(await readError(changed(path, flipByte(bytes, Math.floor(bytes.length / 2)))), path).toEqual({ code: 'package.fileHashMismatch', params: { path } });
    }
  });

  it('is refused when a file is missing, added, or the signature is gone', async () => {
    const key = await nodeKey();
    const { data, photo } = tinyLedger(key.device.id);
    const entries = unzip(await written(tinyInput(key, data, photo)));
    const without = (path: string) => rezip(Object.fromEntries(Object.entries(entries).filter(([p]) => p !== path)));
    expect(await readError(without(LEDGER_DATA_FILE))).toEqual({ code: 'package.fileMissing', params: { path: LEDGER_DATA_FILE } });
    expect(await readError(without('manifest.sig'))).toEqual({ code: 'package.unsigned' });
    expect(await readError(without('manifest.json'))).toEqual({ code: 'package.noManifest' });
    expect(await readError(rezip({ ...entries, 'attachments/extra.png': new Uint8Array([1]) }))).toEqual({ code: 'package.unexpectedFile', params: { path: 'attachments/extra.png' } });
    expect(await readCode(new Uint8Array(0))).toBe('package.notZip');
  });

  it('is refused when signed by another key than the manifest names, or when key and fingerprint disagree', async () => {
    const key = await nodeKey();
    const other = await nodeKey();
    const { data, photo } = tinyLedger(key.device.id);
    const zip = await written(tinyInput(key, data, photo));
    // The content re-signed by another key, still naming the first: the signature does not verify.
    expect(await readError(await resigned(zip, other, () => undefined))).toEqual({ code: 'package.badSignature' });
    // The other key put in, with the first key's fingerprint left: the fingerprint check refuses it.
    expect((await readError(await resigned(zip, other, (m) => ((m['device'] as Record<string, string>)['publicKey'] = other.device.publicKey)))).code).toBe('package.fingerprintMismatch');
    expect((await readError(await resigned(zip, key, (m) => ((m['device'] as Record<string, string>)['fingerprint'] = other.device.fingerprint)))).code).toBe('package.fingerprintMismatch');
  });

  it('re-keyed completely verifies as signed by the new key: whether that key is trusted for the unit is head office’s decision', async () => {
    const key = await nodeKey();
    const other = await nodeKey();
    const { data, photo } = tinyLedger(key.device.id);
    const zip = await written(tinyInput(key, data, photo));
    const rekeyed = await resigned(zip, other, (m) => {
      const device = m['device'] as Record<string, string>;
      device['publicKey'] = other.device.publicKey;
      device['fingerprint'] = other.device.fingerprint;
    });
    const r = await read(rekeyed);
    expect(r.ok && r.value.signer.fingerprint).toBe(other.device.fingerprint);
    expect(r.ok && r.value.signer.fingerprint).not.toBe(key.device.fingerprint);
    expect(r.ok && toHex(r.value.signer.publicKey)).toBe(toHex(fromBase64(other.device.publicKey)!));
  });

  it('is refused when the counts in a re-signed manifest do not match ledger.json', async () => {
    const key = await nodeKey();
    const { data, photo } = tinyLedger(key.device.id);
    const zip = await written(tinyInput(key, data, photo));
    expect(await readError(await resigned(zip, key, (m) => ((m['counts'] as Record<string, number>)['findings'] = 2)))).toEqual({ code: 'ledger.countMismatch', params: { what: 'findings' } });
    expect(await readError(await resigned(zip, key, (m) => ((m['counts'] as Record<string, number>)['history'] = 4)))).toEqual({ code: 'ledger.countMismatch', params: { what: 'history' } });
  });

  it('is refused when ledger.json is not JSON, not the schema, or from a newer release', async () => {
    const key = await nodeKey();
    const { data, photo } = tinyLedger(key.device.id);
    const zip = await written(tinyInput(key, data, photo));
    const withData = (bytes: Uint8Array) => resigned(zip, key, () => undefined, { [LEDGER_DATA_FILE]: bytes });
    expect((await readError(await withData(new TextEncoder().encode('{"schemaVersion":1,')))).code).toBe('ledger.badData');
    expect((await readError(await withData(new Uint8Array([0xff, 0xfe])))).code).toBe('ledger.badData');
    const broken = structuredClone(data) as unknown as { findings: Record<string, unknown>[] };
    broken.findings[0]!['status'] = 'done';
    const r = await read(await withData(new TextEncoder().encode(JSON.stringify(broken))));
    expect(!r.ok && r.error.code).toBe('ledger.badData');
    expect(!r.ok && r.error.detail).toContain('findings.0.status');
    const newer = { ...data, schemaVersion: 2, somethingNew: [] };
    expect(await readError(await withData(new TextEncoder().encode(JSON.stringify(newer))))).toEqual({ code: 'ledger.newerData', params: { version: 2 } });
  });
});

describe('history chains in a package', () => {
  // An insider with the device key can re-sign anything; what they cannot do is change history without
  // breaking the chain, so these packages are built (and signed) from altered data.
  const entryAt = (data: LedgerData, i: number): HistoryEntry => data.history[i]!;

  it('refuses an edited, removed, inserted or reordered entry as ledger.chainBroken', async () => {
    const key = await nodeKey();
    const broken = async (change: (data: LedgerData) => void) => readError(await tinyWith(key, change));

    const edited = await broken((d) => (d.history[2] = { ...entryAt(d, 2), actor: '李四' }));
    expect(edited).toEqual({ code: 'ledger.chainBroken', params: { deviceId: key.device.id, seq: 3, problem: 'hash' } });

    const removed = await broken((d) => d.history.splice(1, 1));
    expect(removed).toEqual({ code: 'ledger.chainBroken', params: { deviceId: key.device.id, seq: 3, problem: 'seq' } });

    const inserted = await broken((d) => {
      const extra = sealEntry({ entityType: 'finding', entityId: 'find-1', at: '2026-03-02T02:00:00.000Z', actor: '张三', action: 'update', changes: [], reason: '补记' }, key.device.id, headOf(entryAt(d, 1)));
      d.history.splice(2, 0, extra);
    });
    expect(inserted.code).toBe('ledger.chainBroken');
    expect(inserted.params).toMatchObject({ seq: 3 });

    const reordered = await broken((d) => {
      const a = entryAt(d, 1);
      const b = entryAt(d, 2);
      // Each claims the other's place in the chain.
      d.history[1] = { ...b, seq: a.seq, prevHash: a.prevHash };
      d.history[2] = { ...a, seq: b.seq, prevHash: b.prevHash };
    });
    expect(reordered).toEqual({ code: 'ledger.chainBroken', params: { deviceId: key.device.id, seq: 2, problem: 'hash' } });
  });

  it('carries another device’s entries as their own segment, which may start in the middle of that chain', async () => {
    const key = await nodeKey('dev-b');
    const other = 'dev-a';
    let head: ReturnType<typeof headOf> | null = null;
    const received: HistoryEntry[] = [];
    for (let i = 0; i < 3; i++) {
      const e = sealEntry({ entityType: 'finding', entityId: 'find-1', at: '2026-03-01T01:00:00.000Z', actor: '总行', action: 'update', changes: [], reason: null }, other, head);
      received.push(e);
      head = headOf(e);
    }
    const zip = await tinyWith(key, (d) => d.history.push(...received.slice(1)));
    const r = await read(zip);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.manifest.chains).toEqual([
      { deviceId: 'dev-a', after: { seq: 1, hash: received[0]!.hash }, last: { seq: 3, hash: received[2]!.hash } },
      { deviceId: 'dev-b', after: { seq: 0, hash: '' }, last: { seq: 5, hash: r.value.manifest.auditHead } },
    ]);
    // The exporting device's own chain must still start at its first entry in a full package.
    expect((await readError(await tinyWith(key, (d) => d.history.shift()))).code).toBe('ledger.chainBroken');
  });

  it('does not care in which order ledger.json lists the entries: seq orders the chain', async () => {
    const key = await nodeKey();
    expect(await readCode(await tinyWith(key, (d) => d.history.reverse()))).toBe('ok');
  });

  it('refuses a cut-off tail (the audit head no longer matches) and a manifest that lists other chains', async () => {
    const key = await nodeKey();
    const { data, photo } = tinyLedger(key.device.id);
    const head = data.history.at(-1)!.hash;
    const cut = await tinyWith(key, (d) => d.history.pop(), { auditHead: head });
    expect(await readError(cut)).toEqual({ code: 'ledger.auditHeadMismatch' });
    const zip = await written(tinyInput(key, data, photo));
    const other = await resigned(zip, key, (m) => ((m['chains'] as { last: { seq: number } }[])[0]!.last.seq = 4));
    expect(await readError(other)).toEqual({ code: 'ledger.chainMismatch', params: { deviceId: key.device.id } });
  });

  it('verifies a delta package whose chain starts after an anchor, and refuses the same history as a full package', async () => {
    const branch = await aDemoBranch();
    const key = await nodeKey(branch.device.id);
    const since = 120;
    const history = branch.data.history.filter((e) => e.seq > since);
    const touched = new Set(history.map((e) => e.entityId));
    const findings = branch.data.findings.filter((f) => touched.has(f.id));
    const answers = branch.data.answers.filter((a) => touched.has(`${a.inspectionId}/${a.itemCode}`));
    // A delta carries the inspections its records hang from and the unit tree, changed or not.
    const parents = new Set([...findings.map((f) => f.inspectionId), ...answers.map((a) => a.inspectionId), ...[...touched]]);
    const inspections = branch.data.inspections.filter((i) => parents.has(i.id));
    const evidence = new Set([...findings.flatMap((f) => f.evidence), ...answers.flatMap((a) => a.attachments)]);
    const attachmentFiles = branch.attachmentFiles.filter((a) => evidence.has(a.record.id));
    const data: LedgerData = { ...branch.data, history, findings, answers, inspections, attachments: attachmentFiles.map((a) => a.record) };
    const input = { ...(await demoInput(branch, key)), data, attachmentFiles, seq: 2, prevPackageSha256: 'e'.repeat(64) };

    const delta = await written({ ...input, scope: { kind: 'delta', sinceSeq: 1 } });
    const r = await read(delta);
    if (!r.ok) throw new Error(`${r.error.code} ${JSON.stringify(r.error.params)}`);
    expect(r.value.manifest.chains).toEqual([{ deviceId: branch.device.id, after: { seq: since, hash: branch.data.history[since - 1]!.hash }, last: { seq: branch.data.history.length, hash: branch.auditHead } }]);
    expect(r.value.data.history).toHaveLength(branch.data.history.length - since);

    expect(await readError(await written({ ...input, scope: { kind: 'full' } }))).toEqual({ code: 'ledger.chainBroken', params: { deviceId: branch.device.id, seq: since + 1, problem: 'seq' } });
  });
});

describe('records in a package', () => {
  it('refuses a record of a unit outside the exporting unit, and a package whose own unit is not in it', async () => {
    const key = await nodeKey();
    const foreignFinding = await tinyWith(key, (d) => (d.findings[0] = { ...d.findings[0]!, orgUnitCode: 'WD0201' }));
    expect(await readError(foreignFinding)).toEqual({ code: 'ledger.foreignUnit', params: { code: 'WD0201' } });
    const foreignInspection = await tinyWith(key, (d) => {
      d.orgUnits.push({ ...d.orgUnits[1]!, id: 'unit-WD0201', code: 'WD0201', parentCode: 'BR02' });
      d.inspections[0] = { ...d.inspections[0]!, orgUnitCode: 'WD0201' };
    });
    expect(await readError(foreignInspection)).toEqual({ code: 'ledger.foreignUnit', params: { code: 'WD0201' } });
    const noOwnUnit = await tinyWith(key, (d) => d.orgUnits.splice(0, 1));
    expect(await readError(noOwnUnit)).toEqual({ code: 'ledger.foreignUnit', params: { code: 'BR01' } });
  });

  it('refuses an answer or a finding whose inspection is not in the package', async () => {
    const key = await nodeKey();
    expect(await readError(await tinyWith(key, (d) => (d.answers[0] = { ...d.answers[0]!, inspectionId: 'insp-404' })))).toEqual({ code: 'ledger.orphan', params: { id: 'insp-404' } });
    expect(await readError(await tinyWith(key, (d) => (d.findings[0] = { ...d.findings[0]!, inspectionId: 'insp-405' })))).toEqual({ code: 'ledger.orphan', params: { id: 'insp-405' } });
    // A finding recorded outside any inspection has no parent to miss.
    expect(await readCode(await tinyWith(key, (d) => (d.findings[0] = { ...d.findings[0]!, inspectionId: null, source: 'manual' })))).toBe('ok');
  });

  it('refuses missing or mismatched attachment files, and accepts a package that leaves them out on purpose', async () => {
    const key = await nodeKey();
    const { data, photo } = tinyLedger(key.device.id);
    expect((await readError(await written(tinyInput(key, data, photo, { attachmentFiles: [] })))).code).toBe('ledger.attachmentMissing');
    const otherBytes = photo.slice();
    otherBytes[40] = (otherBytes[40] ?? 0) ^ 1;
    const mismatch = await written(tinyInput(key, data, photo, { attachmentFiles: [{ record: data.attachments[0]!, bytes: otherBytes }] }));
    expect(await readError(mismatch)).toEqual({ code: 'ledger.attachmentMismatch', params: { path: attachmentPath(data.attachments[0]!) } });
    const left = await read(await written(tinyInput(key, data, null)));
    expect(left.ok && left.value.manifest.attachmentsIncluded).toBe(false);
    expect(left.ok && left.value.attachments.size).toBe(0);
    expect(left.ok && left.value.data.attachments).toEqual(data.attachments);
    const unknownRef = await tinyWith(key, (d) => (d.findings[0] = { ...d.findings[0]!, evidence: ['d'.repeat(64)] }));
    expect(await readError(unknownRef)).toEqual({ code: 'ledger.attachmentMissing', params: { id: 'dddddddddddd' } });
  });

  it('refuses an inspection whose checklist the manifest does not list', async () => {
    const key = await nodeKey();
    expect(await readError(await tinyWith(key, () => undefined, { checklists: [] }))).toEqual({ code: 'ledger.checklistMissing', params: { id: 'branch-onsite', version: '2026.1' } });
  });

  it('writes ledger.json as canonical JSON, so the listed sha256 is that of the records', async () => {
    const key = await nodeKey();
    const { data, photo } = tinyLedger(key.device.id);
    const entries = unzip(await written(tinyInput(key, data, photo)));
    expect(toHex(sha256Sync(entries[LEDGER_DATA_FILE]!))).toBe(toHex(sha256Sync(ledgerDataBytes(data))));
  });
});

describe('a sealed package', () => {
  it('opens with the right password, refuses a wrong one, and asks for one when none is given', async () => {
    const key = await nodeKey();
    const { data, photo } = tinyLedger(key.device.id);
    const input = tinyInput(key, data, photo);
    const plain = await writeLedgerPackage(input);
    const sealed = await writeLedgerPackage(input, { password: '总行 2026', envelope: fastEnvelope, iterations: FAST_ROUNDS });
    if (!plain.ok || !sealed.ok) throw new Error('write failed');
    expect(new TextDecoder().decode(sealed.value.bytes.subarray(0, 5))).toBe('XBENC');
    // The package's identity is its zip, sealed or not: head office chains packages by it.
    expect(sealed.value.packageSha256).toBe(plain.value.packageSha256);

    const opened = await read(sealed.value.bytes, '总行 2026');
    if (!opened.ok) throw new Error(opened.error.code);
    expect(opened.value.sealed).toBe(true);
    expect(opened.value.data).toEqual(data);
    expect(opened.value.packageSha256).toBe(plain.value.packageSha256);
    expect(await readCode(sealed.value.bytes, { password: '总行2026' })).toBe('envelope.wrongPassword');
    expect(await readCode(sealed.value.bytes)).toBe('ledger.passwordRequired');
    expect(await readCode(sealed.value.bytes.subarray(0, sealed.value.bytes.length - 10), { password: '总行 2026' })).toBe('envelope.corrupt');
  });
});
