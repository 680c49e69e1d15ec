import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseChecklist, parseChecklistText, type ChecklistResult } from '../../../renderer/core/checklist/parse';
import { CHECKLIST_PROBLEM_CODES } from '../../../renderer/core/checklist/problems';
import { formatChecklistProblem } from '../../../renderer/core/checklist/messages';
import { canonicalJson } from '../../../renderer/core/canonical';
import { fixtureJson, fixtureText } from '../helpers';

type Path = Array<string | number>;

/** Every path to a value inside the fixture, the root excluded. */
function paths(value: unknown, at: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value as Record<string, unknown>);
  return entries.flatMap(([k, v]) => [[...at, k], ...paths(v, [...at, k])]);
}

type Mutation = { path: Path; kind: 'delete' | 'set' | 'rename' | 'addKey'; value: unknown; key: string };

function apply(root: Record<string, unknown>, m: Mutation): void {
  const parentPath = m.path.slice(0, -1);
  let parent: unknown = root;
  for (const p of parentPath) {
    if (typeof parent !== 'object' || parent === null) return; // an earlier mutation removed it
    parent = (parent as Record<string | number, unknown>)[p];
  }
  if (typeof parent !== 'object' || parent === null) return;
  const last = m.path[m.path.length - 1]!;
  const obj = parent as Record<string | number, unknown>;
  switch (m.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else Reflect.deleteProperty(obj, last);
      break;
    case 'set':
      obj[last] = m.value;
      break;
    case 'rename':
      if (!Array.isArray(parent)) {
        const moved = obj[last];
        Reflect.deleteProperty(obj, last);
        obj[m.key] = moved;
      }
      break;
    case 'addKey':
      if (!Array.isArray(parent)) obj[m.key] = m.value;
      break;
  }
}

function checkOutcome(r: ChecklistResult): void {
  if (r.ok) {
    // A checklist that passed must survive its own round trip.
    expect(parseChecklistText(canonicalJson(r.value)).ok).toBe(true);
    return;
  }
  expect(r.error.length).toBeGreaterThan(0);
  for (const p of r.error) {
    expect(CHECKLIST_PROBLEM_CODES).toContain(p.code);
    expect(formatChecklistProblem(p, 'zh-CN').length).toBeGreaterThan(0);
    expect(formatChecklistProblem(p, 'en-US').length).toBeGreaterThan(0);
  }
}

const baseText = JSON.stringify(fixtureJson('minimal.json'));
const allPaths = paths(JSON.parse(baseText));
const freshCopy = () => JSON.parse(baseText) as Record<string, unknown>;

const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.constantFrom(...allPaths),
  kind: fc.constantFrom('delete', 'set', 'rename', 'addKey'),
  value: fc.oneof(fc.jsonValue(), fc.anything(), fc.constantFrom('', '一般', '第十条', 'LAW-A', 'T-S1-01', true, 0, null, [], {})),
  key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'code', 'requirement', 'requirment', 'verified', 'items')),
});

// fast-check runs thousands of cases: allow for a loaded CI machine.
describe('parsing never throws', { timeout: 60_000 }, () => {
  it('random mutations of a valid checklist give a checklist or a non-empty problem list', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) => {
        const c = freshCopy();
        for (const m of mutations) apply(c, m);
        checkOutcome(parseChecklist(c));
        let text: string | undefined;
        try {
          text = JSON.stringify(c);
        } catch {
          text = undefined; // fc.anything can produce values JSON cannot write (bigint)
        }
        if (text !== undefined) checkOutcome(parseChecklistText(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('random values and random text give a non-empty problem list', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        checkOutcome(parseChecklist(v));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), fc.string({ unit: 'binary' })), (text) => {
        const r = parseChecklistText(text);
        expect(r.ok).toBe(false);
        checkOutcome(r);
      }),
      { numRuns: 500 },
    );
  });

  it('random edits of the file text never throw', () => {
    const text = fixtureText('minimal.json');
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(20), fc.string({ maxLength: 5 }), (at, remove, insert) => {
        checkOutcome(parseChecklistText(text.slice(0, at) + insert + text.slice(at + remove)));
      }),
      { numRuns: 1000 },
    );
  });
});
