// checklists/checklist.schema.json is generated from the zod schema; this fails when someone changes
// the schema without regenerating the file (`npm run schema:checklist`).
import { describe, expect, it } from 'vitest';
import { checklistJsonSchema, checklistJsonSchemaText, CHECKLIST_SCHEMA_FILE } from '../../../renderer/core/checklist/json-schema';
import { readRepoText } from '../helpers';

type Node = { properties?: Record<string, Node>; items?: Node; required?: string[]; additionalProperties?: boolean; enum?: string[]; pattern?: string; description?: string };

describe('the published JSON Schema', () => {
  it('is up to date with the zod schema (regenerate with `npm run schema:checklist`)', () => {
    expect(readRepoText(CHECKLIST_SCHEMA_FILE), 'checklists/checklist.schema.json is out of date: run `npm run schema:checklist`').toBe(
      checklistJsonSchemaText(),
    );
  });

  it('says what the zod schema says: strict objects, required fields, severities, descriptions', () => {
    const root = checklistJsonSchema() as Node & { $schema: string; $id: string };
    expect(root.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(root.required).toEqual(['format', 'id', 'version', 'title', 'issuer', 'effectiveFrom', 'documents', 'sections']);
    const item = root.properties!['sections']!.items!.properties!['items']!.items!;
    expect(item.additionalProperties).toBe(false);
    expect(item.required).toEqual(['code', 'requirement', 'basis', 'method', 'severity']);
    expect(item.properties!['severity']!.enum).toEqual(['一般', '较重', '重大']);
    expect(item.properties!['requirement']!.pattern).toBe('\\S');
    for (const [key, p] of Object.entries(item.properties!)) expect(p.description, key).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  });
});
