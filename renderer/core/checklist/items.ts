// Read-side helpers the UI needs over a parsed checklist: the items in order with their section, lookup
// by code, and how to show a basis ("《…》第十条", plus whether its article still needs checking).
import type { Basis, Checklist, ChecklistDocument, ChecklistItem, ChecklistSection } from './schema';

export type FlatItem = {
  item: ChecklistItem;
  section: ChecklistSection;
  sectionIndex: number;
  itemIndex: number;
  /** 0-based position in the whole checklist. */
  position: number;
};

export function allItems(checklist: Checklist): FlatItem[] {
  const out: FlatItem[] = [];
  checklist.sections.forEach((section, sectionIndex) => {
    section.items.forEach((item, itemIndex) => {
      out.push({ item, section, sectionIndex, itemIndex, position: out.length });
    });
  });
  return out;
}

export function itemCodes(checklist: Checklist): string[] {
  return checklist.sections.flatMap((s) => s.items.map((i) => i.code));
}

export function findEntry(checklist: Checklist, code: string): FlatItem | undefined {
  return allItems(checklist).find((e) => e.item.code === code);
}

export function findItem(checklist: Checklist, code: string): ChecklistItem | undefined {
  for (const section of checklist.sections) {
    for (const item of section.items) if (item.code === code) return item;
  }
  return undefined;
}

export type BasisLabel = {
  /** `《title》第十条`, `《title》` without an article, or the bare key if the document is not listed. */
  text: string;
  title: string | null;
  number: string | null;
  article: string | null;
  /** The article number has not been checked against the official text: the UI shows 条号待核. */
  unverified: boolean;
  documentKnown: boolean;
};

export function basisLabel(basis: Basis, documents: readonly ChecklistDocument[]): BasisLabel {
  const doc = documents.find((d) => d.key === basis.doc);
  const article = basis.article ?? null;
  const name = doc ? bracketed(doc.title) : basis.doc;
  return {
    text: article !== null ? `${name}${article}` : name,
    title: doc?.title ?? null,
    number: doc?.number ?? null,
    article,
    unverified: !basis.verified,
    documentKnown: doc !== undefined,
  };
}

function bracketed(title: string): string {
  return title.startsWith('《') && title.endsWith('》') ? title : `《${title}》`;
}
