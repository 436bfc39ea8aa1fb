import type { CobDetails } from '../remit/cob.ts';
import { lineAdjudicationSegments, otherPayerSegments } from './cob837.ts';
import { comp, seg, type X12Segment } from './segment.ts';

/** Implementation guides (GS08/ST03) of the two claim transactions. */
export const IMPLEMENTATION = { P: '005010X222A1', I: '005010X223A2' } as const;

export interface Party837 {
  name: string;
  npi: string;
  taxonomy: string | null;
  taxId?: string | null;
  address?: { line1?: string; city?: string; state?: string; postalCode?: string; phone?: string } | null;
}

export interface Person837 {
  familyName: string;
  givenName: string;
  birthDate: string | null;
  sex: string;
  address: { line1: string; line2?: string | null; city: string; state: string; postalCode: string } | null;
}

export interface Line837 {
  lineNo: number;
  /** REF*6R line item control number (echoed in the 835 to match remittance to lines). */
  controlNumber: string;
  code: string;
  modifiers: string[];
  units: number;
  serviceDate: string;
  diagnosisPointers: number[];
  revenueCode: string | null;
  charge: number;
}

/** One claim as the 837 writers read it (pure data, gathered by the batch service). */
export interface Claim837 {
  type: 'P' | 'I';
  patientControlNumber: string;
  charge: number;
  frequencyCode: string;
  /** REF*F8: the payer's control number of the claim a replacement or void corrects. */
  originalReference: string | null;
  payerOrder: 'primary' | 'secondary' | 'tertiary';
  serviceFrom: string;
  serviceTo: string;
  placeOfService: string;
  diagnoses: { code: string; poa?: string | undefined }[];
  procedures: { code: string; date: string | null }[];
  priorAuthNumber: string | null;
  medicalRecordNumber: string;
  subscriber: { memberId: string; groupNumber: string | null; name: string; relationship: string };
  patient: Person837;
  rendering: Party837 | null;
  /** 837I: admission and discharge (CL1, DTP*435, DTP*096). */
  admission?: {
    admittedAt: string | null;
    dischargedAt: string | null;
    type: string;
    source: string;
    patientStatus: string;
    drg?: string | null;
  };
  lines: Line837[];
  /** COB: an earlier payer's decision (2320/2330A/2330B, 2430) on a claim to the next payer. */
  cob?: CobDetails | null;
}

export interface Batch837 {
  type: 'P' | 'I';
  /** BHT03: the batch's reference (originator application transaction id). */
  reference: string;
  createdAt: Date;
  submitter: { name: string; id: string; contact: string; phone: string | null };
  payer: { name: string; payerId: string; filingIndicator: string };
  billingProvider: Party837;
  claims: Claim837[];
}

const CLEAN = /[*:^~\r\n\t]/g;
/** Text as payers take it: upper case, no separators or control characters, trimmed and cut to length. */
export const x12Text = (v: string | null | undefined, max = 60): string =>
  (v ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(CLEAN, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase()
    .slice(0, max);

/** X12 decimal: no trailing zeros (120, 12.5, 0.01). */
export const x12Amount = (n: number): string => String(Math.round(n * 100) / 100);
const d8 = (iso: string) => iso.slice(0, 10).replace(/-/g, '');
const dt = (iso: string) => iso.slice(0, 16).replace(/[-T:]/g, '');
const sexCode = (s: string) => (s === 'F' || s === 'female' ? 'F' : s === 'M' || s === 'male' ? 'M' : 'U');
const zip = (z: string) => z.replace(/\D/g, '');
export const SBR01 = { primary: 'P', secondary: 'S', tertiary: 'T' } as const;
/** PAT01 / SBR02 individual relationship codes. */
export const RELATIONSHIP: Record<string, string> = { self: '18', spouse: '01', child: '19', other: 'G8' };

/** Splits "Given Family" into NM103 (family) and NM104 (given). */
export function personName(full: string): [string, string] {
  const parts = x12Text(full).split(' ').filter(Boolean);
  if (parts.length <= 1) return [parts[0] ?? '', ''];
  return [parts.at(-1) ?? '', parts.slice(0, -1).join(' ')];
}

function address(a: {
  line1?: string;
  line2?: string | null;
  city?: string;
  state?: string;
  postalCode?: string;
}): X12Segment[] {
  return [
    seg('N3', x12Text(a.line1, 55), a.line2 ? x12Text(a.line2, 55) : ''),
    seg('N4', x12Text(a.city, 30), x12Text(a.state, 2), zip(a.postalCode ?? '')),
  ];
}

function claimSegments(b: Batch837, c: Claim837): X12Segment[] {
  const out: X12Segment[] = [];
  const freq = c.frequencyCode;
  if (c.type === 'P') {
    out.push(
      seg(
        'CLM',
        x12Text(c.patientControlNumber, 38),
        x12Amount(c.charge),
        '',
        '',
        comp(c.placeOfService, 'B', freq),
        'Y',
        'A',
        'Y',
        'I',
      ),
    );
  } else {
    out.push(
      seg(
        'CLM',
        x12Text(c.patientControlNumber, 38),
        x12Amount(c.charge),
        '',
        '',
        comp('11', 'A', freq),
        '',
        'A',
        'Y',
        'I',
      ),
    );
    const adm = c.admission;
    if (adm?.dischargedAt) out.push(seg('DTP', '096', 'TM', adm.dischargedAt.slice(11, 16).replace(':', '')));
    out.push(seg('DTP', '434', 'RD8', `${d8(c.serviceFrom)}-${d8(c.serviceTo)}`));
    if (adm?.admittedAt) out.push(seg('DTP', '435', 'DT', dt(adm.admittedAt)));
    out.push(seg('CL1', adm?.type ?? '9', adm?.source ?? '9', adm?.patientStatus ?? '01'));
  }
  if (c.priorAuthNumber) out.push(seg('REF', 'G1', x12Text(c.priorAuthNumber, 50)));
  if (freq === '7' || freq === '8')
    out.push(seg('REF', 'F8', x12Text(c.originalReference ?? c.patientControlNumber, 50)));
  out.push(seg('REF', 'EA', x12Text(c.medicalRecordNumber, 50)));
  if (c.type === 'P') {
    out.push(seg('HI', ...c.diagnoses.slice(0, 12).map((d, i) => comp(i === 0 ? 'ABK' : 'ABF', d.code))));
  } else {
    const [principal, ...others] = c.diagnoses;
    const poa = (d: { code: string; poa?: string | undefined }, q: string) =>
      comp(q, d.code, '', '', '', '', '', '', d.poa && d.poa !== '1' ? d.poa : '');
    if (principal) out.push(seg('HI', poa(principal, 'ABK')));
    for (let i = 0; i < Math.min(others.length, 24); i += 12)
      out.push(seg('HI', ...others.slice(i, Math.min(i + 12, 24)).map((d) => poa(d, 'ABF'))));
    const [pp, ...op] = c.procedures;
    if (pp) out.push(seg('HI', comp('BBR', pp.code, 'D8', d8(pp.date ?? c.serviceFrom))));
    for (let i = 0; i < Math.min(op.length, 24); i += 12)
      out.push(
        seg('HI', ...op.slice(i, i + 12).map((p) => comp('BBQ', p.code, 'D8', d8(p.date ?? c.serviceFrom)))),
      );
    if (c.admission?.drg) out.push(seg('HI', comp('DR', c.admission.drg)));
  }
  // Rendering (837P 2310B) / attending (837I 2310A) provider, left out when it is the billing provider.
  const r = c.rendering;
  if (c.type === 'I' || (r && r.npi !== b.billingProvider.npi)) {
    const who = r ?? b.billingProvider;
    const [family, given] = r ? personName(r.name) : [x12Text(b.billingProvider.name), ''];
    out.push(
      seg('NM1', c.type === 'P' ? '82' : '71', r ? '1' : '2', family, given, '', '', '', 'XX', who.npi),
    );
    if (who.taxonomy) out.push(seg('PRV', c.type === 'P' ? 'PE' : 'AT', 'PXC', who.taxonomy));
  }
  if (c.cob) out.push(...otherPayerSegments(c.cob));
  for (const l of c.lines) {
    out.push(seg('LX', l.lineNo));
    if (c.type === 'P')
      out.push(
        seg(
          'SV1',
          comp('HC', l.code, ...l.modifiers.slice(0, 4)),
          x12Amount(l.charge),
          'UN',
          l.units,
          '',
          '',
          comp(...l.diagnosisPointers.slice(0, 4)),
        ),
      );
    else
      out.push(
        seg(
          'SV2',
          l.revenueCode ?? '',
          comp('HC', l.code, ...l.modifiers.slice(0, 4)),
          x12Amount(l.charge),
          'UN',
          l.units,
        ),
      );
    out.push(seg('DTP', '472', 'D8', d8(l.serviceDate)));
    out.push(seg('REF', '6R', x12Text(l.controlNumber, 50)));
    if (c.cob) out.push(...lineAdjudicationSegments(c.cob, l.lineNo, c.type === 'I' ? l.revenueCode : null));
  }
  return out;
}

/**
 * The body (BHT … last claim) of one 837P or 837I transaction set for one payer: submitter and receiver,
 * then the HL hierarchy billing provider (20) → subscriber (22) → patient (23, only when the patient is
 * not the subscriber), each claim under its subscriber. Loops that would repeat the billing provider (a
 * pay-to address, a service facility, a rendering provider equal to it) are left out.
 */
export function transaction837(b: Batch837): X12Segment[] {
  const bp = b.billingProvider;
  const out: X12Segment[] = [
    seg(
      'BHT',
      '0019',
      '00',
      x12Text(b.reference, 30),
      d8(b.createdAt.toISOString()),
      b.createdAt.toISOString().slice(11, 16).replace(':', ''),
      'CH',
    ),
    seg('NM1', '41', '2', x12Text(b.submitter.name), '', '', '', '', '46', x12Text(b.submitter.id, 80)),
    b.submitter.phone
      ? seg('PER', 'IC', x12Text(b.submitter.contact), 'TE', b.submitter.phone.replace(/\D/g, ''))
      : seg('PER', 'IC', x12Text(b.submitter.contact)),
    seg('NM1', '40', '2', x12Text(b.payer.name), '', '', '', '', '46', x12Text(b.payer.payerId, 80)),
    seg('HL', 1, '', '20', 1),
  ];
  if (bp.taxonomy) out.push(seg('PRV', 'BI', 'PXC', bp.taxonomy));
  out.push(seg('NM1', '85', '2', x12Text(bp.name), '', '', '', '', 'XX', bp.npi));
  if (bp.address) out.push(...address(bp.address));
  if (bp.taxId) out.push(seg('REF', 'EI', bp.taxId));
  let hl = 1;
  for (const c of b.claims) {
    const self = c.subscriber.relationship === 'self';
    const subscriberHl = ++hl;
    out.push(seg('HL', subscriberHl, 1, '22', self ? 0 : 1));
    out.push(
      seg(
        'SBR',
        SBR01[c.payerOrder],
        self ? '18' : '',
        x12Text(c.subscriber.groupNumber, 50),
        '',
        '',
        '',
        '',
        '',
        b.payer.filingIndicator,
      ),
    );
    const p = c.patient;
    if (self) {
      out.push(
        seg(
          'NM1',
          'IL',
          '1',
          x12Text(p.familyName),
          x12Text(p.givenName, 35),
          '',
          '',
          '',
          'MI',
          x12Text(c.subscriber.memberId, 80),
        ),
      );
      if (p.address) out.push(...address(p.address));
      if (p.birthDate) out.push(seg('DMG', 'D8', d8(p.birthDate), sexCode(p.sex)));
    } else {
      const [family, given] = personName(c.subscriber.name);
      out.push(seg('NM1', 'IL', '1', family, given, '', '', '', 'MI', x12Text(c.subscriber.memberId, 80)));
    }
    out.push(
      seg('NM1', 'PR', '2', x12Text(b.payer.name), '', '', '', '', 'PI', x12Text(b.payer.payerId, 80)),
    );
    if (!self) {
      out.push(seg('HL', ++hl, subscriberHl, '23', 0));
      out.push(seg('PAT', RELATIONSHIP[c.subscriber.relationship] ?? 'G8'));
      out.push(seg('NM1', 'QC', '1', x12Text(p.familyName), x12Text(p.givenName, 35)));
      if (p.address) out.push(...address(p.address));
      if (p.birthDate) out.push(seg('DMG', 'D8', d8(p.birthDate), sexCode(p.sex)));
    }
    out.push(...claimSegments(b, c));
  }
  return out;
}

/** CL1-03 patient status from the chart's discharge disposition (NUBC codes; 2 digits pass through). */
export function patientStatusCode(disposition: string | null | undefined): string {
  const d = (disposition ?? '').toLowerCase().trim();
  if (/^\d{2}$/.test(d)) return d;
  if (/expired|died|deceased/.test(d)) return '20';
  if (/hospice/.test(d)) return /home/.test(d) ? '50' : '51';
  if (/against medical advice|\bama\b/.test(d)) return '07';
  if (/skilled|snf/.test(d)) return '03';
  if (/rehab/.test(d)) return '62';
  if (/transfer|hospital/.test(d)) return '02';
  if (/home health/.test(d)) return '06';
  if (/still a patient|in ?house/.test(d)) return '30';
  return '01';
}
