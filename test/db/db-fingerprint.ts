// One SHA-256 over every row of every table of a database, blobs by their bytes: equal fingerprints
// before and after an operation mean it wrote nothing. For the campaigns' "nothing half-written" checks.
import { createHash, type Hash } from 'node:crypto';
import type { XbDb } from '../../renderer/db/db';

async function feed(hash: Hash, value: unknown): Promise<void> {
  if (value === null || typeof value !== 'object') {
    hash.update(`${typeof value}:${JSON.stringify(value) ?? 'undefined'};`);
  } else if (value instanceof Blob) {
    hash.update(`blob:${value.type}:${value.size}:`);
    hash.update(new Uint8Array(await value.arrayBuffer()));
  } else if (value instanceof Uint8Array) {
    hash.update(`bytes:${value.byteLength}:`);
    hash.update(value);
  } else if (value instanceof CryptoKey) {
    // Non-extractable: its identity is its description (the settings row also holds the raw public key).
    hash.update(`key:${value.type}:${value.algorithm.name}:${value.usages.join(',')};`);
  } else if (Array.isArray(value)) {
    hash.update(`[${value.length}:`);
    for (const item of value) await feed(hash, item);
    hash.update(']');
  } else {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    hash.update(`{${entries.length}:`);
    for (const [key, item] of entries) {
      hash.update(`${JSON.stringify(key)}=`);
      await feed(hash, item);
    }
    hash.update('}');
  }
}

/** The fingerprint of every table (sorted by name) but those in `except`. */
export async function databaseFingerprint(db: XbDb, except: readonly string[] = []): Promise<string> {
  const hash = createHash('sha256');
  for (const table of [...db.tables].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (except.includes(table.name)) continue;
    const rows: unknown[] = await table.toArray();
    hash.update(`table:${table.name}:${rows.length};`);
    for (const row of rows) await feed(hash, row);
  }
  return hash.digest('hex');
}
