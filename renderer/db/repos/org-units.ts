// Organisation units (机构): the own unit and the outlets it inspects. Deletion is a tombstone.
import type { XbDb } from '../db';
import type { OrgUnit } from '../types';
import { nowIso } from '../clock';
import { currentActor } from './actor';
import { newOrgUnit } from './settings';
import { appError, err, ok, type Result } from '../../core/result';
import { buildOrgIndex, checkOrgFields, checkOrgRelations, normalizeOrgUnit, validateOrgUnit, type OrgProblem, type OrgUnitInput } from '../../core/org/model';

export type OrgWriteError = { code: 'org.invalid'; problems: OrgProblem[] } | { code: string; problems?: undefined };

const live = (units: OrgUnit[]): OrgUnit[] => units.filter((u) => u.deletedAt === null);

export async function addOrgUnit(db: XbDb, input: OrgUnitInput): Promise<Result<OrgUnit, OrgWriteError>> {
  return db.transaction('rw', db.orgUnits, db.settings, async () => {
    const actor = await currentActor(db);
    if (!actor.ok) return err({ code: actor.error.code });
    const all = await db.orgUnits.toArray();
    const problems = validateOrgUnit(input, live(all));
    if (problems.length > 0) return err({ code: 'org.invalid' as const, problems });
    const tomb = all.find((u) => u.code === input.code.trim());
    const unit = newOrgUnit(input, actor.value);
    if (tomb) {
      // The unique index on code keeps one row per code: re-adding a deleted unit revives its row.
      const revived: OrgUnit = { ...unit, id: tomb.id, rev: tomb.rev + 1 };
      await db.orgUnits.put(revived);
      return ok(revived);
    }
    await db.orgUnits.add(unit);
    return ok(unit);
  });
}

export async function updateOrgUnit(
  db: XbDb,
  id: string,
  patch: Pick<OrgUnitInput, 'name' | 'level' | 'parentCode'>,
): Promise<Result<OrgUnit, OrgWriteError>> {
  return db.transaction('rw', db.orgUnits, db.settings, async () => {
    const actor = await currentActor(db);
    if (!actor.ok) return err({ code: actor.error.code });
    const current = await db.orgUnits.get(id);
    if (!current || current.deletedAt !== null) return err({ code: 'org.notFound' });
    const others = live(await db.orgUnits.toArray()).filter((u) => u.id !== id);
    const input: OrgUnitInput = { code: current.code, ...patch };
    const problems = validateOrgUnit(input, others, { allowUnknownParent: await isOwnUnit(db, current.code) });
    if (problems.length > 0) return err({ code: 'org.invalid' as const, problems });
    const next: OrgUnit = {
      ...current,
      name: patch.name.trim(),
      level: patch.level,
      parentCode: patch.parentCode?.trim() || null,
      rev: current.rev + 1,
      updatedAt: nowIso(),
      updatedBy: actor.value.inspectorName,
      deviceId: actor.value.deviceId,
    };
    await db.orgUnits.put(next);
    return ok(next);
  });
}

export async function deleteOrgUnit(db: XbDb, id: string): Promise<Result<OrgUnit>> {
  return db.transaction('rw', db.orgUnits, db.settings, db.inspections, async () => {
    const actor = await currentActor(db);
    if (!actor.ok) return actor;
    const current = await db.orgUnits.get(id);
    if (!current || current.deletedAt !== null) return err(appError('org.notFound', { code: id }));
    if (await isOwnUnit(db, current.code)) return err(appError('org.deleteOwn', { code: current.code }));
    const children = live(await db.orgUnits.where('parentCode').equals(current.code).toArray());
    if (children.length > 0) return err(appError('org.hasChildren', { code: current.code, count: children.length }));
    const used = await db.inspections.where('orgUnitCode').equals(current.code).filter((i) => i.deletedAt === null).count();
    if (used > 0) return err(appError('org.inUse', { code: current.code, count: used }));
    const now = nowIso();
    const next: OrgUnit = { ...current, deletedAt: now, rev: current.rev + 1, updatedAt: now, updatedBy: actor.value.inspectorName, deviceId: actor.value.deviceId };
    await db.orgUnits.put(next);
    return ok(next);
  });
}

/** All-or-nothing: the caller has validated the whole file with core/org; this re-checks inside the transaction. */
export async function importOrgUnits(db: XbDb, inputs: OrgUnitInput[]): Promise<Result<{ added: number }, OrgWriteError>> {
  return db.transaction('rw', db.orgUnits, db.settings, async () => {
    const actor = await currentActor(db);
    if (!actor.ok) return err({ code: actor.error.code });
    const all = await db.orgUnits.toArray();
    // One index for the whole batch keeps a 20,000-row list linear: the file may not repeat a code
    // (its own or a recorded one), and parents may come later in the file.
    const index = buildOrgIndex(live(all), inputs);
    const tombs = new Map(all.map((u) => [u.code, u]));
    const seen = new Set<string>();
    const rows: OrgUnit[] = [];
    for (const input of inputs) {
      const unit = normalizeOrgUnit(input);
      const problems = [...checkOrgFields(unit), ...checkOrgRelations(unit, index)];
      if (index.byCode.has(unit.code) || seen.has(unit.code)) problems.push({ code: 'org.duplicateCode', field: 'code', params: { code: unit.code } });
      if (problems.length > 0) return err({ code: 'org.invalid' as const, problems });
      seen.add(unit.code);
      const row = newOrgUnit(unit, actor.value);
      const tomb = tombs.get(unit.code);
      rows.push(tomb ? { ...row, id: tomb.id, rev: tomb.rev + 1 } : row);
    }
    await db.orgUnits.bulkPut(rows);
    return ok({ added: rows.length });
  });
}

async function isOwnUnit(db: XbDb, code: string): Promise<boolean> {
  return (await db.settings.get('device'))?.orgUnitCode === code;
}
