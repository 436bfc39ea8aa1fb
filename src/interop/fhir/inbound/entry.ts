import { ENTRY_KINDS, type EntryKind } from '../../../chart/index.ts';
import { type IssueList, type Json, obj, refOf, zodIssues } from './fhir-values.ts';
import type { MapOutcome } from './types.ts';

/** Drops undefined values so optional fields stay absent (the chart stores exactly what was given). */
export function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** The patient a clinical resource is about: `subject` or `patient`, which FHIR requires. */
export function patientRefOf(r: Json, list: IssueList, element: 'subject' | 'patient' = 'subject') {
  const ref = refOf(r[element]);
  if (!ref) list.required(`${element}.reference`, 'must reference the patient');
  return ref;
}

/**
 * Validates a chart entry against the chart's own schema for its kind and builds the write.
 * @param pathMap - entry field → FHIRPath under the resource, for precise issue locations
 */
export function entryOutcome(
  list: IssueList,
  args: {
    kind: EntryKind;
    data: Record<string, unknown>;
    patientRef: string | undefined;
    encounterRef?: string | undefined;
    enteredInError?: boolean;
  },
  pathMap: Record<string, string>,
): MapOutcome {
  const parsed = ENTRY_KINDS[args.kind].safeParse(compact(args.data));
  if (!parsed.success) zodIssues(list, parsed.error.issues, pathMap);
  if (list.issues.length || !parsed.success || !args.patientRef) return { ok: false, issues: list.issues };
  return {
    ok: true,
    write: {
      target: 'entry',
      kind: args.kind,
      data: parsed.data as Record<string, unknown>,
      patientRef: args.patientRef,
      ...(args.encounterRef ? { encounterRef: args.encounterRef } : {}),
      ...(args.enteredInError ? { enteredInError: true } : {}),
    },
    warnings: list.warnings,
  };
}

/** `encounter` (R4 clinical resources) or `context` (R4 MedicationStatement) reference. */
export const encounterRefOf = (r: Json): string | undefined => refOf(r.encounter) ?? refOf(obj(r.context));
