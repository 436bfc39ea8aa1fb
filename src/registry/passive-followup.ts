import { isoDay, naaccrDate } from './followup.ts';

/** What Chartkeeper knows of the patient since: the chart's latest encounter/result, the index's death date. */
export interface PassiveFacts {
  patientId: string;
  /** #1750, #1760, #240 as the registry has them. */
  items: Record<string, string>;
  dateOfDeath: string | null;
  /** The tumours' #390 Date of Diagnosis (NAACCR dates). */
  diagnoses: string[];
  latest: { kind: 'encounter' | 'result'; id: string; day: string }[];
}

export interface PassiveContact {
  sourceKind: 'encounter' | 'result' | 'death';
  /** The chart encounter or result id; for a death, the patient and the date (a corrected date is new). */
  sourceId: string;
  contactDate: string;
  vitalStatus: '0' | '1';
  /** #1790 Follow-Up Source: 1 readmission (seen again at this facility); 8 other (the index's death record). */
  followUpSource: '1' | '8';
}

/**
 * Passive follow-up (issue 14; reference §8): the contact a patient's Chartkeeper record gives, or none.
 * - A death in the patient index makes a living registry patient dead (#1760 0) as of the date of death,
 *   which becomes the date of last contact (#1750), unless it is before the diagnosis or in the future
 *   (the registrar looks at those).
 * - Otherwise the latest encounter or result moves #1750 forward only: it must be later than the current
 *   #1750, on or after the earliest diagnosis (#390; none before a tumour has one) and the birth date
 *   (date order edit). An earlier one never moves it back, and nothing says alive after a recorded death.
 */
export function passiveContact(f: PassiveFacts, today: Date): PassiveContact | undefined {
  const dx = f.diagnoses.flatMap((d) => naaccrDate(d) ?? []).sort((a, b) => a.getTime() - b.getTime())[0];
  const dead = f.items.vitalStatus === '0';
  const todayIso = isoDay(today);
  if (f.dateOfDeath && !dead) {
    if (f.dateOfDeath > todayIso || (dx && f.dateOfDeath < isoDay(dx))) return undefined;
    return {
      sourceKind: 'death',
      sourceId: `${f.patientId}@${f.dateOfDeath}`,
      contactDate: f.dateOfDeath,
      vitalStatus: '0',
      followUpSource: '8',
    };
  }
  if (dead || !dx) return undefined;
  const best = [...f.latest].sort((a, b) => b.day.localeCompare(a.day))[0];
  if (!best || best.day > todayIso || best.day < isoDay(dx)) return undefined;
  const last = naaccrDate(f.items.dateOfLastContact);
  if (last && best.day <= isoDay(last)) return undefined;
  const birth = naaccrDate(f.items.dateOfBirth);
  if (birth && best.day < isoDay(birth)) return undefined;
  return {
    sourceKind: best.kind,
    sourceId: best.id,
    contactDate: best.day,
    vitalStatus: '1',
    followUpSource: '1',
  };
}
