import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../renderer/core/canonical';
import { checklistFingerprint } from '../../../renderer/core/checklist/fingerprint';
import { parseChecklistText } from '../../../renderer/core/checklist/parse';
import type { Checklist } from '../../../renderer/core/checklist/schema';
import { fixtureText, nodeSha256, readRepoText } from '../helpers';

function parsed(text: string): Checklist {
  const r = parseChecklistText(text);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe.each([
  ['fixture minimal.json', () => fixtureText('minimal.json')],
  ['checklists/branch-onsite.json', () => readRepoText('checklists/branch-onsite.json')],
  ['checklists/infringement-campaign-2019.json', () => readRepoText('checklists/infringement-campaign-2019.json')],
  ['checklists/consumer-rights.json', () => readRepoText('checklists/consumer-rights.json')],
])('golden round trip of %s', (_name, read) => {
  it('parse → canonicalJson → parse gives an equal checklist and the same fingerprint', async () => {
    const first = parsed(read());
    const canonical = canonicalJson(first);
    const second = parsed(canonical);
    expect(second).toEqual(first);
    expect(canonicalJson(second)).toBe(canonical);
    const fp = await checklistFingerprint(first, nodeSha256);
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(await checklistFingerprint(second, nodeSha256)).toBe(fp);
  });

  it('the fingerprint ignores whitespace and key order but not content', async () => {
    const original = JSON.parse(read()) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(original).reverse());
    const a = await checklistFingerprint(parsed(read()), nodeSha256);
    expect(await checklistFingerprint(parsed(JSON.stringify(reordered)), nodeSha256)).toBe(a);
    expect(await checklistFingerprint(parsed(JSON.stringify({ ...original, version: '9.9' })), nodeSha256)).not.toBe(a);
  });
});
