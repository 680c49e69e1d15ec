// The demo campaign behind `xiaobao demo` (ARCHITECTURE §7): a bank's head office and N branches, each
// branch with its outlets, one device, two inspection cycles and the rectification of every finding,
// written through the same pure functions the app uses (findingFromVerdict, editFinding, applyTransition,
// sealEntry), so the records and their history agree exactly as they do in the database. Deterministic:
// the seed, the options and the checklists decide every byte; time is the `asOf` day.
import { changesBetween, creationChangesOf } from '../audit/changes';
import { headOf, sealEntry } from '../audit/chain';
import type { ChainHead, HistoryAction, HistoryChange, HistoryDraft, HistoryEntry } from '../audit/types';
import { allItems, type FlatItem } from '../checklist/items';
import type { Checklist, Verdict } from '../checklist/schema';
import { addDays, daysBetween, isCalendarDate } from '../date';
import { findingFromVerdict } from '../finding/create';
import { formatLedgerNo, ledgerYear } from '../finding/ledger-no';
import { creationChanges, diffFields, editFinding, fieldsOf, type Finding, type FindingFields, type FindingPatch } from '../finding/model';
import { applyTransition, type TransitionAction, type TransitionInput } from '../finding/transitions';
import { SYSTEM_REASONS } from '../finding/verdict-link';
import { toHex } from '../hash';
import { validateAnswer } from '../inspection/answer';
import type { LedgerAttachmentFile, LedgerData, LedgerManifest } from '../ledger/package';
import type { AnswerRecord, InspectionRecord, OrgUnitRecord } from '../ledger/records';
import { sha256Sync } from '../sha256';
import * as words from './names';
import { encodePng, noticePicture, type Rgb } from './png';
import { createPrng, type Prng } from './prng';

export type DemoChecklist = { checklist: Checklist; sha256: string };

export type DemoOptions = {
  seed: string;
  /** How many branches the campaign has (1 to DEMO_MAX_BRANCHES). */
  branches: number;
  /** The last day anything happens ('YYYY-MM-DD'): overdue is judged then and the packages are exported. */
  asOf: string;
  /**
   * Parsed checklists with their fingerprints, by role: the first is the routine outlet checklist, used at
   * every outlet in two cycles (a second-cycle failure of an item that failed in the first is 屡查屡犯);
   * the second, when given, once per branch on the branch itself; any further ones at one or two outlets.
   */
  checklists: readonly DemoChecklist[];
  /** Outlets per branch (1 to DEMO_MAX_OUTLETS); left out, three to six drawn from the seed. */
  outlets?: number;
  /** The share of answers that fail, partial or noncompliant (0 to DEMO_MAX_FAILURE_RATE); left out, 12 %. */
  failureRate?: number;
};

export const DEMO_MAX_BRANCHES = 200;
/** Outlet codes have three digits after the branch's prefix. */
export const DEMO_MAX_OUTLETS = 999;
/** The 6 % not-applicable answers stay; the rest may fail. */
export const DEMO_MAX_FAILURE_RATE = 0.9;
export const DEMO_DEFAULT_AS_OF = '2026-06-30';
export const DEMO_DEFAULT_SEED = 'xiaobao';
export const DEMO_HEAD_CODE = '100000';

export type DemoDevice = {
  id: string;
  /** The 32-byte Ed25519 private key seed; the caller makes the key pair (core has no Ed25519). */
  seed: Uint8Array;
};

export type DemoBranch = {
  unit: OrgUnitRecord;
  outlets: OrgUnitRecord[];
  device: DemoDevice;
  /** The inspector set up on the device: the actor of every history entry. */
  inspector: string;
  data: LedgerData;
  attachmentFiles: LedgerAttachmentFile[];
  checklists: LedgerManifest['checklists'];
  auditHead: string | null;
  exportedAt: string;
  asOf: string;
};

/** Answer and inspection fields as renderer/db/repos/inspections.ts records them (a test keeps them equal). */
export const DEMO_ANSWER_FIELDS = ['verdict', 'note', 'sampleSize', 'exceptions', 'attachments'] as const;
export const DEMO_INSPECTION_FIELDS = [
  'checklistId', 'checklistVersion', 'checklistSha256', 'checklistTitle', 'orgUnitCode', 'kind', 'inspectors', 'date',
  'startedAt', 'finishedAt', 'status', 'deletedAt', 'previousInspectionId',
] as const;

export function checkDemoOptions(options: DemoOptions): void {
  if (!Number.isInteger(options.branches) || options.branches < 1 || options.branches > DEMO_MAX_BRANCHES) {
    throw new RangeError(`branches must be a whole number from 1 to ${DEMO_MAX_BRANCHES}, not ${options.branches}`);
  }
  if (!isCalendarDate(options.asOf)) throw new RangeError(`asOf must be a calendar date YYYY-MM-DD, not ${options.asOf}`);
  if (options.checklists.length === 0) throw new RangeError('the demo needs at least one checklist');
  const { outlets, failureRate } = options;
  if (outlets !== undefined && !(Number.isInteger(outlets) && outlets >= 1 && outlets <= DEMO_MAX_OUTLETS)) {
    throw new RangeError(`outlets must be a whole number from 1 to ${DEMO_MAX_OUTLETS}, not ${outlets}`);
  }
  if (failureRate !== undefined && !(failureRate >= 0 && failureRate <= DEMO_MAX_FAILURE_RATE)) {
    throw new RangeError(`failureRate must be from 0 to ${DEMO_MAX_FAILURE_RATE}, not ${failureRate}`);
  }
}

/** The bank's head office: the parent of every branch (not inside any branch package). */
export function demoHeadOffice(seed: string): { code: string; name: string; level: 'head' } {
  return { code: DEMO_HEAD_CODE, name: `${createPrng(seed).fork('bank').pick(words.BANK_NAMES)}总行`, level: 'head' };
}

/** Branch `index` (0-based) of the campaign; it depends on the seed, asOf and checklists, not on `branches`. */
export function demoBranch(options: DemoOptions, index: number): DemoBranch {
  checkDemoOptions(options);
  if (!Number.isInteger(index) || index < 0 || index >= options.branches) throw new RangeError(`branch ${index} of ${options.branches}`);
  const root = createPrng(options.seed);
  const city = root.fork('cities').shuffle(words.CITIES)[index] ?? `第${index + 1}`;
  const rng = root.fork(`branch:${index}`);
  return new BranchBuilder(options, index, city, rng).build();
}

// ——— time ———

/** Minutes after local midnight (China Standard Time, UTC+8) on `day`, as an ISO instant. */
function instant(day: string, minute: number, second: number): string {
  const utc = minute - 480;
  if (utc < 0 || utc >= 24 * 60) throw new RangeError(`minute ${minute} leaves ${day} in UTC`);
  const hh = String(Math.floor(utc / 60)).padStart(2, '0');
  const mm = String(utc % 60).padStart(2, '0');
  return `${day}T${hh}:${mm}:${String(second).padStart(2, '0')}.000Z`;
}

/** Monday 0 … Sunday 6; 2024-01-01 was a Monday. */
const weekday = (day: string): number => (((daysBetween('2024-01-01', day) % 7) + 7) % 7);

function weekdaysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (weekday(d) < 5) out.push(d);
  return out;
}

type CycleWindows = { first: [number, number]; second: [number, number] };

/**
 * The days of the two inspection cycles, as offsets from the as-of day: the first 175 to 130 days
 * before it, the second 80 to 4. A campaign with more inspections than weekdays in a cycle (many
 * outlets) starts that cycle earlier, so the branch's one device still inspects once a day, in order,
 * and every outlet's first cycle comes before its second.
 */
function cycleWindows(asOf: string, firstCount: number, secondCount: number): CycleWindows {
  const weekdays = (from: number, to: number): number => weekdaysBetween(addDays(asOf, from), addDays(asOf, to)).length;
  let from2 = -80;
  while (weekdays(from2, -4) < secondCount) from2 -= 1;
  const to1 = Math.min(-130, from2 - 50);
  let from1 = to1 - 45;
  while (weekdays(from1, to1) < firstCount) from1 -= 1;
  return { first: [from1, to1], second: [from2, -4] };
}

// ——— plans ———

type PlannedAnswer = {
  entry: FlatItem;
  verdict: Verdict;
  note: string;
  sampleSize: number | null;
  exceptions: number | null;
  photo: boolean;
  /** The finding this answer produces, when it fails. */
  findingId: string | null;
};

type PlannedInspection = {
  id: string;
  unit: OrgUnitRecord;
  checklist: DemoChecklist;
  kind: InspectionRecord['kind'];
  cycle: 1 | 2;
  day: string;
  inspectors: string[];
  answers: PlannedAnswer[];
  /** Answered this far and left open: the inspection under way at the as-of day. */
  answeredCount: number;
  completed: boolean;
  /** An item first saved as 不符合 by mistake and corrected at once: its finding becomes a tombstone. */
  misKeyed: { itemCode: string; findingId: string } | null;
};

type Scenario = 'untouched' | 'open' | 'openOverdue' | 'in_progress' | 'rectified' | 'verified' | 'returned' | 'long_term';

/** What each finding needs at least once per branch, so one package alone shows the whole workflow. */
const REQUIRED_SCENARIOS: readonly Scenario[] = ['openOverdue', 'in_progress', 'rectified', 'verified', 'returned', 'long_term'];

const FALLBACK: Record<Scenario, Scenario | null> = {
  returned: 'rectified',
  verified: 'rectified',
  rectified: 'in_progress',
  long_term: 'in_progress',
  in_progress: 'open',
  openOverdue: 'open',
  open: 'untouched',
  untouched: null,
};

type StepKind = 'assign' | 'start' | 'measures' | 'remedy' | 'evidence' | 'submit' | 'return' | 'verify' | 'longTerm';
type Step = { kind: StepKind; offset: number; dueDays?: number; milestoneDays?: number };

const DUE_DAYS = [30, 30, 45, 60, 90] as const;

type Range = readonly [number, number];

/**
 * The steps of a scenario, as day offsets from the inspection; null when they do not fit in `available`
 * days. `tight` takes the shortest gap of every range, which is how a required scenario is made to fit.
 */
function stepsFor(scenario: Scenario, rng: Prng, available: number, tight: boolean): Step[] | null {
  const gap = ([min, max]: Range): number => (tight ? min : rng.int(min, max));
  const steps: Step[] = [];
  if (scenario === 'untouched') return steps;
  const a = gap([1, 4]);
  steps.push({ kind: 'assign', offset: a, dueDays: scenario === 'openOverdue' ? gap([10, 20]) : rng.pick(DUE_DAYS) });
  if (scenario === 'openOverdue') return (steps[0]?.dueDays ?? 0) < available && a <= available ? steps : null;
  if (scenario !== 'open') {
    steps.push({ kind: 'start', offset: a });
    const m = a + gap([1, 5]);
    steps.push({ kind: 'measures', offset: m });
    if (scenario === 'long_term') steps.push({ kind: 'longTerm', offset: m + gap([2, 10]), milestoneDays: rng.int(30, 120) });
    if (scenario === 'rectified' || scenario === 'verified' || scenario === 'returned') {
      const c = m + gap([5, 25]);
      if (scenario === 'verified' && rng.chance(0.4)) steps.push({ kind: 'remedy', offset: c });
      if (rng.chance(0.35)) steps.push({ kind: 'evidence', offset: c });
      steps.push({ kind: 'submit', offset: c });
      if (scenario === 'verified') steps.push({ kind: 'verify', offset: c + gap([1, 7]) });
      if (scenario === 'returned') {
        const r = c + gap([1, 5]);
        const s = r + gap([2, 8]);
        steps.push({ kind: 'return', offset: r });
        if (rng.chance(0.5)) steps.push({ kind: 'evidence', offset: s });
        steps.push({ kind: 'submit', offset: s });
        if (rng.chance(0.5)) steps.push({ kind: 'verify', offset: s + gap([1, 5]) });
      }
    }
  }
  return steps.every((s) => s.offset <= available) ? steps : null;
}

function weighted<T extends string>(rng: Prng, weights: readonly (readonly [T, number])[]): T {
  const total = weights.reduce((n, [, w]) => n + w, 0);
  let x = rng.next() * total;
  for (const [value, w] of weights) {
    x -= w;
    if (x < 0) return value;
  }
  const last = weights[weights.length - 1];
  if (!last) throw new RangeError('no weights');
  return last[0];
}

const VERDICT_WEIGHTS: readonly (readonly [Verdict, number])[] = [['compliant', 0.82], ['na', 0.06], ['partial', 0.07], ['noncompliant', 0.05]];

/** The default weights, or the same split of partial to noncompliant (7 : 5) at another failure rate. */
function verdictWeights(failureRate: number | undefined): readonly (readonly [Verdict, number])[] {
  if (failureRate === undefined) return VERDICT_WEIGHTS;
  return [['compliant', 0.94 - failureRate], ['na', 0.06], ['partial', (failureRate * 7) / 12], ['noncompliant', (failureRate * 5) / 12]];
}

const FIRST_CYCLE: readonly (readonly [Scenario, number])[] = [['verified', 0.75], ['returned', 0.1], ['rectified', 0.08], ['long_term', 0.07]];
const SECOND_CYCLE: readonly (readonly [Scenario, number])[] = [
  ['untouched', 0.1], ['open', 0.15], ['in_progress', 0.2], ['rectified', 0.15], ['verified', 0.25], ['returned', 0.05], ['long_term', 0.1],
];

// ——— the simulation ———

type Event = { day: string; minute: number; second: number; order: number; run: (at: string, day: string, minute: number) => void };

class BranchBuilder {
  private readonly asOf: string;
  private readonly deviceId: string;
  private readonly deviceSeed: Uint8Array;
  private readonly inspector: string;
  private readonly verifier: string;
  private readonly staff: string[];
  private readonly unit: OrgUnitRecord;
  private readonly outlets: OrgUnitRecord[] = [];
  private head: ChainHead | null = null;
  private readonly history: HistoryEntry[] = [];
  private readonly inspections = new Map<string, InspectionRecord>();
  private readonly answers = new Map<string, AnswerRecord>();
  private readonly findings = new Map<string, Finding>();
  private readonly findingByItem = new Map<string, string>();
  private readonly attachments = new Map<string, LedgerAttachmentFile>();
  private readonly counters = new Map<string, number>();
  private readonly events: Event[] = [];
  private readonly verdictWeights: readonly (readonly [Verdict, number])[];
  private readonly windows: CycleWindows;
  private docNo = 0;

  constructor(
    private readonly options: DemoOptions,
    index: number,
    private readonly city: string,
    private readonly rng: Prng,
  ) {
    this.asOf = options.asOf;
    this.verdictWeights = verdictWeights(options.failureRate);
    this.deviceId = rng.uuid();
    this.deviceSeed = rng.bytes(32);
    const staff = new Set<string>();
    while (staff.size < 4) staff.add(this.person());
    this.staff = [...staff];
    this.inspector = this.staff[0] ?? '';
    this.verifier = this.staff[1] ?? '';
    // An upper bound of each cycle's inspections: every outlet, then also the branch and up to two per campaign.
    const most = options.outlets ?? 6;
    this.windows = cycleWindows(this.asOf, most, most + 1 + 2 * Math.max(0, options.checklists.length - 2));
    const setupAt = instant(addDays(this.asOf, Math.min(-200, this.windows.first[0] - 25)), 9 * 60, 0);
    const prefix = String(101 + index);
    const unitRecord = (code: string, name: string, level: OrgUnitRecord['level'], parentCode: string): OrgUnitRecord => ({
      id: rng.uuid(),
      rev: 1,
      updatedAt: setupAt,
      updatedBy: this.inspector,
      deviceId: this.deviceId,
      deletedAt: null,
      code,
      name,
      level,
      parentCode,
    });
    this.unit = unitRecord(`${prefix}000`, `${city}分行`, 'branch', DEMO_HEAD_CODE);
    const places = rng.shuffle(words.PLACES);
    // Drawn even when given, so the rest of the branch follows from the seed as it always did.
    const drawn = rng.int(3, 6);
    const count = options.outlets ?? drawn;
    for (let j = 0; j < count; j++) {
      const name = j === 0 ? `${city}分行营业部` : `${city}${places[j] ?? `第${j}`}支行`;
      this.outlets.push(unitRecord(`${prefix}${String(j + 1).padStart(3, '0')}`, name, 'outlet', this.unit.code));
    }
  }

  private person(): string {
    return `${this.rng.pick(words.SURNAMES)}${this.rng.pick(words.GIVEN_NAMES)}`;
  }

  build(): DemoBranch {
    const plans = this.planInspections();
    this.planFindings(plans);
    for (const plan of plans) this.schedule(plan.day, 9 * 60 + this.rng.int(0, 20), (at, _day, minute) => this.runInspection(plan, at, minute));
    // Stable: events at the same instant keep the order they were planned in.
    const ordered = [...this.events].sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : x.minute - y.minute || x.second - y.second || x.order - y.order));
    for (const e of ordered) e.run(instant(e.day, e.minute, e.second), e.day, e.minute);

    const findings = [...this.findings.values()].sort((x, y) => (x.ledgerNo < y.ledgerNo ? -1 : x.ledgerNo > y.ledgerNo ? 1 : 0));
    const inspections = [...this.inspections.values()];
    const used = new Map(inspections.map((i) => [`${i.checklistId}@${i.checklistVersion}`, { id: i.checklistId, version: i.checklistVersion, sha256: i.checklistSha256 }]));
    const attachmentFiles = [...this.attachments.values()];
    const last = this.history[this.history.length - 1];
    return {
      unit: this.unit,
      outlets: this.outlets,
      device: { id: this.deviceId, seed: this.deviceSeed },
      inspector: this.inspector,
      data: {
        schemaVersion: 1,
        orgUnits: [this.unit, ...this.outlets],
        inspections,
        answers: [...this.answers.values()],
        findings,
        history: this.history,
        attachments: attachmentFiles.map((a) => a.record),
      },
      attachmentFiles,
      checklists: [...used.values()],
      auditHead: last?.hash ?? null,
      exportedAt: instant(this.asOf, 17 * 60 + 30, 0),
      asOf: this.asOf,
    };
  }

  private schedule(day: string, minute: number, run: Event['run']): void {
    this.events.push({ day, minute, second: this.rng.int(0, 59), order: this.events.length, run });
  }

  // ——— planning ———

  private planInspections(): PlannedInspection[] {
    const { checklists } = this.options;
    const routine = checklists[0];
    if (!routine) throw new RangeError('no checklist');
    const first: Omit<PlannedInspection, 'day' | 'answers' | 'answeredCount' | 'misKeyed'>[] = this.outlets.map((unit) => ({
      id: this.rng.uuid(),
      unit,
      checklist: routine,
      kind: this.rng.chance(0.8) ? 'superior' : 'audit',
      cycle: 1,
      inspectors: this.inspectors(),
      completed: true,
    }));
    const second: typeof first = this.outlets.map((unit) => ({ id: this.rng.uuid(), unit, checklist: routine, kind: 'superior', cycle: 2, inspectors: this.inspectors(), completed: true }));
    const own = checklists[1];
    if (own) second.push({ id: this.rng.uuid(), unit: this.unit, checklist: own, kind: 'self', cycle: 2, inspectors: this.inspectors(), completed: true });
    for (const campaign of checklists.slice(2)) {
      for (const unit of this.rng.shuffle(this.outlets).slice(0, this.rng.int(1, 2))) {
        second.push({ id: this.rng.uuid(), unit, checklist: campaign, kind: 'superior', cycle: 2, inspectors: this.inspectors(), completed: true });
      }
    }
    const dated = (list: typeof first, from: number, to: number): PlannedInspection[] => {
      const days = this.rng.shuffle(weekdaysBetween(addDays(this.asOf, from), addDays(this.asOf, to))).slice(0, list.length).sort();
      return this.rng.shuffle(list).map((p, i) => ({ ...p, day: days[i] ?? addDays(this.asOf, to), answers: [], answeredCount: 0, misKeyed: null }));
    };
    const plans = [...dated(first, ...this.windows.first), ...dated(second, ...this.windows.second)].sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : 0));

    const failedBefore = new Map<string, Set<string>>();
    for (const plan of plans) {
      const before = plan.cycle === 2 && plan.checklist === routine ? failedBefore.get(plan.unit.code) : undefined;
      plan.answers = allItems(plan.checklist.checklist).map((entry) => this.planAnswer(entry, before?.has(entry.item.code) === true && this.rng.chance(0.35)));
      plan.answeredCount = plan.answers.length;
      if (plan.cycle === 1) failedBefore.set(plan.unit.code, new Set(plan.answers.filter((a) => a.findingId !== null).map((a) => a.entry.item.code)));
    }

    const secondCycle = plans.filter((p) => p.cycle === 2);
    // The last inspection is still under way at the as-of day: part answered, not completed.
    const underWay = secondCycle[secondCycle.length - 1];
    if (underWay && secondCycle.length > 1) {
      underWay.completed = false;
      underWay.answeredCount = Math.ceil(underWay.answers.length * 0.6);
    }
    const firstOfSecond = secondCycle[0];
    if (firstOfSecond) {
      const slip = firstOfSecond.answers.find((a) => a.verdict === 'compliant');
      if (slip) firstOfSecond.misKeyed = { itemCode: slip.entry.item.code, findingId: this.rng.uuid() };
    }
    this.ensureRepeat(secondCycle, failedBefore);
    this.ensureFailures(secondCycle.filter((p) => p.completed), REQUIRED_SCENARIOS.length);
    return plans;
  }

  private inspectors(): string[] {
    return [this.inspector, this.rng.pick(this.staff.slice(1))];
  }

  private planAnswer(entry: FlatItem, failAgain: boolean): PlannedAnswer {
    const verdict: Verdict = failAgain ? (this.rng.chance(0.5) ? 'partial' : 'noncompliant') : weighted(this.rng, this.verdictWeights);
    return this.answerFor(entry, verdict);
  }

  private answerFor(entry: FlatItem, verdict: Verdict): PlannedAnswer {
    const failing = verdict === 'partial' || verdict === 'noncompliant';
    const sampled = entry.item.sample === true && verdict !== 'na';
    const sampleSize = sampled ? this.rng.int(5, 30) : null;
    const exceptions = sampleSize === null ? null : failing ? this.rng.int(1, Math.min(3, sampleSize)) : 0;
    let note = '';
    if (failing) {
      const lead = sampleSize !== null && exceptions !== null ? `抽查 ${sampleSize} 笔，${exceptions} 笔不符合要求。` : '';
      note = `${lead}${this.rng.pick(verdict === 'partial' ? words.PARTIAL_NOTES : words.FAILING_NOTES)}${entry.item.requirement}`;
    } else if (verdict === 'na') note = '本机构未开办此项业务';
    else if (this.rng.chance(0.1)) note = '已核对，符合要求';
    return { entry, verdict, note, sampleSize, exceptions, photo: failing && this.rng.chance(0.15), findingId: failing ? this.rng.uuid() : null };
  }

  /** At least one second-cycle failure repeats a first-cycle one of the same outlet and item (屡查屡犯). */
  private ensureRepeat(secondCycle: PlannedInspection[], failedBefore: Map<string, Set<string>>): void {
    const repeats = (p: PlannedInspection): PlannedAnswer[] =>
      p.answers.slice(0, p.answeredCount).filter((a) => a.findingId !== null && failedBefore.get(p.unit.code)?.has(a.entry.item.code) === true && p.checklist === this.options.checklists[0]);
    if (secondCycle.some((p) => repeats(p).length > 0)) return;
    for (const plan of secondCycle) {
      if (plan.checklist !== this.options.checklists[0]) continue;
      const earlier = failedBefore.get(plan.unit.code);
      const i = plan.answers.findIndex((a, k) => k < plan.answeredCount && earlier?.has(a.entry.item.code) === true && a.entry.item.code !== plan.misKeyed?.itemCode);
      const target = plan.answers[i];
      if (target) {
        plan.answers[i] = this.answerFor(target.entry, 'noncompliant');
        return;
      }
    }
  }

  /** Enough findings in completed second-cycle inspections to give every required scenario one. */
  private ensureFailures(completed: PlannedInspection[], needed: number): void {
    let have = completed.reduce((n, p) => n + p.answers.filter((a) => a.findingId !== null).length, 0);
    for (const plan of completed) {
      for (let i = 0; i < plan.answers.length && have < needed; i++) {
        const a = plan.answers[i];
        if (a && a.findingId === null && a.entry.item.code !== plan.misKeyed?.itemCode) {
          plan.answers[i] = this.answerFor(a.entry, 'partial');
          have++;
        }
      }
    }
  }

  private planFindings(plans: PlannedInspection[]): void {
    const candidates = plans
      .filter((p) => p.completed)
      .flatMap((p) => p.answers.filter((a): a is PlannedAnswer & { findingId: string } => a.findingId !== null).map((a) => ({ plan: p, findingId: a.findingId })));
    const required = [...REQUIRED_SCENARIOS];
    for (const { plan, findingId } of candidates) {
      const available = daysBetween(plan.day, this.asOf);
      let scenario: Scenario | null = plan.cycle === 2 ? (required.shift() ?? weighted(this.rng, SECOND_CYCLE)) : weighted(this.rng, FIRST_CYCLE);
      let steps: Step[] | null = null;
      while (scenario !== null && steps === null) {
        steps = stepsFor(scenario, this.rng, available, false) ?? stepsFor(scenario, this.rng, available, true);
        if (steps === null) scenario = FALLBACK[scenario];
      }
      let lastDay = '';
      let minute = 0;
      for (const step of steps ?? []) {
        const day = addDays(plan.day, step.offset);
        // Steps of one finding on one day follow each other a few minutes apart.
        // Afternoons, after any inspection of the morning and before the export at 17:30.
        minute = day === lastDay ? minute + this.rng.int(2, 6) : 14 * 60 + this.rng.int(0, 150);
        lastDay = day;
        this.schedule(day, minute, (at, today) => this.runStep(findingId, step, at, today));
      }
    }
  }

  // ——— writing, as the repositories do ———

  private append(draft: HistoryDraft): void {
    const entry = sealEntry(draft, this.deviceId, this.head);
    this.history.push(entry);
    this.head = headOf(entry);
  }

  private runInspection(plan: PlannedInspection, startAt: string, startMinute: number): void {
    let minute = startMinute;
    const at = (): string => instant(plan.day, minute, this.rng.int(0, 59));
    let inspection: InspectionRecord = {
      id: plan.id,
      rev: 1,
      updatedAt: startAt,
      updatedBy: this.inspector,
      deviceId: this.deviceId,
      deletedAt: null,
      checklistId: plan.checklist.checklist.id,
      checklistVersion: plan.checklist.checklist.version,
      checklistSha256: plan.checklist.sha256,
      checklistTitle: plan.checklist.checklist.title,
      orgUnitCode: plan.unit.code,
      kind: plan.kind,
      inspectors: plan.inspectors,
      date: plan.day,
      startedAt: startAt,
      finishedAt: null,
      status: 'draft',
      // Each cycle is planned on its own; the app then takes the outlet's latest earlier inspection as the previous one.
      previousInspectionId: null,
    };
    this.inspections.set(inspection.id, inspection);
    this.append({ entityType: 'inspection', entityId: inspection.id, at: startAt, actor: this.inspector, action: 'create', changes: creationChangesOf(inspection, DEMO_INSPECTION_FIELDS), reason: null });

    const save = (planned: PlannedAnswer, verdict: Verdict, note: string, sampleSize: number | null, exceptions: number | null, findingId: string | null): void => {
      minute += this.rng.int(1, 3);
      const when = at();
      const key = `${plan.id}/${planned.entry.item.code}`;
      const before = this.answers.get(key);
      const attachments = before?.attachments ?? (planned.photo && verdict !== 'compliant' ? [this.photo(`现场照片-${planned.entry.item.code}.png`, when)] : []);
      const after: AnswerRecord = {
        inspectionId: plan.id,
        itemCode: planned.entry.item.code,
        verdict,
        note,
        sampleSize,
        exceptions,
        attachments,
        rev: (before?.rev ?? 0) + 1,
        updatedAt: when,
        updatedBy: this.inspector,
        deviceId: this.deviceId,
      };
      const problem = validateAnswer(planned.entry.item, after)[0];
      if (problem) throw new Error(`demo answer ${key} breaks ${problem.code}`);
      this.answers.set(key, after);
      inspection = { ...inspection, rev: inspection.rev + 1, updatedAt: when };
      this.inspections.set(inspection.id, inspection);
      const changes = before ? changesBetween(before, after, DEMO_ANSWER_FIELDS) : creationChangesOf(after, DEMO_ANSWER_FIELDS);
      this.append({ entityType: 'answer', entityId: key, at: when, actor: this.inspector, action: before ? 'update' : 'create', changes, reason: null });
      if ((before?.verdict ?? null) !== verdict) this.followVerdict(inspection, planned, verdict, note, findingId, when);
    };

    for (const planned of plan.answers.slice(0, plan.answeredCount)) {
      if (plan.misKeyed?.itemCode === planned.entry.item.code) {
        const wrong = this.answerFor(planned.entry, 'noncompliant');
        save(planned, 'noncompliant', wrong.note, wrong.sampleSize, wrong.exceptions, plan.misKeyed.findingId);
      }
      save(planned, planned.verdict, planned.note, planned.sampleSize, planned.exceptions, planned.findingId);
    }
    if (!plan.completed) return;
    minute += this.rng.int(2, 10);
    const when = at();
    const before = inspection;
    inspection = { ...inspection, status: 'completed', finishedAt: when, rev: inspection.rev + 1, updatedAt: when, updatedBy: this.inspector, deviceId: this.deviceId };
    this.inspections.set(inspection.id, inspection);
    this.append({
      entityType: 'inspection',
      entityId: inspection.id,
      at: when,
      actor: this.inspector,
      action: 'transition',
      transition: 'complete',
      changes: changesBetween(before, inspection, DEMO_INSPECTION_FIELDS),
      reason: null,
    });
  }

  /** repos/findings.ts followVerdict, for the two cases the demo uses: a new failure, and a slip undone. */
  private followVerdict(inspection: InspectionRecord, planned: PlannedAnswer, verdict: Verdict, note: string, findingId: string | null, at: string): void {
    const key = `${inspection.id}/${planned.entry.item.code}`;
    const existing = this.findings.get(this.findingByItem.get(key) ?? '');
    if (verdict === 'partial' || verdict === 'noncompliant') {
      if (existing || findingId === null) throw new Error(`demo finding for ${key} planned twice or not at all`);
      const year = ledgerYear(inspection.date);
      const counterKey = `${inspection.orgUnitCode}:${year}`;
      const seq = (this.counters.get(counterKey) ?? 0) + 1;
      this.counters.set(counterKey, seq);
      const fields = findingFromVerdict(
        { inspection, item: planned.entry.item, section: planned.entry.section, documents: this.checklistOf(inspection).documents, verdict, note },
        formatLedgerNo(inspection.orgUnitCode, year, seq),
        this.previousFindingOf(inspection, planned.entry.item.code),
      );
      this.findingByItem.set(key, findingId);
      this.writeFinding(findingId, fields, at, { action: 'create', changes: creationChanges(fields) });
    } else if (existing && existing.deletedAt === null) {
      const next: FindingFields = { ...fieldsOf(existing), deletedAt: at };
      this.writeFinding(existing.id, next, at, { action: 'delete', changes: diffFields(existing, next), reason: SYSTEM_REASONS.verdictWithdrawn });
    }
  }

  private checklistOf(inspection: InspectionRecord): Checklist {
    const found = this.options.checklists.find((c) => c.checklist.id === inspection.checklistId && c.checklist.version === inspection.checklistVersion);
    if (!found) throw new Error(`demo checklist ${inspection.checklistId} missing`);
    return found.checklist;
  }

  /** 屡查屡犯, as repos/findings.ts decides it: the live finding of the item in the unit's previous inspection with the same checklist. */
  private previousFindingOf(inspection: InspectionRecord, itemCode: string): string | null {
    const previous = [...this.inspections.values()]
      .filter((i) => i.id !== inspection.id && i.deletedAt === null && i.orgUnitCode === inspection.orgUnitCode && i.checklistId === inspection.checklistId)
      .filter((i) => i.date < inspection.date || (i.date === inspection.date && i.startedAt < inspection.startedAt))
      .sort((a, b) => (a.date === b.date ? (a.startedAt < b.startedAt ? 1 : -1) : a.date < b.date ? 1 : -1))[0];
    if (!previous) return null;
    const found = this.findings.get(this.findingByItem.get(`${previous.id}/${itemCode}`) ?? '');
    return found && found.deletedAt === null ? found.id : null;
  }

  private writeFinding(id: string, next: FindingFields, at: string, entry: { action: HistoryAction; changes: HistoryChange[]; reason?: string | null; transition?: string }): void {
    const current = this.findings.get(id);
    this.findings.set(id, { id, rev: (current?.rev ?? 0) + 1, updatedAt: at, updatedBy: this.inspector, deviceId: this.deviceId, ...fieldsOf(next) });
    this.append({
      entityType: 'finding',
      entityId: id,
      at,
      actor: this.inspector,
      action: entry.action,
      ...(entry.transition ? { transition: entry.transition } : {}),
      changes: entry.changes,
      reason: entry.reason ?? null,
    });
  }

  private runStep(findingId: string, step: Step, at: string, today: string): void {
    const current = this.findings.get(findingId);
    if (!current) throw new Error(`demo finding ${findingId} missing at ${step.kind}`);
    const rng = this.rng;
    const unitName = [this.unit, ...this.outlets].find((u) => u.code === current.orgUnitCode)?.name ?? '';
    switch (step.kind) {
      case 'assign':
        return this.edit(current, at, {
          responsibleDept: current.orgUnitCode === this.unit.code ? rng.pick(words.DEPARTMENTS) : unitName,
          responsiblePerson: this.person(),
          dueDate: addDays(current.inspectionDate ?? today, step.dueDays ?? 30),
          rootCause: rng.pick(words.ROOT_CAUSES),
          correction: rng.pick(words.CORRECTIONS),
        });
      case 'measures':
        return this.edit(current, at, { measures: rng.pick(words.MEASURES) });
      case 'remedy': {
        const patch: FindingPatch = {};
        if (current.category.includes('收费') || current.severity === '重大') patch.customerRemedy = rng.int(2000, 200_000) / 100;
        if (current.severity !== '一般') {
          this.docNo += 1;
          const year = today.slice(0, 4);
          patch.accountability = { who: `${unitName}${rng.pick(['负责人', '客户经理', '柜员'])}${this.person()}`, how: rng.pick(words.ACCOUNTABILITY_MEASURES), docNo: `${this.city}分行消保〔${year}〕${this.docNo}号` };
        }
        return Object.keys(patch).length > 0 ? this.edit(current, at, patch) : undefined;
      }
      case 'evidence': {
        const id = this.photo(`整改佐证-${current.ledgerNo}-${current.evidence.length + 1}.png`, at);
        const next: FindingFields = { ...fieldsOf(current), evidence: [...current.evidence, id] };
        return this.writeFinding(current.id, next, at, { action: 'update', changes: diffFields(current, next) });
      }
      case 'start':
        return this.transition(current, 'start', {}, at, today);
      case 'submit':
        return this.transition(current, 'submit', { completedAt: today, ...(current.evidence.length === 0 ? { completionNote: rng.pick(words.COMPLETION_NOTES) } : {}) }, at, today);
      case 'return':
        return this.transition(current, 'return', { reason: rng.pick(words.RETURN_REASONS) }, at, today);
      case 'verify':
        return this.transition(current, 'verify', { verifier: this.verifier, verifiedAt: today, verificationNote: rng.pick(words.VERIFICATION_NOTES) }, at, today);
      case 'longTerm':
        return this.transition(current, 'longTerm', { plan: rng.pick(words.LONG_TERM_PLANS), milestoneDate: addDays(today, step.milestoneDays ?? 60) }, at, today);
    }
  }

  private edit(current: Finding, at: string, patch: FindingPatch): void {
    const r = editFinding(current, patch);
    if (!r.ok) throw new Error(`demo edit of ${current.ledgerNo} refused: ${r.problems.map((p) => `${p.field} ${p.code}`).join(', ')}`);
    if (r.changes.length > 0) this.writeFinding(current.id, r.next, at, { action: 'update', changes: r.changes });
  }

  private transition(current: Finding, action: TransitionAction, input: TransitionInput, at: string, today: string): void {
    const r = applyTransition(current, action, input, { today, actor: this.inspector });
    if (!r.ok) throw new Error(`demo ${action} of ${current.ledgerNo} (${current.status}) refused: ${JSON.stringify(r.error)}`);
    this.writeFinding(current.id, r.value.next, at, { action: 'transition', transition: action, changes: r.value.changes, reason: r.value.reason });
  }

  /** A new evidence picture, stored once by content like the app's attachments table; returns its id. */
  private photo(name: string, at: string): string {
    const width = 48;
    const height = 36;
    const colour = (lo: number, hi: number): Rgb => [this.rng.int(lo, hi), this.rng.int(lo, hi), this.rng.int(lo, hi)];
    const bytes = encodePng(width, height, noticePicture(width, height, colour(120, 230), [this.rng.int(170, 230), this.rng.int(20, 60), this.rng.int(20, 60)], this.rng.int(3, 6)));
    const id = toHex(sha256Sync(bytes));
    if (!this.attachments.has(id)) {
      this.attachments.set(id, {
        record: { id, sourceSha256: id, name, mime: 'image/png', size: bytes.length, width, height, createdAt: at, createdBy: this.inspector, deviceId: this.deviceId },
        bytes,
      });
    }
    return id;
  }
}
