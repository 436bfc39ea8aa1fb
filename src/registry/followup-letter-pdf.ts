import { PDFDocument, type PDFFont, type PDFPage, StandardFonts } from 'pdf-lib';

/** What one follow-up letter says (mail merge: one letter a page, the batch one PDF). */
export interface LetterContent {
  letterId: string;
  recipient: 'patient' | 'physician';
  /** The addressee's name and postal address lines (empty lines are left out). */
  addressLines: string[];
  patientName: string;
  patientIdNumber: string;
  dateOfBirth: string | null;
  /** The tumours followed: site and diagnosis date, for the physician letter. */
  tumours: { primarySite: string | null; dateOfDiagnosis: string }[];
  dateOfLastContact: string | null;
  /** #2470 Physician--Follow-Up, when the abstract names one. */
  physician: string | null;
  letterDate: string;
}

/** Standard PDF fonts speak WinAnsi only: anything else becomes "?" rather than failing the batch. */
const safe = (s: string) =>
  s.replace(/\t/g, ' ').replace(/[^\x20-\x7E\xA0-\xFF\u2013\u2014\u2018\u2019]/g, '?');

/** The letter's body text, by recipient (the reply form asks for the NAACCR follow-up items). */
export function letterText(l: LetterContent): string[] {
  const reply = [
    '',
    'Please return this page in the envelope provided, or call the cancer registry office.',
    '',
    'Date of last contact: ____________________    Patient is:  [ ] alive   [ ] deceased (date: __________)',
    'Cancer status:  [ ] no evidence of disease   [ ] evidence of disease   [ ] unknown',
    'Cause of death (if deceased): ______________________________________________',
    'Completed by: ____________________________   Telephone: ____________________',
  ];
  if (l.recipient === 'patient')
    return [
      `Dear ${l.patientName},`,
      '',
      'Our hospital cancer registry keeps in touch once a year with every person treated for cancer here, so',
      'that we can learn how our patients are doing and improve care for others. Your answers are kept',
      'confidential and are used only for this purpose.',
      '',
      'Could you please tell us how you are, and the name of the doctor you see now for follow-up care?',
      ...reply,
      '',
      'Thank you for your help.',
      '',
      'Cancer Registry',
    ];
  const tumours = l.tumours.map(
    (t) => `  - ${t.primarySite ?? 'site unknown'}, diagnosed ${t.dateOfDiagnosis}`,
  );
  return [
    `Dear ${l.physician ? `Doctor (${l.physician})` : 'Doctor'},`,
    '',
    `We are updating the annual follow-up of your patient ${l.patientName} (date of birth ${l.dateOfBirth ?? 'unknown'},`,
    `registry number ${l.patientIdNumber}) for the hospital cancer registry, as the Commission on Cancer asks of`,
    'accredited programs. Our last contact was on '.concat(
      l.dateOfLastContact ?? 'no date on record',
      '. The tumours followed:',
    ),
    ...tumours,
    ...reply,
    '',
    'Disclosure to a cancer registry for public-health reporting is permitted under 45 CFR 164.512(b).',
    '',
    'Cancer Registry',
  ];
}

function drawLines(page: PDFPage, font: PDFFont, bold: PDFFont, l: LetterContent) {
  const size = 10;
  let y = 792 - 64;
  const draw = (s: string, f = font) => {
    page.drawText(safe(s), { x: 64, y, size, font: f });
    y -= size * 1.45;
  };
  draw('Cancer Registry - Annual Follow-Up', bold);
  draw(l.letterDate);
  y -= 10;
  for (const a of l.addressLines) draw(a);
  y -= 14;
  draw(`Re: ${l.patientName}, registry number ${l.patientIdNumber}`, bold);
  y -= 6;
  for (const s of letterText(l)) draw(s);
  page.drawText(safe(`Letter ${l.letterId} - CONFIDENTIAL: contains protected health information.`), {
    x: 64,
    y: 40,
    size: 7,
    font,
  });
}

/** A mail-merge batch as one PDF: one US Letter page a letter, in batch order. */
export async function followupLettersPdf(letters: LetterContent[], title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setCreator('Chartkeeper');
  const [font, bold] = await Promise.all([
    doc.embedFont(StandardFonts.Helvetica),
    doc.embedFont(StandardFonts.HelveticaBold),
  ]);
  for (const l of letters) drawLines(doc.addPage([612, 792]), font, bold, l);
  return doc.save();
}
