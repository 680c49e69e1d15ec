// A corpus of broken checklists, one per problem code at least: parse.test.ts checks each one's
// problems, messages.test.ts checks that every problem reads well in both languages.
import { parseChecklist, parseChecklistText, type ChecklistResult } from '../../../renderer/core/checklist/parse';
import type { ChecklistProblemCode } from '../../../renderer/core/checklist/problems';
import { problemsFromZod } from '../../../renderer/core/checklist/zod-issues';
import { err } from '../../../renderer/core/result';
import { z } from 'zod';
import { fixtureJson, fixtureText } from '../helpers';

type Json = Record<string, unknown>;

export type BadInput = {
  name: string;
  run: () => ChecklistResult;
  /** Problem codes that must appear (others may too). */
  codes: ChecklistProblemCode[];
  /** Path of the first expected problem, when it matters. */
  path?: string;
};

function minimal(): Json {
  return fixtureJson('minimal.json');
}

function sections(c: Json): Json[] {
  return c['sections'] as Json[];
}

function items(c: Json, s: number): Json[] {
  return sections(c)[s]!['items'] as Json[];
}

function basis(c: Json, s: number, i: number): Json[] {
  return items(c, s)[i]!['basis'] as Json[];
}

function mutate(change: (c: Json) => void): () => ChecklistResult {
  return () => {
    const c = minimal();
    change(c);
    return parseChecklist(c);
  };
}

function mutateText(change: (c: Json) => void): () => ChecklistResult {
  return () => {
    const c = minimal();
    change(c);
    return parseChecklistText(JSON.stringify(c, null, 2));
  };
}

export const badInputs: BadInput[] = [
  { name: 'text over 5 MB', run: () => parseChecklistText(' '.repeat(5 * 1024 * 1024 + 1)), codes: ['tooLarge'], path: '' },
  { name: 'empty text', run: () => parseChecklistText(''), codes: ['empty'] },
  { name: 'only a BOM and spaces', run: () => parseChecklistText('\ufeff  \n'), codes: ['empty'] },
  { name: 'missing comma', run: () => parseChecklistText(fixtureText('missing-comma.json')), codes: ['jsonSyntax'] },
  {
    name: 'duplicate JSON key',
    run: () => parseChecklistText(fixtureText('minimal.json').replace('"severity": "一般",', '"severity": "一般", "severity": "重大",')),
    codes: ['duplicateKey'],
    path: 'sections[0].items[0].severity',
  },
  { name: 'deep nesting in text', run: () => parseChecklistText(`{"x": ${'['.repeat(100)}${']'.repeat(100)}}`), codes: ['tooDeep'] },
  {
    name: 'deep nesting in data',
    run: () => {
      let deep: unknown = 1;
      for (let i = 0; i < 100; i++) deep = [deep];
      return parseChecklist({ format: 'xiaobao.checklist/1', x: deep });
    },
    codes: ['tooDeep'],
  },
  { name: 'too many values', run: () => parseChecklist({ x: new Array<number>(600_000).fill(0) }), codes: ['tooManyValues'] },
  { name: 'array at the top', run: () => parseChecklistText('[]'), codes: ['notObject'] },
  { name: 'number at the top', run: () => parseChecklistText('42'), codes: ['notObject'] },
  { name: 'undefined input', run: () => parseChecklist(undefined), codes: ['notObject'] },
  { name: 'no format', run: mutate((c) => delete c['format']), codes: ['formatMissing'] },
  { name: 'format /2', run: mutate((c) => (c['format'] = 'xiaobao.checklist/2')), codes: ['formatUnknown'], path: 'format' },
  { name: 'format is a number', run: mutate((c) => (c['format'] = 1)), codes: ['formatUnknown'], path: 'format' },
  {
    name: '__proto__ key in text',
    run: () => parseChecklistText(fixtureText('minimal.json').replace('"sample": true', '"sample": true, "__proto__": {"polluted": 1}')),
    codes: ['forbiddenKey'],
    path: 'sections[0].items[1].__proto__',
  },
  { name: 'constructor key', run: mutate((c) => (items(c, 1)[0]!['constructor'] = 'x')), codes: ['forbiddenKey'], path: 'sections[1].items[0].constructor' },
  { name: 'typo in item key', run: () => parseChecklistText(fixtureText('typo-key.json')), codes: ['unknownKey'], path: 'sections[0].items[0].requirment' },
  { name: 'typo at top level', run: mutate((c) => (c['desciption'] = 'x')), codes: ['unknownKey'], path: 'desciption' },
  { name: 'typo in basis', run: mutate((c) => (basis(c, 0, 1)[0]!['artcle'] = '第一条')), codes: ['unknownKey'], path: 'sections[0].items[1].basis[0].artcle' },
  { name: 'Chinese key', run: mutate((c) => (sections(c)[0]!['备注'] = 'x')), codes: ['unknownKey'], path: 'sections[0]["备注"]' },
  { name: 'missing method', run: mutate((c) => delete items(c, 0)[0]!['method']), codes: ['required'], path: 'sections[0].items[0].method' },
  { name: 'missing documents', run: mutate((c) => delete c['documents']), codes: ['required'], path: 'documents' },
  { name: 'sample as text', run: mutate((c) => (items(c, 0)[1]!['sample'] = 'yes')), codes: ['wrongType'], path: 'sections[0].items[1].sample' },
  { name: 'sections is an object', run: mutate((c) => (c['sections'] = {})), codes: ['wrongType'], path: 'sections' },
  { name: 'a section is a string', run: mutate((c) => ((c['sections'] as unknown[])[1] = 'S2')), codes: ['wrongType'], path: 'sections[1]' },
  { name: 'blank requirement', run: mutate((c) => (items(c, 0)[0]!['requirement'] = '   ')), codes: ['blank'], path: 'sections[0].items[0].requirement' },
  { name: 'empty title', run: mutate((c) => (c['title'] = '')), codes: ['blank'], path: 'title' },
  { name: 'carriage return in a requirement', run: mutate((c) => (items(c, 0)[0]!['requirement'] = '价目表\r\n公示')), codes: ['badCharacters'], path: 'sections[0].items[0].requirement' },
  { name: 'control character in a title (JSON escape)', run: () => parseChecklistText(fixtureText('minimal.json').replace('"测试清单"', '"测试\\u0007清单"')), codes: ['badCharacters'], path: 'title' },
  { name: 'lone surrogate in a note', run: mutate((c) => (items(c, 1)[0]!['note'] = 'x\ud800y')), codes: ['badCharacters'], path: 'sections[1].items[0].note' },
  {
    name: 'requirement too long',
    run: mutate((c) => (items(c, 0)[0]!['requirement'] = '长'.repeat(501))),
    codes: ['textTooLong'],
    path: 'sections[0].items[0].requirement',
  },
  { name: 'empty section', run: mutate((c) => (sections(c)[1]!['items'] = [])), codes: ['tooFewEntries'], path: 'sections[1].items' },
  { name: 'no sections', run: mutate((c) => (c['sections'] = [])), codes: ['tooFewEntries'], path: 'sections' },
  {
    name: '101 sections',
    run: mutate((c) => {
      const base = sections(c)[1]!;
      c['sections'] = Array.from({ length: 101 }, (_, s) => ({ ...base, code: `S${s}`, items: [{ ...(base['items'] as Json[])[0]!, code: `X-${s}` }] }));
    }),
    codes: ['tooManyEntries'],
    path: 'sections',
  },
  { name: 'bad item code', run: mutate((c) => (items(c, 0)[0]!['code'] = 'B PUB 01')), codes: ['badCode'], path: 'sections[0].items[0].code' },
  { name: 'bad id', run: mutate((c) => (c['id'] = 'Branch Onsite')), codes: ['badId'], path: 'id' },
  { name: 'bad version', run: mutate((c) => (c['version'] = 'v 1')), codes: ['badVersion'], path: 'version' },
  { name: 'bad date format', run: mutate((c) => (c['effectiveFrom'] = '2026/01/01')), codes: ['badDate'], path: 'effectiveFrom' },
  { name: 'bad document key', run: mutate((c) => ((c['documents'] as Json[])[0]!['key'] = 'LAW A')), codes: ['badDocKey'], path: 'documents[0].key' },
  { name: 'severity 高', run: mutate((c) => (items(c, 0)[0]!['severity'] = '高')), codes: ['badSeverity'], path: 'sections[0].items[0].severity' },
  { name: 'severity as a number', run: mutate((c) => (items(c, 0)[0]!['severity'] = 3)), codes: ['badSeverity'], path: 'sections[0].items[0].severity' },
  { name: 'severity as an object', run: mutate((c) => (items(c, 0)[0]!['severity'] = {})), codes: ['wrongType'], path: 'sections[0].items[0].severity' },
  { name: 'duplicate section code', run: mutate((c) => (sections(c)[1]!['code'] = 'S1')), codes: ['duplicateSectionCode'], path: 'sections[1].code' },
  { name: 'duplicate item code across sections', run: mutate((c) => (items(c, 1)[0]!['code'] = 'T-S1-01')), codes: ['duplicateItemCode'], path: 'sections[1].items[0].code' },
  { name: 'duplicate document key', run: mutate((c) => ((c['documents'] as Json[])[1]!['key'] = 'LAW-A')), codes: ['duplicateDocumentKey'], path: 'documents[1].key' },
  { name: 'missing document', run: mutate((c) => (basis(c, 0, 0)[0]!['doc'] = 'LAW-Z')), codes: ['unknownDocument'], path: 'sections[0].items[0].basis[0].doc' },
  { name: '30 February', run: mutate((c) => (c['effectiveFrom'] = '2025-02-29')), codes: ['invalidDate'], path: 'effectiveFrom' },
  { name: 'verified without article', run: mutate((c) => (basis(c, 0, 1)[0]!['verified'] = true)), codes: ['verifiedWithoutArticle'], path: 'sections[0].items[1].basis[0].verified' },
  {
    name: '2,005 items',
    run: mutate((c) => {
      const item = items(c, 1)[0]!;
      c['sections'] = Array.from({ length: 5 }, (_, s) => ({
        code: `S${s}`,
        title: `章${s}`,
        items: Array.from({ length: 401 }, (_, i) => ({ ...item, code: `X-${s}-${i}` })),
      }));
    }),
    codes: ['tooManyItemsTotal'],
    path: 'sections',
  },
  {
    name: 'hundreds of problems',
    run: mutate((c) => {
      const item = items(c, 1)[0]!;
      c['sections'] = [{ code: 'S', title: 'S', items: Array.from({ length: 300 }, () => ({ ...item, severity: '?' })) }];
    }),
    codes: ['badSeverity', 'moreProblems'],
  },
  {
    name: 'invalid value for an unknown enum (zod fallback)',
    run: mutateText((c) => (items(c, 0)[0]!['sample'] = null)),
    codes: ['wrongType'],
    path: 'sections[0].items[0].sample',
  },
  // The schema has no other enum and no numbers today; these keep the fallbacks honest for when it does.
  { name: 'zod fallback: another enum', run: () => viaZod(z.object({ mode: z.enum(['a', 'b']) }), { mode: 'c' }), codes: ['badValue'], path: 'mode' },
  { name: 'zod fallback: a number too big', run: () => viaZod(z.object({ n: z.number().max(3) }), { n: 5 }), codes: ['invalid'], path: 'n' },
];

function viaZod(schema: z.ZodType, input: unknown): ChecklistResult {
  const r = schema.safeParse(input);
  return err(r.success ? [] : problemsFromZod(r.error.issues, input));
}
