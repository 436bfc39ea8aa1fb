import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { Claim837, Party837 } from '../x12/claim837.ts';

/**
 * What a CMS-1500 (02/12) form shows for one professional claim: the 837P facts (the form and the 837P
 * carry the same data, NUCC 1500 Reference Instruction Manual 02/12 maps each box to a loop) plus the
 * payer, the billing provider, the other insurance and the date the form is printed.
 */
export interface Cms1500Input {
  claim: Claim837;
  payer: { name: string; payerId: string; filingIndicator: string };
  billingProvider: Party837;
  /** Box 9/11d: another health benefit plan (the secondary for a primary claim, the primary for a secondary). */
  otherInsured: { name: string; memberId: string; groupNumber: string | null; planName: string } | null;
  /** Box 29: what the patient or other payers paid (the primary's payment on a secondary claim). */
  amountPaid: number;
  /** Box 31: the date the form is signed (printed). */
  date: string;
}

/** NUCC: six service lines per form; a claim with more continues on further forms, totals on the last. */
export const LINES_PER_FORM = 6;

const PAGE = { w: 612, h: 792 };
const M = 24;
const W = PAGE.w - 2 * M;
const RED = rgb(0.75, 0.1, 0.1);
const INK = rgb(0, 0, 0);

/** Box 1 from the claim filing indicator (SBR09): Medicare, Medicaid, TRICARE, CHAMPVA, group plan, FECA, other. */
export function insuranceType(filingIndicator: string): string {
  const map: Record<string, string> = {
    MA: 'MEDICARE',
    MB: 'MEDICARE',
    MC: 'MEDICAID',
    CH: 'TRICARE',
    VA: 'CHAMPVA',
    FI: 'FECA BLK LUNG',
    CI: 'GROUP HEALTH PLAN',
    BL: 'GROUP HEALTH PLAN',
    HM: 'GROUP HEALTH PLAN',
  };
  return map[filingIndicator] ?? 'OTHER';
}

/** Box text as the form takes it: upper case, only characters the standard PDF fonts can draw. */
export const formText = (v: string | null | undefined): string =>
  (v ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7E]/g, '?')
    .toUpperCase();

/** MM DD YY, as the form's date boxes print it (NUCC 6-digit date with spaces). */
const mmddyy = (iso: string | null | undefined) =>
  iso ? `${iso.slice(5, 7)} ${iso.slice(8, 10)} ${iso.slice(2, 4)}` : '';
const usd = (n: number) => n.toFixed(2);
const RELATIONSHIP: Record<string, string> = {
  self: 'SELF',
  spouse: 'SPOUSE',
  child: 'CHILD',
  other: 'OTHER',
};
const LETTERS = 'ABCDEFGHIJKL';

interface Fonts {
  label: PDFFont;
  value: PDFFont;
  bold: PDFFont;
}

/** One box: its frame, the label with the box number in red (as printed on the form), and its values. */
function box(
  page: PDFPage,
  f: Fonts,
  at: { x: number; y: number; w: number; h: number },
  label: string,
  values: string[],
): void {
  const x = M + at.x * W;
  const w = at.w * W;
  const top = PAGE.h - at.y;
  page.drawRectangle({ x, y: top - at.h, width: w, height: at.h, borderColor: RED, borderWidth: 0.6 });
  const labels = labelLines(formText(label), f.label, w - 4);
  labels.forEach((l) => {
    page.drawText(l.text, { x: x + 2, y: top - 7 - l.row * 6, size: l.size, font: f.label, color: RED });
  });
  const below = (labels.length - 1) * 6;
  values.forEach((v, i) => {
    const text = formText(v);
    const size = 8.5;
    const room = Math.max(1, Math.floor((w - 6) / f.value.widthOfTextAtSize('M', size)));
    page.drawText(text.slice(0, room), {
      x: x + 3,
      y: top - 16 - below - i * 9.5,
      size,
      font: f.value,
      color: INK,
    });
  });
}

/** A label on one line when it fits at 5.5 pt, else on two (each shrunk to fit, never below 3.5 pt). */
function labelLines(
  label: string,
  font: PDFFont,
  width: number,
): { text: string; size: number; row: number }[] {
  const sizeFor = (t: string) =>
    Math.max(3.5, Math.min(5.5, width / Math.max(1, font.widthOfTextAtSize(t, 1))));
  if (label === '' || font.widthOfTextAtSize(label, 5.5) <= width)
    return [{ text: label, size: 5.5, row: 0 }];
  const words = label.split(' ');
  let best = 1;
  for (let i = 1; i < words.length; i++) {
    const a = words.slice(0, i).join(' ').length;
    if (Math.abs(label.length / 2 - a) < Math.abs(label.length / 2 - words.slice(0, best).join(' ').length))
      best = i;
  }
  return [words.slice(0, best).join(' '), words.slice(best).join(' ')].map((text, row) => ({
    text,
    size: sizeFor(text),
    row,
  }));
}

function personName(family: string, given: string): string {
  return [family, given].filter(Boolean).join(', ');
}

function addressLines(
  a: { line1?: string; city?: string; state?: string; postalCode?: string } | null | undefined,
): string[] {
  if (!a) return [];
  return [a.line1 ?? '', [a.city, a.state, a.postalCode].filter(Boolean).join(' ')];
}

/** The header boxes 1–23 of one form page. */
function headBoxes(page: PDFPage, f: Fonts, c: Cms1500Input): void {
  const cl = c.claim;
  const p = cl.patient;
  const sub = cl.subscriber;
  const self = sub.relationship === 'self';
  const insuredName = self ? personName(p.familyName, p.givenName) : sub.name;
  const other = c.otherInsured;
  const b = (x: number, y: number, w: number, h: number, label: string, values: string[]) =>
    box(page, f, { x, y, w, h }, label, values);
  b(0, 66, 0.62, 26, '1. Medicare Medicaid TRICARE CHAMPVA Group health plan FECA Other', [
    `[X] ${insuranceType(c.payer.filingIndicator)}`,
  ]);
  b(0.62, 66, 0.38, 26, "1a. Insured's ID number (for program in item 1)", [sub.memberId]);
  b(0, 92, 0.38, 26, "2. Patient's name (last name, first name, middle initial)", [
    personName(p.familyName, p.givenName),
  ]);
  b(0.38, 92, 0.24, 26, "3. Patient's birth date (MM DD YY) / sex", [
    `${mmddyy(p.birthDate)}   ${p.sex === 'F' || p.sex === 'M' ? p.sex : ''}`,
  ]);
  b(0.62, 92, 0.38, 26, "4. Insured's name (last name, first name, middle initial)", [insuredName]);
  b(0, 118, 0.38, 36, "5. Patient's address (no., street, city, state, zip code)", addressLines(p.address));
  b(0.38, 118, 0.24, 36, '6. Patient relationship to insured', [RELATIONSHIP[sub.relationship] ?? 'OTHER']);
  b(
    0.62,
    118,
    0.38,
    36,
    "7. Insured's address (no., street, city, state, zip code)",
    self ? addressLines(p.address) : [],
  );
  b(0, 154, 0.38, 26, "9. Other insured's name (last name, first name, middle initial)", [other?.name ?? '']);
  b(0.38, 154, 0.24, 26, '8. Reserved for NUCC use', []);
  b(0.62, 154, 0.38, 26, "11. Insured's policy group or FECA number", [sub.groupNumber ?? '']);
  b(0, 180, 0.38, 26, "9a. Other insured's policy or group number", [
    other ? (other.groupNumber ?? other.memberId) : '',
  ]);
  b(
    0.38,
    180,
    0.24,
    52,
    "10. Is patient's condition related to: a. employment b. auto accident c. other accident",
    ['A. NO', 'B. NO', 'C. NO'],
  );
  b(
    0.62,
    180,
    0.38,
    26,
    "11a. Insured's date of birth / sex",
    self ? [`${mmddyy(p.birthDate)}   ${p.sex}`] : [],
  );
  b(0, 206, 0.38, 26, '9b./9c. Reserved for NUCC use', []);
  b(0.62, 206, 0.38, 26, '11b. Other claim ID (designated by NUCC)', []);
  b(0, 232, 0.38, 26, '9d. Insurance plan name or program name', [other?.planName ?? '']);
  b(0.38, 232, 0.24, 26, '10d. Claim codes (designated by NUCC)', []);
  b(0.62, 232, 0.38, 26, '11c. Insurance plan name or program name', [c.payer.name]);
  b(0.62, 258, 0.38, 26, '11d. Is there another health benefit plan?', [
    other ? 'YES (complete items 9, 9a, 9d)' : 'NO',
  ]);
  b(0, 258, 0.62, 26, "12. Patient's or authorized person's signature (release of information)", [
    'SIGNATURE ON FILE',
  ]);
  b(0, 284, 0.62, 26, "13. Insured's or authorized person's signature (payment of benefits)", [
    'SIGNATURE ON FILE',
  ]);
  b(0.62, 284, 0.38, 26, '16. Dates patient unable to work in current occupation', []);
  b(0, 310, 0.31, 26, '14. Date of current illness, injury or pregnancy (LMP)', []);
  b(0.31, 310, 0.31, 26, '15. Other date', []);
  b(0.62, 310, 0.38, 26, '18. Hospitalization dates related to current services', []);
  b(0, 336, 0.31, 26, '17. Name of referring provider or other source', []);
  b(0.31, 336, 0.31, 26, '17a./17b. Other ID / NPI', []);
  b(0.62, 336, 0.38, 26, '20. Outside lab? / $ charges', ['NO']);
  b(0, 362, 0.62, 22, '19. Additional claim information (designated by NUCC)', []);
  const dx = cl.diagnoses.slice(0, 12).map((d, i) => `${LETTERS[i]}. ${d.code}`);
  b(
    0,
    384,
    0.62,
    46,
    '21. Diagnosis or nature of illness or injury (relate A-L to service line below, 24E)   ICD Ind. 0',
    [dx.slice(0, 4).join('   '), dx.slice(4, 8).join('   '), dx.slice(8, 12).join('   ')],
  );
  const resubmission = cl.frequencyCode === '7' || cl.frequencyCode === '8';
  b(0.62, 362, 0.38, 34, '22. Resubmission code / original ref. no.', [
    resubmission ? `${cl.frequencyCode}   ${cl.originalReference ?? ''}` : '',
  ]);
  b(0.62, 396, 0.38, 34, '23. Prior authorization number', [cl.priorAuthNumber ?? '']);
}

const LINE_COLUMNS: [string, number][] = [
  ['24A. Date(s) of service from - to', 0.2],
  ['B. Place of service', 0.07],
  ['C. EMG', 0.05],
  ['D. Procedures (CPT/HCPCS, modifier)', 0.19],
  ['E. Diagnosis pointer', 0.09],
  ['F. $ Charges', 0.11],
  ['G. Days or units', 0.07],
  ['H. EPSDT', 0.05],
  ['I. ID qual.', 0.05],
  ['J. Rendering provider ID #', 0.12],
];

/** Box 24, service lines A–J (six rows). */
function lineBoxes(page: PDFPage, f: Fonts, c: Cms1500Input, lines: Claim837['lines']): void {
  const cl = c.claim;
  const npi = cl.rendering?.npi ?? c.billingProvider.npi;
  const top = 436;
  const rowH = 22;
  let x = 0;
  LINE_COLUMNS.forEach(([label, w], col) => {
    box(page, f, { x, y: top, w, h: 18 }, label, []);
    for (let r = 0; r < LINES_PER_FORM; r++) {
      const l = lines[r];
      const value = !l
        ? ''
        : [
            `${mmddyy(l.serviceDate)}  ${mmddyy(l.serviceDate)}`,
            cl.placeOfService,
            '',
            [l.code, ...l.modifiers.slice(0, 4)].join(' '),
            l.diagnosisPointers
              .slice(0, 4)
              .map((n) => LETTERS[n - 1] ?? '')
              .join(''),
            usd(l.charge),
            String(l.units),
            '',
            'NPI',
            npi,
          ][col];
      box(page, f, { x, y: top + 18 + r * rowH, w, h: rowH }, col === 0 ? String(r + 1) : '', [value ?? '']);
    }
    x += w;
  });
}

/** Boxes 25–33: tax id, account number, assignment, totals, signature, facility and billing provider. */
function footBoxes(page: PDFPage, f: Fonts, c: Cms1500Input, last: boolean): void {
  const cl = c.claim;
  const bp = c.billingProvider;
  const y = 436 + 18 + LINES_PER_FORM * 22;
  const b = (x: number, yy: number, w: number, h: number, label: string, values: string[]) =>
    box(page, f, { x, y: yy, w, h }, label, values);
  b(0, y, 0.2, 26, '25. Federal tax I.D. number (SSN / EIN)', [bp.taxId ? `${bp.taxId}  EIN` : '']);
  b(0.2, y, 0.18, 26, "26. Patient's account no.", [cl.patientControlNumber]);
  b(0.38, y, 0.14, 26, '27. Accept assignment?', ['YES']);
  b(0.52, y, 0.17, 26, '28. Total charge', [last ? usd(cl.charge) : 'CONTINUED']);
  b(0.69, y, 0.17, 26, '29. Amount paid', [last ? usd(c.amountPaid) : '']);
  b(0.86, y, 0.14, 26, '30. Rsvd for NUCC use', []);
  const r = cl.rendering ?? bp;
  b(0, y + 26, 0.26, 62, '31. Signature of physician or supplier including degrees or credentials', [
    r.name,
    'SIGNATURE ON FILE',
    `DATE ${mmddyy(c.date)}`,
  ]);
  // Box 32 is the place of service; our claims are rendered at the billing provider's location (the
  // 837P leaves 2310C out for the same reason), so it repeats that address with its NPI in 32a.
  b(0.26, y + 26, 0.37, 62, '32. Service facility location information  /  32a. NPI  32b.', [
    bp.name,
    ...addressLines(bp.address),
    `32A. ${bp.npi}`,
  ]);
  b(0.63, y + 26, 0.37, 62, '33. Billing provider info & ph #  /  33a. NPI  33b.', [
    `${bp.name}${bp.address?.phone ? `  PH ${bp.address.phone}` : ''}`,
    ...addressLines(bp.address),
    `33A. ${bp.npi}`,
  ]);
}

/**
 * A CMS-1500 (02/12) health insurance claim form for one professional claim, drawn box by box (no
 * scanned image): the payer's block, boxes 1–33 with their labels and numbers, six service lines a
 * page; more lines continue on further pages with the total on the last (NUCC instructions, item 24).
 * @example const pdf = await cms1500Pdf({ claim, payer, billingProvider, otherInsured: null, amountPaid: 0, date: '2026-03-02' })
 */
export async function cms1500Pdf(c: Cms1500Input): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`CMS-1500 ${c.claim.patientControlNumber}`);
  doc.setSubject('Health insurance claim form (NUCC 02/12)');
  doc.setCreator('Chartkeeper');
  const f: Fonts = {
    label: await doc.embedFont(StandardFonts.Helvetica),
    value: await doc.embedFont(StandardFonts.Courier),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const chunks: Claim837['lines'][] = [];
  for (let i = 0; i < Math.max(1, c.claim.lines.length); i += LINES_PER_FORM)
    chunks.push(c.claim.lines.slice(i, i + LINES_PER_FORM));
  chunks.forEach((lines, i) => {
    const page = doc.addPage([PAGE.w, PAGE.h]);
    page.drawText('HEALTH INSURANCE CLAIM FORM', {
      x: M,
      y: PAGE.h - 40,
      size: 13,
      font: f.bold,
      color: RED,
    });
    page.drawText('APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12', {
      x: M,
      y: PAGE.h - 52,
      size: 6.5,
      font: f.label,
      color: RED,
    });
    page.drawText(`PAGE ${i + 1} OF ${chunks.length}`, {
      x: M + W - 60,
      y: PAGE.h - 60,
      size: 6.5,
      font: f.label,
      color: RED,
    });
    page.drawText(formText(`${c.payer.name}  (PAYER ID ${c.payer.payerId})`), {
      x: M + 0.55 * W,
      y: PAGE.h - 36,
      size: 9,
      font: f.value,
    });
    headBoxes(page, f, c);
    lineBoxes(page, f, c, lines);
    footBoxes(page, f, c, i === chunks.length - 1);
  });
  return doc.save();
}
