import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { followupLettersPdf, type LetterContent, letterText } from './followup-letter-pdf.ts';

const letter = (over: Partial<LetterContent> = {}): LetterContent => ({
  letterId: 'L1',
  recipient: 'patient',
  addressLines: ['Zoë Ştefan', '1 Synthetic Way', 'Springfield IL 62701'],
  patientName: 'Zoë Ştefan',
  patientIdNumber: '00000007',
  dateOfBirth: '1958-05-06',
  tumours: [{ primarySite: 'C504', dateOfDiagnosis: '2024-01-15' }],
  dateOfLastContact: null,
  physician: null,
  letterDate: '2026-03-02',
  ...over,
});

describe('follow-up letters', () => {
  it('asks the patient for the follow-up items and the physician about the tumours', () => {
    expect(letterText(letter()).join('\n')).toMatch(/Dear Zoë Ştefan,[\s\S]*Cancer status/);
    const doctor = letterText(letter({ recipient: 'physician', physician: '1234567' })).join('\n');
    expect(doctor).toMatch(/Dear Doctor \(1234567\)/);
    expect(doctor).toMatch(/C504, diagnosed 2024-01-15/);
    expect(doctor).toMatch(/45 CFR 164\.512\(b\)/);
  });

  it('prints a batch a page a letter, even with characters the standard fonts lack', async () => {
    const pdf = await followupLettersPdf(
      [letter(), letter({ letterId: 'L2', recipient: 'physician' })],
      'batch',
    );
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(2);
    expect(doc.getTitle()).toBe('batch');
  });
});
