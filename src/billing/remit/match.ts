import { lineControlNumber } from '../line-control.ts';
import type { LineMatch } from './remit.tables.ts';
import type { Adjustment, RemitLine } from './x835.ts';

/** A line of our claim, as the matcher needs it (amounts in cents). */
export interface OurLine {
  id: string;
  lineNo: number;
  code: string;
  modifiers: string[];
  serviceDate: string;
  charge: number;
}

/** What one 835 service line posts to one of our lines. */
export interface LineAllocation {
  lineId: string;
  paid: number;
  adjustments: Adjustment[];
}

export interface MatchedLine {
  svc: RemitLine;
  match: LineMatch;
  allocations: LineAllocation[];
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((m) => b.includes(m));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Matches the service lines of one 835 claim to our claim lines, never guessing (issue 13):
 * 1. REF*6R line item control number = our line id as the 837 wrote it (lineControlNumber) or line number;
 * 2. the billed procedure (SVC06 when the payer answered under another code, else SVC01) with the same
 *    modifiers and date of service;
 * 3. the same code and date when the payer dropped or changed a modifier;
 * 4. the same code on another date only when exactly one open line has it;
 * 5. bundling: the billed code's line plus the other open lines of that date whose charges add up to
 *    exactly SVC02 (payment and adjustments shared in proportion to charge).
 * Among equal candidates the one whose charge equals SVC02 wins, then the lower line number. Anything else
 * is unmatched and listed.
 */
export function matchLines(svcs: RemitLine[], ours: OurLine[]): MatchedLine[] {
  const open = new Map(ours.map((l) => [l.id, l]));
  const bundledCodes = new Set<string>();
  const out: MatchedLine[] = [];
  for (const svc of svcs) {
    const m = matchOne(svc, [...open.values()]);
    if (!m) {
      // The payer may also list a line it bundled into another, at no charge and no payment.
      const info = svc.charge === 0 && svc.paid === 0 && bundledCodes.has(svc.billed.code);
      out.push({ svc, match: info ? 'bundled' : 'unmatched', allocations: [] });
      continue;
    }
    if (m.match === 'bundled') for (const l of m.lines) bundledCodes.add(l.code);
    for (const l of m.lines) open.delete(l.id);
    out.push({ svc, match: m.match, allocations: allocate(svc, m.lines) });
  }
  return out;
}

function pick(svc: RemitLine, xs: OurLine[]): OurLine | undefined {
  return [...xs].sort(
    (a, b) => Number(b.charge === svc.charge) - Number(a.charge === svc.charge) || a.lineNo - b.lineNo,
  )[0];
}

function matchOne(svc: RemitLine, open: OurLine[]): { match: LineMatch; lines: OurLine[] } | null {
  if (svc.lineControl) {
    const control = lineControlNumber(svc.lineControl);
    const byControl =
      open.find((l) => lineControlNumber(l.id) === control) ??
      open.find((l) => String(l.lineNo) === svc.lineControl);
    if (byControl) return { match: 'control_number', lines: [byControl] };
  }
  const code = svc.billed.code;
  const sameCode = open.filter((l) => l.code === code);
  const onDate = sameCode.filter((l) => !svc.serviceDate || l.serviceDate === svc.serviceDate);
  const exact = onDate.filter((l) => sameSet(l.modifiers, svc.billed.modifiers));
  const chosen = (xs: OurLine[], match: LineMatch) => {
    const one = pick(svc, xs);
    return one ? { match, lines: [one] } : null;
  };
  const bundle = bundled(svc, open, onDate);
  if (bundle) return { match: 'bundled', lines: bundle };
  return (
    chosen(exact, 'exact') ??
    chosen(onDate, 'modifier') ??
    (sameCode.length === 1 ? chosen(sameCode, 'code') : null)
  );
}

/** The lines a bundled answer covers: one of the code's lines plus the other open lines of its date. */
function bundled(svc: RemitLine, open: OurLine[], onDate: OurLine[]): OurLine[] | null {
  if (onDate.some((l) => l.charge === svc.charge)) return null;
  for (const head of onDate) {
    const rest = open.filter((l) => l.id !== head.id && l.serviceDate === head.serviceDate);
    if (rest.length === 0) continue;
    if (head.charge + sum(rest.map((l) => l.charge)) === svc.charge)
      return [head, ...rest].sort((a, b) => a.lineNo - b.lineNo);
  }
  return null;
}

/** Shares an amount in proportion to weights, cents exact (the remainder goes to the last share). */
export function share(amount: number, weights: number[]): number[] {
  const total = sum(weights);
  if (weights.length === 1 || total === 0) return weights.map((_, i) => (i === 0 ? amount : 0));
  const out = weights.map((w) => Math.trunc((amount * w) / total));
  out[out.length - 1] = (out.at(-1) ?? 0) + amount - sum(out);
  return out;
}

function allocate(svc: RemitLine, lines: OurLine[]): LineAllocation[] {
  const w = lines.map((l) => l.charge);
  const paid = share(svc.paid, w);
  const adj = svc.adjustments.map((a) => share(a.amount, w));
  return lines.map((l, i) => ({
    lineId: l.id,
    paid: paid[i] ?? 0,
    adjustments: svc.adjustments
      .map((a, j) => ({ ...a, amount: adj[j]?.[i] ?? 0 }))
      .filter((a) => a.amount !== 0),
  }));
}
