// Issue 8, campaign 1 (crash safety). An inspector works through the bundled on-site checklist in real
// Chromium on a persistent profile — verdicts by keyboard, notes typed, sample counts — and at a random
// moment of the last edit of a round the browser and all its processes are killed with SIGKILL, as a
// power cut or a crashed window would. The profile is reopened: the app must start (the database opens
// without error, the inspection is where it was), and every answer whose save the UI acknowledged
// (the indicator turned to 已保存 after that edit) must be stored as acknowledged. The one edit in flight
// at the kill may be there or not, but nothing else. Then the next round goes on with the same profile.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPrng, type Prng } from '../../renderer/core/demo/prng';
import { SCHEMA_VERSION } from '../../renderer/db/schema';
import { bump, reportCampaign, SOAK_FULL, soakSeed, soakTimeout, soakTrials, tally } from '../soak/campaign';
import { launchApp, type AppSession } from './harness';
import { setUpBranchDevice, startOnsiteInspection } from './steps';

const KILLS = soakTrials({ quick: 3, full: 20 });
const EDITS = soakTrials({ quick: 8, full: 100 });
const SEED = soakSeed(20261130);
// The bundled on-site checklist (checklists/branch-onsite.json): its items with a sample count.
const SAMPLED = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../checklists/branch-onsite.json'), 'utf8')) as { sections: { items: { code: string; sample: boolean }[] }[] }).sections.flatMap((s) =>
  s.items.filter((i) => i.sample).map((i) => i.code),
);
const VERDICTS = ['compliant', 'partial', 'noncompliant', 'na'] as const;
type Verdict = (typeof VERDICTS)[number];

type Stored = { verdict: Verdict | null; note: string; sampleSize: number | null };
type Edit =
  | { kind: 'verdict'; code: string; verdict: Verdict }
  | { kind: 'note'; code: string; note: string }
  | { kind: 'sample'; code: string; sampleSize: number };

const EMPTY: Stored = { verdict: null, note: '', sampleSize: null };

// Counts every change of the save indicator to "saved" (已保存), in the page, from its first script on:
// an edit is acknowledged once this count moves past the value it had before the edit.
const WATCH_SAVES = `(() => {
  window.__xbSaved = 0;
  let last = null;
  const seen = (state) => {
    if (state === 'saved' && last !== 'saved') window.__xbSaved += 1;
    last = state;
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target.getAttribute('data-testid') === 'save-state') {
        // Two changes may arrive in one batch: the old value of each is the state before it.
        if (r.oldValue !== last) seen(r.oldValue);
        seen(r.target.getAttribute('data-state'));
      }
    }
  }).observe(document, { attributes: true, attributeOldValue: true, attributeFilter: ['data-state'], subtree: true });
})();`;

const savedCount = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __xbSaved: number }).__xbSaved);

/** The answers of the inspection as IndexedDB holds them, read beside the app (which has it open). */
async function storedAnswers(page: Page, inspectionId: string): Promise<{ version: number; answers: Record<string, Stored> }> {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('xiaobao');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('open failed'));
    });
    const rows = await new Promise<{ itemCode: string; verdict: Verdict | null; note: string; sampleSize: number | null }[]>((resolve, reject) => {
      // The answers' key is [inspectionId, itemCode]: every key of this inspection lies between [id] and
      // [id, []] (an array sorts after any string).
      const r = db.transaction('answers').objectStore('answers').getAll(IDBKeyRange.bound([id], [id, []]));
      r.onsuccess = () => resolve(r.result as never);
      r.onerror = () => reject(r.error ?? new Error('read failed'));
    });
    const version = db.version;
    db.close();
    return { version, answers: Object.fromEntries(rows.map((a) => [a.itemCode, { verdict: a.verdict, note: a.note, sampleSize: a.sampleSize }])) };
  }, inspectionId);
}

async function goToItem(page: Page, code: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: '章节' });
  const link = nav.locator('button.runner-item-link').filter({ has: page.locator('.runner-item-code').getByText(code, { exact: true }) });
  await link.click();
  await page.locator(`[id="item-${code}"]`).waitFor();
}

/** Performs the edit in the UI; resolves when it was typed or pressed, not when it is saved. */
async function perform(page: Page, e: Edit): Promise<void> {
  if (e.kind === 'verdict') {
    await page.keyboard.press(String(VERDICTS.indexOf(e.verdict) + 1));
  } else if (e.kind === 'note') {
    await page.getByLabel('检查记录', { exact: true }).fill(e.note);
    await page.keyboard.press('Escape');
  } else {
    await page.getByLabel('抽样数量', { exact: true }).fill(String(e.sampleSize));
    await page.keyboard.press('Escape');
  }
}

function nextEdit(rng: Prng, codes: readonly string[], sampled: readonly string[], n: number, current: (code: string) => Stored | undefined): Edit {
  const roll = rng.next();
  if (roll < 0.15 && sampled.length > 0) {
    // A count equal to the stored one changes nothing and is not saved: always a different one.
    const code = rng.pick(sampled);
    const stored = current(code)?.sampleSize ?? null;
    const size = rng.int(1, 499);
    return { kind: 'sample', code, sampleSize: size === stored ? 500 : size };
  }
  const code = rng.pick(codes);
  if (roll < 0.55) return { kind: 'note', code, note: `第${n}次记录：${rng.pick(['价目表未更新', '七不准已公示', '双录抽查', '投诉电话可见', '专区标识清晰'])}${'，'.repeat(rng.int(0, 3))}${rng.int(0, 99_999)}` };
  return { kind: 'verdict', code, verdict: rng.pick(VERDICTS) };
}

function apply(s: Stored | undefined, e: Edit): Stored {
  const base = s ?? EMPTY;
  if (e.kind === 'verdict') return { ...base, verdict: e.verdict };
  if (e.kind === 'note') return { ...base, note: e.note };
  return { ...base, sampleSize: e.sampleSize };
}

const same = (a: Stored | undefined, b: Stored | undefined): boolean =>
  (a?.verdict ?? null) === (b?.verdict ?? null) && (a?.note ?? '') === (b?.note ?? '') && (a?.sampleSize ?? null) === (b?.sampleSize ?? null);

let app: AppSession | undefined;
let profile: string | undefined;

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await app?.screenshot('soak-crash-failure').catch(() => undefined);
  await app?.close();
  app = undefined;
  if (profile !== undefined) await rm(profile, { recursive: true, force: true });
  profile = undefined;
});

describe('crash safety: the browser killed in the middle of an inspection', () => {
  it(
    `keeps every acknowledged save across ${KILLS} SIGKILLs of ${EDITS} edits each`,
    async () => {
      const started = Date.now();
      const rng = createPrng(`crash-${SEED}`);
      profile = await mkdtemp(join(tmpdir(), 'xiaobao-crash-'));
      app = await launchApp({ url: inject('baseUrl'), profileDir: profile });
      await app.context.addInitScript(WATCH_SAVES);
      await setUpBranchDevice(app.page);
      await app.page.getByRole('menuitem', { name: '检查' }).click();
      await startOnsiteInspection(app.page);
      const url = app.page.url();
      const hashId = /#\/inspections\/([^/?]+)/.exec(new URL(url).hash)?.[1];
      const inspectionId = hashId === undefined ? undefined : decodeURIComponent(hashId);
      expect(inspectionId, `no inspection id in ${url}`).toBeDefined();
      await app.page.reload();
      await app.page.getByTestId('app-ready').waitFor();
      await app.page.locator('.runner-item-code').first().waitFor();
      const codes = await app.page.locator('.runner-item-code').allTextContents();
      expect(codes.length).toBeGreaterThan(20);
      expect(SAMPLED.every((c) => codes.includes(c)) && SAMPLED.length > 0).toBe(true);

      // What must be stored: the acknowledged state of each item.
      const acked = new Map<string, Stored>();
      const outcomes = new Map<string, number>();
      const failures: string[] = [];
      let edits = 0;
      let acknowledged = 0;
      let killed = 0;
      let processes = 0;
      // How long each kind of edit took to be acknowledged so far: the kill lands within that span.
      const latency = { verdict: [300], note: [800], sample: [800] };

      for (let round = 1; round <= KILLS; round++) {
        const page = app.page;
        // The last edit of the round is the one the kill lands in, at a random moment: while it is
        // typed, during the note's debounce, while IndexedDB commits, or just after the indicator said 已保存.
        let inflight: Edit | null = null;
        let current = '';
        for (let n = 1; n <= EDITS; n++) {
          const e = nextEdit(rng, codes, SAMPLED, edits + 1, (code) => acked.get(code));
          if (e.code !== current) {
            await goToItem(page, e.code);
            current = e.code;
            await page.locator('body').focus();
          }
          const before = await savedCount(page);
          edits += 1;
          if (n < EDITS) {
            const t0 = Date.now();
            await perform(page, e);
            await page.waitForFunction((b) => (window as unknown as { __xbSaved: number }).__xbSaved > b, before, { timeout: 15_000 });
            latency[e.kind].push(Date.now() - t0);
            acked.set(e.code, apply(acked.get(e.code), e));
            acknowledged += 1;
            continue;
          }
          inflight = e;
          // Mostly before the save is acknowledged (the last few latencies of this kind), sometimes after.
          const recent = latency[e.kind].slice(-5);
          const delay = Math.round(rng.next() * 1.25 * Math.max(...recent));
          const typing = perform(page, e).catch(() => undefined);
          await new Promise((r) => setTimeout(r, delay));
          // An acknowledgement seen before the kill counts; the kill follows without a pause.
          const ackedBefore = await savedCount(page).catch(() => before);
          processes += await app.kill();
          killed += 1;
          await typing;
          if (ackedBefore > before) {
            acked.set(e.code, apply(acked.get(e.code), e));
            acknowledged += 1;
            inflight = null;
            bump(outcomes, 'acknowledged just before the kill');
          }
        }

        app = await launchApp({ url, profileDir: profile });
        await app.context.addInitScript(WATCH_SAVES);
        await app.page.reload();
        await app.page.getByTestId('app-ready').waitFor({ timeout: 30_000 });
        await app.page.getByRole('heading', { name: /网点消费者权益保护现场检查表/ }).waitFor();
        const { version, answers } = await storedAnswers(app.page, inspectionId!);
        expect(version).toBe(SCHEMA_VERSION * 10);
        for (const code of codes) {
          const want = acked.get(code);
          const got = answers[code];
          if (inflight?.code === code) {
            const landed = apply(want, inflight);
            if (same(landed, want)) bump(outcomes, 'in-flight edit changed nothing');
            else if (same(got, landed)) bump(outcomes, 'in-flight edit stored');
            else if (same(got, want)) bump(outcomes, 'in-flight edit not stored');
            if (same(got, landed)) {
              acked.set(code, landed);
              continue;
            }
          }
          if (same(got, want)) continue;
          failures.push(`round ${round}, ${code}: acknowledged ${JSON.stringify(want ?? EMPTY)}, stored ${JSON.stringify(got ?? null)}`);
          if (got) acked.set(code, got);
          else acked.delete(code);
        }
        // The runner shows what is stored: its answered count is the stored verdicts'.
        const answered = Object.values(answers).filter((a) => a.verdict !== null).length;
        await app.page.getByText(`已答 ${answered} / ${codes.length}`).first().waitFor();
        expect(app.errors).toEqual([]);
        // The full form runs for the better part of an hour: a line per round shows where it is.
        if (SOAK_FULL) process.stdout.write(`crash round ${round}: ${edits} edits, ${acknowledged} acknowledged, ${failures.length} lost, ${Math.round((Date.now() - started) / 1000)} s\n`);
      }

      const seconds = (Date.now() - started) / 1000;
      reportCampaign({
        campaign: 'Crash safety',
        trials: killed,
        required: 20,
        failures: failures.length,
        notes: `${edits} edits (${edits / killed} a round), ${acknowledged} acknowledged, each kill the browser and all its processes (${processes} in all, none left behind); the edit at the kill: ${tally(outcomes)}; reopened ${killed} times, the database opened and the inspection showed every time`,
        seconds,
      });
      expect(failures).toEqual([]);
      expect(killed).toBe(KILLS);
    },
    soakTimeout(240_000),
  );
});
