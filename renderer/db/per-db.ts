// One instance of something per open database (a store its pages share), made on first use and
// dropped with the database object.
import type { XbDb } from './db';

/** A function giving the instance `make` made for each database, making it the first time it is asked. */
export function onePerDatabase<T>(make: (db: XbDb) => T): (db: XbDb) => T {
  const made = new WeakMap<XbDb, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) {
      value = make(db);
      made.set(db, value);
    }
    return value;
  };
}
