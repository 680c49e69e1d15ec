// A Dexie middleware for connections that write in bulk (the import worker): every committed change is
// announced as "anything in these tables may have changed" instead of key by key.
//
// Dexie tells every window and worker what a committed transaction changed (`storagemutated`, through
// its BroadcastChannel), so their live queries re-run. Writes of fewer than 50 rows are announced key by
// key, with every index value they touched; an import of forty packages puts a few rows at a time into
// the small tables (org units, inspections, counters, trusted keys, the import log) and its notice held
// some 3,000 ranges (250 KB), which the main thread took in one task: the structured clone, then a copy
// and an overlap test of it for every live query. Bulk writes of 50 rows or more are already announced
// as whole tables (Dexie's observability middleware does that itself); here every write is.
//
// A wider notice never hides a change: a live query re-runs when any table it read was written, at worst
// once more than it had to.
import { RangeSet, type DBCore, type DBCoreMutateRequest, type Middleware, type ObservabilitySet } from 'dexie';

export const WHOLE_TABLE_NOTICE = 'WholeTableNotice';

/** The parts Dexie names for a table (primary keys, deletions, every index), each as its whole range. */
function wholeTable(core: DBCore, tableName: string): ObservabilitySet {
  const { indexes } = core.table(tableName).schema;
  const parts: ObservabilitySet = {};
  for (const part of ['', ':dels', ...indexes.map((i) => i.name)]) parts[`idb://${core.schema.name}/${tableName}/${part}`] = new RangeSet(core.MIN_KEY, core.MAX_KEY);
  return parts;
}

/**
 * Sits above Dexie's observability middleware and hands it, with each write, the table's parts already
 * covering every key: the keys it adds fall inside them, so the transaction's notice stays one range per
 * part however many small writes it made.
 */
export const wholeTableNotice: Middleware<DBCore> = {
  stack: 'dbcore',
  name: WHOLE_TABLE_NOTICE,
  level: 1,
  create: (down) => ({
    ...down,
    table: (tableName) => {
      const table = down.table(tableName);
      return {
        ...table,
        mutate: (req: DBCoreMutateRequest) => table.mutate({ ...req, mutatedParts: wholeTable(down, tableName) }),
      };
    },
  }),
};
