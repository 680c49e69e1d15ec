// The checklist package on top of the signed package: the manifest names the checklist it carries, and
// the branch gets exactly that checklist or a refusal.
import { describe, expect, it } from 'vitest';
import {
  buildChecklistPackage,
  checklistPackageName,
  openChecklistPackage,
  CHECKLIST_PACKAGE_FORMAT,
  type ChecklistPackageManifest,
} from '../../../renderer/core/checklist/package';
import { buildSignedPackage } from '../../../renderer/core/package/signed';
import { checklistFingerprint } from '../../../renderer/core/checklist/fingerprint';
import { canonicalJson } from '../../../renderer/core/canonical';
import { utf8Encode } from '../../../renderer/core/utf8';
import type { PackageEntries } from '../../../renderer/core/package/signed';
import { nodeSha256 } from '../helpers';
import { newKey, nodeVerify, type TestKey } from '../package/keys';
import { shippedChecklist } from './research-rules';

const checklist = shippedChecklist('consumer-rights.json');
const issuer = { code: 'HQ', name: '总行', level: 'head' as const };

async function pack(key: TestKey, c = checklist): Promise<PackageEntries> {
  const r = await buildChecklistPackage({ checklist: c, issuer, device: key.device, exportedAt: '2026-03-01T08:00:00.000Z', exportedBy: '李四', sha256: nodeSha256, sign: key.sign });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

const open = (entries: PackageEntries) => openChecklistPackage(entries, { sha256: nodeSha256, verify: nodeVerify });

describe('checklist packages', () => {
  it('carry the checklist, its issuer and the signing key, and open to the same checklist', async () => {
    const key = await newKey('hq-device');
    const entries = await pack(key);
    expect(Object.keys(entries).sort()).toEqual(['checklist.json', 'manifest.json', 'manifest.sig']);
    const r = await open(entries);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.checklist).toEqual(checklist);
    expect(r.value.sha256).toBe(await checklistFingerprint(checklist, nodeSha256));
    expect(r.value.manifest).toMatchObject({
      format: 'xiaobao.checklist-package/1',
      issuer,
      exportedBy: '李四',
      checklist: { id: 'consumer-rights', version: '2026.1', title: checklist.title, items: 32, sha256: r.value.sha256 },
    });
    expect(r.value.signer).toEqual({ fingerprint: key.device.fingerprint, deviceId: 'hq-device' });
    expect(checklistPackageName(checklist)).toBe('consumer-rights-2026.1.xbchecklist');
  });

  it('refuses a package whose checklist was swapped for another validly hashed one', async () => {
    const key = await newKey();
    const entries = await pack(key);
    const other = { ...checklist, title: '被替换的清单' };
    expect(await open({ ...entries, 'checklist.json': utf8Encode(canonicalJson(other)) })).toMatchObject({ ok: false, error: { code: 'package.fileHashMismatch' } });
  });

  it('refuses a validly signed package whose manifest names another checklist, or whose checklist is broken', async () => {
    const key = await newKey();
    const signedWith = async (named: Partial<ChecklistPackageManifest['checklist']>, file: Uint8Array) => {
      const r = await buildSignedPackage<ChecklistPackageManifest>({
        manifest: {
          format: CHECKLIST_PACKAGE_FORMAT,
          issuer,
          device: key.device,
          exportedAt: '2026-03-01T08:00:00.000Z',
          exportedBy: '李四',
          checklist: { id: checklist.id, version: checklist.version, title: checklist.title, items: 32, sha256: await checklistFingerprint(checklist, nodeSha256), ...named },
        },
        files: [{ path: 'checklist.json', bytes: file }],
        sha256: nodeSha256,
        sign: key.sign,
      });
      if (!r.ok) throw new Error(r.error.code);
      return r.value.entries;
    };
    const good = utf8Encode(canonicalJson(checklist));
    expect((await open(await signedWith({}, good))).ok).toBe(true);
    expect(await open(await signedWith({ version: '2026.9' }, good))).toMatchObject({ ok: false, error: { code: 'package.checklistMismatch' } });
    expect(await open(await signedWith({ sha256: '0'.repeat(64) }, good))).toMatchObject({ ok: false, error: { code: 'package.checklistMismatch' } });
    const broken = await open(await signedWith({}, utf8Encode(canonicalJson({ ...checklist, sections: [] }))));
    expect(broken).toMatchObject({ ok: false, error: { code: 'package.badChecklist', params: { count: 1 } } });
    expect(!broken.ok && broken.error.detail).toContain('sections');
    expect(await open(await signedWith({}, new Uint8Array([0xc3, 0x28])))).toMatchObject({ ok: false, error: { code: 'package.badChecklist' } });
  });

  it('refuses other kinds of package', async () => {
    const key = await newKey();
    const entries = await pack(key);
    const m = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as Record<string, unknown>;
    m['format'] = 'xiaobao.ledger/1';
    const bytes = utf8Encode(canonicalJson(m));
    expect(await open({ ...entries, 'manifest.json': bytes, 'manifest.sig': await key.sign(bytes) })).toMatchObject({
      ok: false,
      error: { code: 'package.wrongFormat', params: { found: 'xiaobao.ledger/1', expected: 'xiaobao.checklist-package/1' } },
    });
  });
});
