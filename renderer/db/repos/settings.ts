// Device identity and first-start setup: device id, Ed25519 signing key (non-extractable), role and
// own organisation unit. The own unit is stored in orgUnits like any other, in the same transaction.
import type { XbDb } from '../db';
import type { DeviceSettings, Language, OrgUnit, Role, UiState } from '../types';
import { clock, nowIso } from '../clock';
import { appError, err, ok, type Result } from '../../core/result';
import { toBase64 } from '../../core/crypto/encoding';
import { keyFingerprint } from '../../core/crypto/fingerprint';
import { validateOrgUnit, type OrgUnitInput } from '../../core/org/model';
import { platformSha256 } from '../../platform/crypto';

export type SetupInput = {
  role: Role;
  orgUnit: OrgUnitInput;
  inspectorName: string;
};

export async function getSettings(db: XbDb): Promise<DeviceSettings | undefined> {
  return db.settings.get('device');
}

export async function generateDeviceKey(): Promise<Result<{ privateKey: CryptoKey; publicKey: CryptoKey; raw: Uint8Array }>> {
  try {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    return ok({ privateKey: pair.privateKey, publicKey: pair.publicKey, raw });
  } catch (e) {
    return err(appError('crypto.ed25519Unavailable', undefined, String(e)));
  }
}

export async function completeSetup(db: XbDb, input: SetupInput): Promise<Result<DeviceSettings>> {
  const name = input.inspectorName.trim();
  if (name.length === 0 || name.length > 50) return err(appError('setup.inspectorName'));
  if (await getSettings(db)) return err(appError('setup.alreadyDone'));
  const key = await generateDeviceKey();
  if (!key.ok) return key;
  const fingerprint = await keyFingerprint(key.value.raw, platformSha256);
  const now = nowIso();
  const deviceId = clock().uuid();
  const settings: DeviceSettings = {
    key: 'device',
    deviceId,
    role: input.role,
    orgUnitCode: input.orgUnit.code.trim(),
    inspectorName: name,
    privateKey: key.value.privateKey,
    publicKey: key.value.publicKey,
    publicKeyRaw: toBase64(key.value.raw),
    fingerprint,
    createdAt: now,
    updatedAt: now,
  };
  return db.transaction('rw', db.settings, db.orgUnits, async () => {
    const existing = await db.orgUnits.toArray();
    const own = existing.find((u) => u.code === settings.orgUnitCode && u.deletedAt === null);
    if (!own) {
      const problems = validateOrgUnit(input.orgUnit, existing.filter((u) => u.deletedAt === null), { allowUnknownParent: true });
      if (problems.length > 0) return err(appError('org.invalid', { count: problems.length }, JSON.stringify(problems)));
      await db.orgUnits.add(newOrgUnit(input.orgUnit, settings));
    }
    await db.settings.put(settings);
    return ok(settings);
  });
}

export type SettingsPatch = { role?: Role; inspectorName?: string; orgUnitCode?: string };

export async function updateSettings(db: XbDb, patch: SettingsPatch): Promise<Result<DeviceSettings>> {
  return db.transaction('rw', db.settings, db.orgUnits, async () => {
    const current = await getSettings(db);
    if (!current) return err(appError('setup.notDone'));
    const next: DeviceSettings = { ...current, updatedAt: nowIso() };
    if (patch.role) next.role = patch.role;
    if (patch.inspectorName !== undefined) {
      const name = patch.inspectorName.trim();
      if (name.length === 0 || name.length > 50) return err(appError('setup.inspectorName'));
      next.inspectorName = name;
    }
    if (patch.orgUnitCode !== undefined) {
      const unit = await db.orgUnits.where('code').equals(patch.orgUnitCode).first();
      if (!unit || unit.deletedAt !== null) return err(appError('org.notFound', { code: patch.orgUnitCode }));
      next.orgUnitCode = unit.code;
    }
    await db.settings.put(next);
    return ok(next);
  });
}

export function newOrgUnit(input: OrgUnitInput, actor: Pick<DeviceSettings, 'deviceId' | 'inspectorName'>): OrgUnit {
  return {
    id: clock().uuid(),
    rev: 1,
    updatedAt: nowIso(),
    updatedBy: actor.inspectorName,
    deviceId: actor.deviceId,
    deletedAt: null,
    code: input.code.trim(),
    name: input.name.trim(),
    level: input.level,
    parentCode: input.parentCode?.trim() || null,
  };
}

const DEFAULT_UI: UiState = { key: 'ui', language: 'zh-CN', lastRoute: null };

export async function getUiState(db: XbDb): Promise<UiState> {
  return (await db.ui.get('ui')) ?? DEFAULT_UI;
}

export async function setLanguage(db: XbDb, language: Language): Promise<void> {
  await db.ui.put({ ...(await getUiState(db)), language });
}

/** Where to reopen, best effort like rememberPosition: false when it could not be stored (a full disk). */
export async function setLastRoute(db: XbDb, lastRoute: string): Promise<boolean> {
  try {
    await db.transaction('rw', db.ui, async () => {
      await db.ui.put({ ...(await getUiState(db)), lastRoute });
    });
    return true;
  } catch {
    return false;
  }
}
