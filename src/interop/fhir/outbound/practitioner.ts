import type { Practitioner } from '@medplum/fhirtypes';
import { compact, SYSTEMS } from './common.ts';

/** A user who provides care (encounter provider, author, signer); credentials such as "MD, FACP". */
export interface PractitionerSource {
  id: string;
  username: string;
  fullName: string;
  credentials: string | null;
  active: boolean;
}

/** Users are practitioners: encounters name their provider by user id (docs/chart.md). */
export function practitionerToFhir(u: PractitionerSource): Practitioner {
  return compact<Practitioner>({
    resourceType: 'Practitioner',
    id: u.id,
    identifier: [{ system: SYSTEMS.username, value: u.username }],
    active: u.active,
    name: [{ text: u.fullName, ...splitName(u.fullName) }],
    qualification: u.credentials ? [{ code: { text: u.credentials } }] : undefined,
  });
}

/** "Given Middle Family" → family is the last word; enough for display-oriented clients. */
function splitName(full: string): { family?: string; given?: string[] } {
  const parts = full.trim().split(/\s+/).filter(Boolean);
  if (parts.length < 2) return parts.length === 1 ? { family: parts[0] } : {};
  return { family: parts.at(-1), given: parts.slice(0, -1) };
}
