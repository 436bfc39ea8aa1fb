import { PDFDocument } from 'pdf-lib';
import type { PacketItem } from '../packet.ts';
import { PAGE, PdfWriter, stampPages } from './pdf-writer.ts';

export interface PacketSection {
  item: PacketItem;
  /** The item's content as text (already chosen by the release rules). */
  body: string;
  /** A filed document's own file, embedded as its pages (PDF) or as an image. */
  attachment?: { mediaType: string; bytes: Buffer };
  /** Amendments and statements of disagreement that travel with the item (164.526(f)). */
  amendments: string[];
}

export interface PacketInput {
  requestNo: string;
  date: string;
  facility: string;
  recipientName: string;
  /** Where the letter goes: the confidential address when the patient asked for one (164.522(b)). */
  mailTo: string;
  patient: { name: string; mrn: string; birthDate: string };
  purpose: string;
  sections: PacketSection[];
  withheldCount: number;
  redactions: string[];
  part2Included: boolean;
}

/** 42 CFR 2.32: the notice that must accompany each disclosure of Part 2 records made with consent. */
export const PART2_NOTICE =
  '42 CFR part 2 prohibits unauthorized use or disclosure of these records. This information has been disclosed to you from records protected by federal confidentiality rules (42 CFR part 2). The federal rules prohibit you from making any further disclosure of information in this record that identifies a patient as having or having had a substance use disorder either directly, by reference to publicly available information, or through verification of such identification by another person unless further disclosure is expressly permitted by the written consent of the individual whose information is being disclosed or as otherwise permitted by 42 CFR part 2.';

function coverLetter(w: PdfWriter, p: PacketInput) {
  w.newPage();
  w.text(p.facility, { bold: true, size: 14, redact: false });
  w.text('Health Information Management: Release of Information', { redact: false });
  w.space();
  w.text(p.date, { redact: false });
  w.space();
  w.text(p.recipientName, { redact: false });
  w.text(p.mailTo, { redact: false });
  w.space();
  w.text(`Re: records of ${p.patient.name}, MRN ${p.patient.mrn}, born ${p.patient.birthDate}`, {
    bold: true,
    redact: false,
  });
  w.text(`Request ${p.requestNo}; purpose: ${p.purpose}`, { redact: false });
  w.space();
  w.text(
    `Enclosed are ${p.sections.length} record item${p.sections.length === 1 ? '' : 's'} released in answer to this request, listed in the table of contents that follows. Every page carries the request number and its page number.`,
    { redact: false },
  );
  if (p.withheldCount > 0)
    w.text(
      'Some information within the dates and types requested was not released because the law or the authorization on file does not permit its release.',
      { redact: false },
    );
  if (p.redactions.length > 0) w.text('Black bars mark text removed before release.', { redact: false });
  w.space();
  w.text(
    'This information is confidential. It is disclosed for the purpose stated above; the recipient may not redisclose it except as the law permits.',
    { redact: false },
  );
  if (p.part2Included) {
    w.space();
    w.text(PART2_NOTICE, { size: 8, redact: false });
  }
}

async function attach(doc: PDFDocument, w: PdfWriter, a: NonNullable<PacketSection['attachment']>) {
  try {
    if (a.mediaType === 'application/pdf') {
      const src = await PDFDocument.load(a.bytes, { ignoreEncryption: false });
      for (const pg of await doc.copyPages(src, src.getPageIndices())) doc.addPage(pg);
      return;
    }
    const img = a.mediaType === 'image/png' ? await doc.embedPng(a.bytes) : await doc.embedJpg(a.bytes);
    const page = w.newPage();
    const maxW = PAGE.width - 2 * PAGE.margin;
    const maxH = PAGE.height - 2 * PAGE.margin - PAGE.footer;
    const s = Math.min(1, maxW / img.width, maxH / img.height);
    page.drawImage(img, {
      x: PAGE.margin,
      y: PAGE.height - PAGE.margin - img.height * s,
      width: img.width * s,
      height: img.height * s,
    });
  } catch {
    w.newPage();
    w.text('The filed document could not be reproduced here; it is listed in the manifest by its hash.');
  }
}

/**
 * Renders the release packet: cover letter, table of contents, each released item (with its
 * amendments), then stamps every page with the confidentiality notice and "<request number> page n".
 * @returns the PDF bytes, its page count and each item's first page (for the manifest)
 */
export async function renderPacket(
  p: PacketInput,
  now: Date,
): Promise<{ bytes: Uint8Array; pageCount: number; firstPage: Map<string, number> }> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Release ${p.requestNo}`);
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  doc.setProducer('Chartkeeper');
  const w = await PdfWriter.create(doc, p.redactions);
  coverLetter(w, p);
  const start = new Map<string, number>();
  for (const s of p.sections) {
    w.newPage();
    start.set(s.item.id, doc.getPageCount() - 1);
    w.text(s.item.title, { bold: true, size: 12 });
    w.text(`${s.item.date} · ${s.item.recordType.replace(/-/g, ' ')}`, { size: 9, redact: false });
    w.space(0.5);
    if (s.body) w.text(s.body);
    for (const a of s.amendments) {
      w.space(0.5);
      w.text(a, { indent: 12 });
    }
    if (s.attachment) await attach(doc, w, s.attachment);
  }
  const perPage = Math.floor((PAGE.height - 2 * PAGE.margin - PAGE.footer) / 13) - 3;
  const tocPages = Math.max(1, Math.ceil(p.sections.length / perPage));
  const firstPage = new Map([...start].map(([id, idx]) => [id, idx + tocPages + 1]));
  for (let i = 0; i < tocPages; i++) {
    const page = doc.insertPage(1 + i, [PAGE.width, PAGE.height]);
    w.page = page;
    w.y = PAGE.height - PAGE.margin;
    w.text(i === 0 ? 'Table of contents' : 'Table of contents (continued)', {
      bold: true,
      size: 13,
      redact: false,
    });
    w.space(0.5);
    for (const s of p.sections.slice(i * perPage, (i + 1) * perPage))
      w.text(`${s.item.date}  ${s.item.title.slice(0, 70)} ..... page ${firstPage.get(s.item.id)}`);
  }
  stampPages(doc, w.font, p.requestNo);
  const bytes = await doc.save({ useObjectStreams: true });
  return { bytes, pageCount: doc.getPageCount(), firstPage };
}
