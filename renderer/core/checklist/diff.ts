// Comparing two versions of one checklist, item by item: results of different versions line up by item
// code, so the code is the identity. An item whose code stays but whose text, basis, method, severity or
// section changes is "changed"; the order of items within a section is not a change of content.
import { canonicalJson } from '../canonical';
import { allItems, type FlatItem } from './items';
import type { Basis, Checklist, ChecklistDocument, ChecklistItem } from './schema';

export const ITEM_DIFF_FIELDS = ['section', 'requirement', 'requirementEn', 'basis', 'method', 'evidence', 'severity', 'sample', 'note'] as const;
export type ItemDiffField = (typeof ITEM_DIFF_FIELDS)[number];
export type ItemDiffValue = string | boolean | Basis[] | undefined;
export type FieldChange<F extends string = string> = { field: F; from: ItemDiffValue; to: ItemDiffValue };

export type ItemRef = { code: string; sectionCode: string; sectionTitle: string; item: ChecklistItem };
export type ItemChange = { code: string; from: ItemRef; to: ItemRef; changes: FieldChange<ItemDiffField>[] };

export const META_DIFF_FIELDS = ['title', 'titleEn', 'issuer', 'effectiveFrom', 'description'] as const;
export type MetaDiffField = (typeof META_DIFF_FIELDS)[number];

export type DocumentChange = { key: string; from: ChecklistDocument; to: ChecklistDocument };

export type ChecklistDiff = {
  added: ItemRef[];
  removed: ItemRef[];
  changed: ItemChange[];
  unchanged: number;
  meta: FieldChange<MetaDiffField>[];
  documents: { added: ChecklistDocument[]; removed: ChecklistDocument[]; changed: DocumentChange[] };
};

const ref = (e: FlatItem): ItemRef => ({ code: e.item.code, sectionCode: e.section.code, sectionTitle: e.section.title, item: e.item });

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

function itemValue(r: ItemRef, field: ItemDiffField): ItemDiffValue {
  return field === 'section' ? r.sectionCode : r.item[field];
}

/** Items of `to` not in `from` are added, the reverse removed; added and removed keep `to`'s and `from`'s order. */
export function diffChecklists(from: Checklist, to: Checklist): ChecklistDiff {
  const before = new Map(allItems(from).map((e) => [e.item.code, ref(e)]));
  const after = allItems(to).map(ref);
  const afterCodes = new Set(after.map((r) => r.code));

  const added: ItemRef[] = [];
  const changed: ItemChange[] = [];
  let unchanged = 0;
  for (const r of after) {
    const old = before.get(r.code);
    if (!old) {
      added.push(r);
      continue;
    }
    const changes = ITEM_DIFF_FIELDS.filter((f) => !same(itemValue(old, f), itemValue(r, f))).map((field) => ({
      field,
      from: itemValue(old, field),
      to: itemValue(r, field),
    }));
    if (changes.length > 0) changed.push({ code: r.code, from: old, to: r, changes });
    else unchanged += 1;
  }
  const removed = [...before.values()].filter((r) => !afterCodes.has(r.code));

  const meta = META_DIFF_FIELDS.filter((f) => !same(from[f], to[f])).map((field) => ({ field, from: from[field], to: to[field] }));
  const oldDocs = new Map(from.documents.map((d) => [d.key, d]));
  const newKeys = new Set(to.documents.map((d) => d.key));
  const documents = {
    added: to.documents.filter((d) => !oldDocs.has(d.key)),
    removed: from.documents.filter((d) => !newKeys.has(d.key)),
    changed: to.documents.flatMap((d) => {
      const old = oldDocs.get(d.key);
      return old && !same(old, d) ? [{ key: d.key, from: old, to: d }] : [];
    }),
  };
  return { added, removed, changed, unchanged, meta, documents };
}

/** Nothing differs that a reader would see (item order aside). */
export function isEmptyDiff(d: ChecklistDiff): boolean {
  return (
    d.added.length + d.removed.length + d.changed.length + d.meta.length + d.documents.added.length + d.documents.removed.length + d.documents.changed.length ===
    0
  );
}
