import { PDFDocument, StandardFonts } from 'pdf-lib';

/** What an appeal letter says: the claim, the denial and why the payer should reconsider. */
export interface AppealLetterInput {
  date: string;
  level: number;
  provider: { name: string; npi: string; address: Record<string, string> | null } | null;
  payerName: string;
  patientName: string;
  patientControlNumber: string;
  payerClaimNumber: string | null;
  memberId: string | null;
  serviceFrom: string;
  serviceTo: string;
  charge: number;
  denied: { reasonText: string; remarks: string[]; amount: number; deniedOn: string; line: string | null };
  reason: string;
  records: string[];
  signedBy: string;
}

const usd = (n: number) => `$${n.toFixed(2)}`;

/**
 * The letter as plain text (kept on the appeal row, so what was sent is on record even if the template
 * changes). The records it lists are released through the release-of-information domain, not attached here.
 */
export function appealLetterText(a: AppealLetterInput): string {
  const addr = a.provider?.address;
  const head = a.provider
    ? [
        a.provider.name,
        ...(addr
          ? [addr.line1 ?? '', [addr.city, addr.state, addr.postalCode].filter(Boolean).join(' ')]
          : []),
        `NPI ${a.provider.npi}`,
      ].filter(Boolean)
    : [];
  const level = a.level === 1 ? 'first-level appeal' : `level ${a.level} appeal`;
  return [
    ...head,
    '',
    a.date,
    '',
    `${a.payerName}`,
    'Appeals department',
    '',
    `Re: ${level} of a denied claim`,
    `Patient: ${a.patientName}${a.memberId ? `, member ID ${a.memberId}` : ''}`,
    `Claim: patient control number ${a.patientControlNumber}${a.payerClaimNumber ? `, payer claim number ${a.payerClaimNumber}` : ''}`,
    `Dates of service: ${a.serviceFrom}${a.serviceTo !== a.serviceFrom ? ` to ${a.serviceTo}` : ''}; billed ${usd(a.charge)}`,
    `Denied on ${a.denied.deniedOn}${a.denied.line ? ` (line ${a.denied.line})` : ''}: ${a.denied.reasonText}; ${usd(a.denied.amount)}`,
    ...(a.denied.remarks.length ? [`Remarks: ${a.denied.remarks.join('; ')}`] : []),
    '',
    'We ask you to reconsider this claim for the following reasons:',
    '',
    a.reason,
    '',
    ...(a.records.length ? ['Enclosed records:', ...a.records.map((r) => `- ${r}`), ''] : []),
    'Please reprocess the claim and send a corrected remittance. Contact our billing office with any questions.',
    '',
    'Sincerely,',
    a.signedBy,
    a.provider?.name ?? '',
  ].join('\n');
}

/** Standard PDF fonts speak WinAnsi only: anything else becomes "?" rather than failing the letter. */
const safe = (s: string) =>
  s.replace(/\t/g, '    ').replace(/[^\x20-\x7E\xA0-\xFF\u2013\u2014\u2018\u2019\u201C\u201D\u2022]/g, '?');

/** The letter text on US Letter pages (Helvetica 11, wrapped at the margins). */
export async function appealLetterPdf(text: string, title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setCreator('Chartkeeper');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const size = 11;
  const margin = 64;
  const width = 612 - 2 * margin;
  let page = doc.addPage([612, 792]);
  let y = 792 - margin;
  const line = (s: string) => {
    if (y < margin) {
      page = doc.addPage([612, 792]);
      y = 792 - margin;
    }
    page.drawText(s, { x: margin, y, size, font });
    y -= size * 1.4;
  };
  for (const para of safe(text).split('\n')) {
    let current = '';
    for (const word of para.split(' ')) {
      const next = current ? `${current} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width && current) {
        line(current);
        current = word;
      } else current = next;
    }
    line(current);
  }
  return doc.save();
}
