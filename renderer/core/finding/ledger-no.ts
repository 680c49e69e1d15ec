// Ledger numbers 机构代码-年度-流水号 (e.g. WD0001-2026-0007): per organisation unit and year, counted
// from 1 without gaps. The counter lives beside the findings and moves in the same transaction as
// the insert, so an aborted save never burns a number; deletions are tombstones that keep theirs.

/** Four digits sort well in every spreadsheet; a unit with more findings in a year just gets more. */
const WIDTH = 4;

export const ledgerCounterKey = (orgUnitCode: string, year: number): string => `ledger:${orgUnitCode}:${year}`;

export function formatLedgerNo(orgUnitCode: string, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new Error(`ledger sequence must be a positive integer, got ${seq}`);
  return `${orgUnitCode}-${year}-${String(seq).padStart(WIDTH, '0')}`;
}

/** Org codes may contain '-', so the year and sequence are read from the end. */
export function parseLedgerNo(ledgerNo: string): { orgUnitCode: string; year: number; seq: number } | null {
  const m = /^(?<code>.+)-(?<year>\d{4})-(?<seq>\d{4,})$/.exec(ledgerNo)?.groups;
  if (!m?.code || !m.year || !m.seq) return null;
  const seq = Number(m.seq);
  return seq >= 1 ? { orgUnitCode: m.code, year: Number(m.year), seq } : null;
}

/** The year a finding is numbered in: its inspection's date, or the day it was recorded. */
export const ledgerYear = (date: string): number => Number(date.slice(0, 4));

/**
 * Numbers found missing or repeated among one unit-year's ledger numbers: an audit check over what is
 * stored (the counter makes gaps impossible, this proves it).
 */
export function ledgerGaps(ledgerNos: Iterable<string>): { missing: number[]; duplicates: number[]; max: number } {
  const seen = new Set<number>();
  const duplicates: number[] = [];
  let max = 0;
  for (const no of ledgerNos) {
    const parsed = parseLedgerNo(no);
    if (!parsed) continue;
    if (seen.has(parsed.seq)) duplicates.push(parsed.seq);
    seen.add(parsed.seq);
    max = Math.max(max, parsed.seq);
  }
  const missing: number[] = [];
  for (let i = 1; i <= max; i++) if (!seen.has(i)) missing.push(i);
  return { missing, duplicates, max };
}

/** Ledger-number order: unit, then year, then sequence as numbers (0007 < 0010 < 10000), else as text. */
export function compareLedgerNos(a: string, b: string): number {
  const pa = parseLedgerNo(a);
  const pb = parseLedgerNo(b);
  if (pa && pb) {
    if (pa.orgUnitCode !== pb.orgUnitCode) return pa.orgUnitCode < pb.orgUnitCode ? -1 : 1;
    if (pa.year !== pb.year) return pa.year - pb.year;
    if (pa.seq !== pb.seq) return pa.seq - pb.seq;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
