// The published JSON Schema of the checklist format (checklists/checklist.schema.json), generated from
// the zod schema so the two cannot drift. Editors use it for completion and hover help; the app itself
// always validates with the zod schema and validate.ts, which also check what JSON Schema cannot say
// (unique codes, cited documents exist, real dates).
import { z } from 'zod';
import { checklistSchema } from './schema';

export const CHECKLIST_SCHEMA_ID = 'https://xiaobao.invalid/schemas/checklist/1/checklist.schema.json';
export const CHECKLIST_SCHEMA_FILE = 'checklists/checklist.schema.json';

export function checklistJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(checklistSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: CHECKLIST_SCHEMA_ID, ...rest };
}

/** The file's exact text: two-space indentation and a final newline. */
export function checklistJsonSchemaText(): string {
  return `${JSON.stringify(checklistJsonSchema(), null, 2)}\n`;
}
