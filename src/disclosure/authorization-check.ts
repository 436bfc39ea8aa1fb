import type { Purpose, SensitiveCategory } from './requester.ts';

/** A signed authorization as captured from the form (the scanned document is stored beside it). */
export interface AuthorizationForm {
  /** (c)(1)(i) what may be disclosed: record types, date range, and its own words. */
  description: string;
  coversAllRecords: boolean;
  recordTypes: string[];
  dateFrom: string | null;
  dateTo: string | null;
  /** Sensitive categories the form names explicitly (Part 2, psychotherapy notes, HIV…). */
  sensitiveCategories: SensitiveCategory[];
  /** (c)(1)(ii) who may disclose. */
  discloser: string;
  /** (c)(1)(iii) to whom. */
  recipient: string;
  /** (c)(1)(iv) purpose; "at the request of the individual" suffices when the patient initiates. */
  purpose: string;
  /** (c)(1)(v) an expiration date or event. */
  expiresOn: string | null;
  expirationEvent: string | null;
  expirationEventOccurred: boolean;
  /** (c)(1)(vi) signature and date; a representative's authority. */
  signed: boolean;
  signedOn: string | null;
  signedBy: 'patient' | 'representative';
  representativeAuthority: string | null;
  representativeAuthorityDocumented: boolean;
  /** (c)(2) required statements. */
  statesRightToRevoke: boolean;
  statesConditioning: boolean;
  statesRedisclosure: boolean;
  revokedOn: string | null;
  /** Whether the authorization covers only psychotherapy notes (they may not be combined, 164.508(b)(3)(ii)). */
  psychotherapyOnly: boolean;
}

export interface ReleaseAsked {
  recipient: string;
  purpose: Purpose;
  recordTypes: string[];
  dateFrom: string | null;
  dateTo: string | null;
  categoriesPresent: SensitiveCategory[];
  patientDeceased: boolean;
}

export interface ElementResult {
  element: string;
  rule: string;
  ok: boolean;
  message: string;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Validates an authorization against 45 CFR 164.508(b)-(c) and the request. Every element is reported
 * pass/fail by name, so the clerk sees the whole checklist, not just the first failure.
 */
export function checkAuthorization(
  a: AuthorizationForm,
  asked: ReleaseAsked,
  today: string,
): ElementResult[] {
  const r: ElementResult[] = [];
  const add = (element: string, rule: string, ok: boolean, message: string) =>
    r.push({ element, rule, ok, message });

  add(
    'description',
    '164.508(c)(1)(i)',
    a.description.trim().length >= 10,
    'Describe the information specifically.',
  );
  add('discloser', '164.508(c)(1)(ii)', a.discloser.trim().length > 0, 'Name who may make the disclosure.');
  add(
    'recipient',
    '164.508(c)(1)(iii)',
    a.recipient.trim().length > 0,
    'Name who may receive the information.',
  );
  add(
    'purpose',
    '164.508(c)(1)(iv)',
    a.purpose.trim().length > 0,
    'State the purpose (or "at the request of the individual").',
  );
  add(
    'expiration',
    '164.508(c)(1)(v)',
    !!a.expiresOn || !!a.expirationEvent?.trim(),
    'Give an expiration date or event.',
  );
  add('signature', '164.508(c)(1)(vi)', a.signed && !!a.signedOn, 'The form must be signed and dated.');
  if (a.signedBy === 'representative' || asked.patientDeceased) {
    add(
      'representative-authority',
      '164.508(c)(1)(vi), 164.502(g)',
      a.signedBy === 'representative' &&
        !!a.representativeAuthority?.trim() &&
        a.representativeAuthorityDocumented,
      asked.patientDeceased
        ? 'The patient is deceased: the signer must be the personal representative, with documented authority (e.g. letters of administration).'
        : "Describe the representative's authority and keep the document that proves it.",
    );
  }
  add(
    'right-to-revoke',
    '164.508(c)(2)(i)',
    a.statesRightToRevoke,
    'The form must state the right to revoke in writing.',
  );
  add(
    'conditioning',
    '164.508(c)(2)(ii)',
    a.statesConditioning,
    'The form must state whether treatment may be conditioned on signing.',
  );
  add(
    'redisclosure',
    '164.508(c)(2)(iii)',
    a.statesRedisclosure,
    'The form must state that the recipient may redisclose.',
  );
  add(
    'not-expired',
    '164.508(b)(2)(i)',
    !(a.expiresOn && a.expiresOn < today) && !a.expirationEventOccurred,
    'The authorization has expired.',
  );
  add('not-revoked', '164.508(b)(5)', !a.revokedOn || a.revokedOn > today, 'The authorization was revoked.');
  add(
    'recipient-match',
    '164.508(c)(1)(iii)',
    norm(a.recipient) === norm(asked.recipient),
    'The requester is not the recipient named on the authorization.',
  );
  const typesOk = a.coversAllRecords || asked.recordTypes.every((t) => a.recordTypes.includes(t));
  add(
    'scope-types',
    '164.508(c)(1)(i)',
    typesOk,
    'The request asks for record types the authorization does not cover.',
  );
  const datesOk =
    (!a.dateFrom || (asked.dateFrom !== null && asked.dateFrom >= a.dateFrom)) &&
    (!a.dateTo || (asked.dateTo !== null && asked.dateTo <= a.dateTo));
  add(
    'scope-dates',
    '164.508(c)(1)(i)',
    datesOk,
    'The request asks for dates outside those the authorization covers.',
  );
  for (const c of asked.categoriesPresent) {
    if (c === 'psychotherapy') {
      add(
        'psychotherapy-notes',
        '164.508(a)(2), (b)(3)(ii)',
        a.sensitiveCategories.includes(c) && a.psychotherapyOnly,
        'Psychotherapy notes need their own authorization that names them and nothing else.',
      );
    } else if (c === 'substance_use_part2') {
      add(
        'part2-consent',
        '42 CFR 2.31',
        a.sensitiveCategories.includes(c),
        'Substance use disorder records need a Part 2 consent that names them explicitly.',
      );
    } else {
      add(
        `category-${c}`,
        'state law / facility policy',
        a.sensitiveCategories.includes(c),
        `The authorization must name ${c.replace(/_/g, ' ')} information explicitly.`,
      );
    }
  }
  return r;
}

export const failures = (results: ElementResult[]) => results.filter((x) => !x.ok);
