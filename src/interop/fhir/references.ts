import type { FhirFieldIssue } from './errors.ts';

/**
 * A reference to a record on this server: `Type/<uuid>`, optionally absolute or version-specific
 * (R4 references.html). Anything else (urn:uuid, another server) cannot be resolved by a REST write.
 */
export function localId(ref: string | undefined, type: string): string | undefined {
  if (!ref) return undefined;
  const m = new RegExp(
    `(?:^|/)${type}/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:/_history/\\d+)?$`,
    'i',
  ).exec(ref.trim());
  return m?.[1]?.toLowerCase();
}

export const refIssue = (field: string, type: string): FhirFieldIssue => ({
  field,
  code: 'invalid',
  message: `must reference a ${type} on this server (${type}/<id>)`,
});

/** Domain field names → FHIRPath, so issues the domain raises still point into the resource. */
export function domainIssuePaths(
  issues: { field: string; message: string }[],
  type: string,
  map: Record<string, string>,
): FhirFieldIssue[] {
  return issues.map((i) => ({
    field: map[i.field] ?? (i.field ? `${type}.${i.field.replace(/^data\./, '')}` : type),
    message: i.message,
    code: 'business-rule',
  }));
}
