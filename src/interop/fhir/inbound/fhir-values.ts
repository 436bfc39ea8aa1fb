/**
 * Small readers over FHIR R4 JSON (http://hl7.org/fhir/R4/datatypes.html) used by the inbound mappers.
 * Resources arrive as untyped JSON, so every reader checks the shape it reads and never throws.
 */
export type Json = Record<string, unknown>;

/** One problem with an incoming resource: its FHIRPath location, an IssueType code and what is wrong. */
export interface FhirIssue {
  /** FHIRPath of the element at fault, e.g. `Patient.birthDate` (OperationOutcome.issue.expression). */
  expression: string;
  /** OperationOutcome IssueType (http://hl7.org/fhir/R4/valueset-issue-type.html). */
  code:
    | 'required'
    | 'value'
    | 'code-invalid'
    | 'structure'
    | 'not-supported'
    | 'invalid'
    | 'business-rule'
    | 'too-long'
    | 'forbidden'
    | 'not-found';
  message: string;
}

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const obj = (v: unknown): Json | undefined => (isObj(v) ? v : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
export const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/** The codings of a CodeableConcept. */
export const codings = (cc: unknown): Json[] => arr(obj(cc)?.coding).filter(isObj);

/** The code of the first coding in `system` (or of the first coding when no system is given). */
export function codeIn(cc: unknown, system?: string): string | undefined {
  const c = codings(cc).find((x) => system === undefined || x.system === system);
  return str(c?.code);
}

/** What a person reads for a CodeableConcept: its text, else the first display, else the first code. */
export function textOf(cc: unknown): string | undefined {
  const o = obj(cc);
  if (!o) return undefined;
  const first = codings(o);
  return str(o.text) ?? first.map((c) => str(c.display)).find(Boolean) ?? first.map((c) => str(c.code))[0];
}

/** The first CodeableConcept of a list that reads as something. */
export const firstText = (list: unknown): string | undefined => arr(list).map(textOf).find(Boolean);

/** `reference` of a Reference element. */
export const refOf = (r: unknown): string | undefined => str(obj(r)?.reference);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A FHIR date or dateTime cut to its calendar date (YYYY-MM-DD); partial dates (YYYY, YYYY-MM) give undefined. */
export function dateOf(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  const d = s.slice(0, 10);
  return DATE.test(d) ? d : undefined;
}

/**
 * A FHIR dateTime as an ISO 8601 instant with an offset. A date alone becomes midnight UTC of that day
 * (FHIR dateTime allows a bare date; the chart keeps times with offsets).
 */
export function instantOf(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  if (DATE_TIME.test(s)) return s;
  if (DATE.test(s)) return `${s}T00:00:00Z`;
  return undefined;
}

/** Collects issues and warnings while a mapper reads a resource. */
export class IssueList {
  readonly issues: FhirIssue[] = [];
  readonly warnings: FhirIssue[] = [];
  constructor(readonly type: string) {}
  /** Records a fatal problem at `<type>.<path>`. */
  add(path: string, code: FhirIssue['code'], message: string): void {
    this.issues.push({ expression: path ? `${this.type}.${path}` : this.type, code, message });
  }
  /** Records something dropped or assumed; the resource is still imported. */
  warn(path: string, message: string): void {
    this.warnings.push({ expression: `${this.type}.${path}`, code: 'value', message });
  }
  required(path: string, what = 'is required'): undefined {
    this.add(path, 'required', what);
    return undefined;
  }
  /** Maps a code through a table, recording an invalid-code issue when it is not in it. */
  code<T>(
    path: string,
    value: string | undefined,
    table: Record<string, T>,
    allowed?: string,
  ): T | undefined {
    if (value === undefined) return undefined;
    if (Object.hasOwn(table, value)) return table[value];
    this.add(path, 'code-invalid', `'${value}' is not one of ${allowed ?? Object.keys(table).join(', ')}`);
    return undefined;
  }
}

/** zod issue paths (e.g. `data.severity`) as FHIRPath-like locations under the resource. */
export function zodIssues(
  list: IssueList,
  issues: { path: PropertyKey[]; message: string }[],
  pathMap: Record<string, string> = {},
): void {
  for (const i of issues) {
    const field = i.path.map(String).join('.');
    const path = pathMap[field] ?? field;
    // One issue per element: a code already reported as invalid needs no second, vaguer message.
    if (list.issues.some((x) => x.expression === `${list.type}.${path}`)) continue;
    const missing = /received undefined/.test(i.message);
    list.add(path, missing ? 'required' : 'value', missing ? 'is required' : i.message);
  }
}
