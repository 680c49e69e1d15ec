// The org units are read by one live query for every component that shows them, by the primary key
// (a query through the `code` index made Dexie record every row's key: 64 ms at 2,500 units after a
// national import), in code order without deleted units; the app shell's unit label renders again only
// when that label changes, not when any unit does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { DBCore, DBCoreQueryRequest, DBCoreTable, Middleware } from 'dexie';
import { createDb, type XbDb } from '../../renderer/db/db';
import { openDb } from '../../renderer/db/open';
import { DbProvider, useOrgUnits, useUnitLabel } from '../../renderer/db/queries';
import { addOrgUnit, deleteOrgUnit, updateOrgUnit } from '../../renderer/db/repos/org-units';
import { sameUnits } from '../../renderer/db/org-unit-store';
import type { OrgUnit } from '../../renderer/db/types';
import { setUpBranch } from '../db/helpers';

/** Every read-only query of the orgUnits table (not the writes' own reads), by the index it went through ('' for the primary key). */
let queries: string[] = [];
const countQueries: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'count-org-unit-queries',
  create: (down) => ({
    ...down,
    table: (name: string): DBCoreTable => {
      const table = down.table(name);
      if (name !== 'orgUnits') return table;
      return {
        ...table,
        query: (req: DBCoreQueryRequest) => {
          if ((req.trans as unknown as IDBTransaction).mode === 'readonly') queries.push(req.query.index.name ?? '');
          return table.query(req);
        },
      };
    },
  }),
};

let n = 0;
let db: XbDb;
beforeEach(async () => {
  db = createDb({ name: `org-unit-store-${++n}`, indexedDB: new IDBFactory(), IDBKeyRange });
  db.use(countQueries);
  await openDb(db, { onBlocked: () => undefined, onVersionChange: () => undefined });
  await setUpBranch(db);
  queries = [];
});
afterEach(() => db.close());

const seen: Record<string, unknown[]> = {};
function Units({ name }: { name: string }) {
  const units = useOrgUnits();
  (seen[name] ??= []).push(units);
  return <p data-testid={name}>{units?.map((u) => u.code).join(',') ?? '…'}</p>;
}
let labelRenders = 0;
function Label() {
  const label = useUnitLabel('BR01');
  labelRenders++;
  return <p data-testid="label">{label ?? '…'}</p>;
}

describe('the org units', () => {
  it('are read once for all components, by the primary key, in code order without deleted units', async () => {
    const unwrap = <T,>(r: { ok: true; value: T } | { ok: false }): T => {
      if (!r.ok) throw new Error('write refused');
      return r.value;
    };
    unwrap(await addOrgUnit(db, { code: 'BR01-09', name: '九号网点', level: 'outlet', parentCode: 'BR01' }));
    const gone = unwrap(await addOrgUnit(db, { code: 'BR01-05', name: '五号网点', level: 'outlet', parentCode: 'BR01' }));
    unwrap(await addOrgUnit(db, { code: 'BR01-01', name: '一号网点', level: 'outlet', parentCode: 'BR01' }));
    unwrap(await deleteOrgUnit(db, gone.id));
    labelRenders = 0;
    queries = [];
    render(
      <DbProvider db={db}>
        <Units name="a" />
        <Units name="b" />
        <Units name="c" />
        <Label />
      </DbProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('c').textContent).toBe('BR01,BR01-01,BR01-09'));
    expect(screen.getByTestId('a').textContent).toBe('BR01,BR01-01,BR01-09');
    expect(screen.getByTestId('label').textContent).toBe('城东分行（BR01）');
    expect(queries).toEqual(['']);
    // The three components were handed the very same array.
    expect(new Set(['a', 'b', 'c'].map((k) => seen[k]!.at(-1))).size).toBe(1);
    const labelRendersBefore = labelRenders;

    // Another unit: one query again; the label, which did not change, is not rendered again.
    queries = [];
    unwrap(await addOrgUnit(db, { code: 'BR01-03', name: '三号网点', level: 'outlet', parentCode: 'BR01' }));
    await waitFor(() => expect(screen.getByTestId('b').textContent).toBe('BR01,BR01-01,BR01-03,BR01-09'));
    expect(queries).toEqual(['']);
    expect(labelRenders).toBe(labelRendersBefore);

    // The own unit renamed: the label follows.
    const own = (await db.orgUnits.where('code').equals('BR01').first())!;
    unwrap(await updateOrgUnit(db, own.id, { name: '城东支行', level: own.level, parentCode: own.parentCode }));
    await waitFor(() => expect(screen.getByTestId('label').textContent).toBe('城东支行（BR01）'));
  });

  it('tells equal unit lists from lists that differ in any field, in length or in order', () => {
    const unit = (code: string, over: Partial<OrgUnit> = {}): OrgUnit => ({ id: `u-${code}`, rev: 1, updatedAt: '2026-06-01T00:00:00.000Z', updatedBy: '张三', deviceId: 'd', deletedAt: null, code, name: `网点${code}`, level: 'outlet', parentCode: 'BR01', ...over });
    const list = [unit('A'), unit('B')];
    expect(sameUnits(list, structuredClone(list))).toBe(true);
    expect(sameUnits(list, [unit('A')])).toBe(false);
    expect(sameUnits(list, [unit('B'), unit('A')])).toBe(false);
    for (const over of [{ rev: 2 }, { name: '改名' }, { parentCode: null }, { level: 'branch' as const }, { updatedAt: '2026-06-02T00:00:00.000Z' }]) expect(sameUnits(list, [unit('A'), unit('B', over)])).toBe(false);
    // A field present on one side only.
    expect(sameUnits(list, [unit('A'), { ...unit('B'), extra: 1 } as OrgUnit])).toBe(false);
  });
});

