// The organisation tree as the consolidated views draw it: every unit placed exactly once, below its
// parent where that parent is known. Data from many branches is not always tidy, so a unit whose parent
// is missing, and one entry of every parentCode cycle, are placed at the top of an "unassigned" group
// instead; no walk along parentCode can then loop.

export type TreeUnit = { code: string; parentCode: string | null };

export type OrgForest<U extends TreeUnit> = {
  /** Units without a parent (parentCode null), in code order. */
  roots: U[];
  /** Tops of the unassigned group: parent not among the units, or the entry point of a parentCode cycle. */
  unassigned: U[];
  /** Placed children of each code, in code order. */
  children: ReadonlyMap<string, readonly U[]>;
  /** Every unit once, depth first, roots before unassigned: a parent always comes before its children. */
  order: U[];
  /** The parent each unit is placed under; null for roots and unassigned tops. */
  placedParent: ReadonlyMap<string, string | null>;
};

const byCode = (a: TreeUnit, b: TreeUnit): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** Children lists by parent code, each in code order; a repeated code keeps its first unit. */
export function childrenByParent<U extends TreeUnit>(units: readonly U[]): { unique: Map<string, U>; children: Map<string, U[]> } {
  const unique = new Map<string, U>();
  const children = new Map<string, U[]>();
  for (const u of units) {
    if (unique.has(u.code)) continue;
    unique.set(u.code, u);
    if (u.parentCode === null) continue;
    const list = children.get(u.parentCode);
    if (list) list.push(u);
    else children.set(u.parentCode, [u]);
  }
  for (const list of children.values()) list.sort(byCode);
  return { unique, children };
}

export function orgForest<U extends TreeUnit>(units: readonly U[]): OrgForest<U> {
  const { unique, children } = childrenByParent(units);
  const sorted = [...unique.values()].sort(byCode);
  const roots = sorted.filter((u) => u.parentCode === null);
  const unassigned = sorted.filter((u) => u.parentCode !== null && !unique.has(u.parentCode));
  const order: U[] = [];
  const placedParent = new Map<string, string | null>();
  const place = (top: U): void => {
    const stack: [U, string | null][] = [[top, null]];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      const [unit, parent] = next;
      if (placedParent.has(unit.code)) continue;
      placedParent.set(unit.code, parent);
      order.push(unit);
      const kids = children.get(unit.code) ?? [];
      for (let i = kids.length - 1; i >= 0; i--) {
        const kid = kids[i];
        if (kid && !placedParent.has(kid.code)) stack.push([kid, unit.code]);
      }
    }
  };
  for (const u of roots) place(u);
  for (const u of unassigned) place(u);
  // What is left hangs below a cycle. From the smallest such code, climb until a code repeats: that one
  // is on the cycle, and placing it first keeps the rest of the cycle and its dependants below it.
  for (const u of sorted) {
    if (placedParent.has(u.code)) continue;
    const seen = new Set<string>();
    let at: U = u;
    while (!seen.has(at.code)) {
      seen.add(at.code);
      const parent = at.parentCode === null ? undefined : unique.get(at.parentCode);
      if (parent === undefined || placedParent.has(parent.code)) break;
      at = parent;
    }
    unassigned.push(at);
    place(at);
  }
  const placedChildren = new Map<string, U[]>();
  for (const u of order) {
    const parent = placedParent.get(u.code);
    if (parent === null || parent === undefined) continue;
    const list = placedChildren.get(parent);
    if (list) list.push(u);
    else placedChildren.set(parent, [u]);
  }
  return { roots, unassigned, children: placedChildren, order, placedParent };
}

/** `code` and every unit placed below it, in tree order: exactly the units whose findings its tree node counts. */
export function placedSubtree<U extends TreeUnit>(forest: OrgForest<U>, code: string): string[] {
  const out: string[] = [];
  const stack = [code];
  for (let at = stack.pop(); at !== undefined; at = stack.pop()) {
    out.push(at);
    for (const kid of [...(forest.children.get(at) ?? [])].reverse()) stack.push(kid.code);
  }
  return out;
}
