import { PDFDocument } from 'pdf-lib';
import type { FeeLine } from '../fees.ts';
import { PdfWriter, stampPages } from './pdf-writer.ts';

const money = (n: number) => `$${n.toFixed(2)}`;

async function start(title: string, now: Date) {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  doc.setProducer('Chartkeeper');
  const w = await PdfWriter.create(doc);
  w.newPage();
  return { doc, w };
}

/** The invoice for copies, from the fee schedule (patient copies limited by 164.524(c)(4)). */
export async function renderInvoice(
  p: {
    requestNo: string;
    date: string;
    facility: string;
    billTo: string;
    mailTo: string;
    lines: FeeLine[];
    total: number;
    pages: number;
  },
  now: Date,
): Promise<Uint8Array> {
  const { doc, w } = await start(`Invoice ${p.requestNo}`, now);
  w.text(p.facility, { bold: true, size: 14 });
  w.text(`Invoice for copies of health records: request ${p.requestNo}`, { bold: true });
  w.text(p.date);
  w.space();
  w.text(p.billTo);
  w.text(p.mailTo);
  w.space();
  w.text(`Pages released: ${p.pages}`);
  for (const l of p.lines) w.text(`${l.item}: ${money(l.amount)}`, { indent: 12 });
  w.space(0.5);
  w.text(`Total due: ${money(p.total)}`, { bold: true });
  w.space();
  w.text(
    'Copies of your own records are charged only a reasonable, cost-based fee for labour, supplies and postage (45 CFR 164.524(c)(4)); there is no charge for searching for or retrieving them.',
    { size: 8 },
  );
  stampPages(doc, w.font, p.requestNo);
  return doc.save();
}

export interface AccountingLine {
  date: string;
  recipient: string;
  recipientAddress: string | null;
  description: string;
  purpose: string;
}

/**
 * The accounting of disclosures for the patient (45 CFR 164.528(b)(2)): for each disclosure the date,
 * the recipient and address if known, a brief description of what was disclosed and the purpose.
 */
export async function renderAccountingLetter(
  p: {
    reference: string;
    date: string;
    facility: string;
    patientName: string;
    mailTo: string;
    from: string;
    to: string;
    lines: AccountingLine[];
  },
  now: Date,
): Promise<Uint8Array> {
  const { doc, w } = await start('Accounting of disclosures', now);
  w.text(p.facility, { bold: true, size: 14 });
  w.text(p.date);
  w.space();
  w.text(p.patientName);
  w.text(p.mailTo);
  w.space();
  w.text('Accounting of disclosures of your health information', { bold: true });
  w.text(
    `You asked for a list of the disclosures of your health information that we made from ${p.from} to ${p.to}. The law (45 CFR 164.528) does not require us to list disclosures to you, for treatment, payment or health care operations, or those you authorized in writing.`,
  );
  w.space();
  if (p.lines.length === 0) w.text('There were no disclosures to list in this period.');
  for (const l of p.lines) {
    w.text(`${l.date}: ${l.recipient}`, { bold: true });
    if (l.recipientAddress) w.text(l.recipientAddress, { indent: 12 });
    w.text(`What was disclosed: ${l.description}`, { indent: 12 });
    w.text(`Purpose: ${l.purpose}`, { indent: 12 });
    w.space(0.5);
  }
  stampPages(doc, w.font, p.reference);
  return doc.save();
}
