import { type PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';

export const PAGE = { width: 612, height: 792, margin: 54, footer: 40 } as const;
const LINE = 13;

/**
 * The confidentiality notice printed on every page (45 CFR 164.530(c) safeguards; the recipient is told
 * the pages carry protected health information).
 */
export const CONFIDENTIALITY_NOTICE =
  'CONFIDENTIAL: protected health information. Redisclosure is prohibited unless the law permits it. If received in error, notify the sender and destroy it.';

/** Standard fonts speak WinAnsi only: anything else becomes "?" rather than failing the whole packet. */
export function pdfSafe(text: string): string {
  return text
    .replace(/\t/g, '    ')
    .replace(/[^\x20-\x7E\xA0-\xFF\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026]/g, '?');
}

interface Token {
  text: string;
  redacted: boolean;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Splits a paragraph into words, keeping each redacted phrase whole so it is boxed on one line. */
export function tokenize(text: string, redactions: readonly string[]): Token[] {
  const terms = redactions.map((r) => r.trim()).filter((r) => r.length > 0);
  const parts = terms.length ? text.split(new RegExp(`(${terms.map(escapeRe).join('|')})`, 'gi')) : [text];
  const out: Token[] = [];
  parts.forEach((p, i) => {
    if (i % 2 === 1) out.push({ text: p, redacted: true });
    else for (const w of p.split(/ +/)) if (w) out.push({ text: w, redacted: false });
  });
  return out;
}

/** Writes flowing text onto pages, opening new ones as needed. Redacted words are never written. */
export class PdfWriter {
  page!: PDFPage;
  y = 0;
  private constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
    readonly redactions: readonly string[],
  ) {}

  static async create(doc: PDFDocument, redactions: readonly string[] = []): Promise<PdfWriter> {
    const [font, bold] = await Promise.all([
      doc.embedFont(StandardFonts.Helvetica),
      doc.embedFont(StandardFonts.HelveticaBold),
    ]);
    return new PdfWriter(doc, font, bold, redactions);
  }

  newPage(): PDFPage {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
    return this.page;
  }

  private ensure(height: number) {
    if (this.y - height < PAGE.margin + PAGE.footer) this.newPage();
  }

  space(lines = 1) {
    this.y -= LINE * lines;
  }

  /** A paragraph, wrapped to the page width; `\n` starts a new line. */
  text(raw: string, opts: { bold?: boolean; size?: number; indent?: number; redact?: boolean } = {}) {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.font;
    const left = PAGE.margin + (opts.indent ?? 0);
    const width = PAGE.width - PAGE.margin - left;
    const lineHeight = Math.max(LINE, size * 1.3);
    for (const para of pdfSafe(raw).split(/\r?\n/)) {
      const tokens = tokenize(para, opts.redact === false ? [] : this.redactions);
      let line: Token[] = [];
      let used = 0;
      const flush = () => {
        this.ensure(lineHeight);
        // One text run per stretch between redactions: far fewer operators than a word at a time.
        let x = left;
        const space = font.widthOfTextAtSize(' ', size);
        let run: string[] = [];
        const drawRun = () => {
          if (!run.length) return;
          const s = run.join(' ');
          this.page.drawText(s, { x, y: this.y, size, font });
          x += font.widthOfTextAtSize(s, size) + space;
          run = [];
        };
        for (const t of line) {
          if (!t.redacted) {
            run.push(t.text);
            continue;
          }
          drawRun();
          const w = font.widthOfTextAtSize(t.text, size);
          this.page.drawRectangle({ x, y: this.y - 2, width: w, height: size + 1, color: rgb(0, 0, 0) });
          x += w + space;
        }
        drawRun();
        this.y -= lineHeight;
        line = [];
        used = 0;
      };
      for (const tok of splitLong(tokens, font, size, width)) {
        const w =
          font.widthOfTextAtSize(tok.text, size) + (line.length ? font.widthOfTextAtSize(' ', size) : 0);
        if (used + w > width && line.length) flush();
        line.push(tok);
        used += w;
      }
      flush();
    }
  }
}

/** Breaks words wider than the line into pieces (long identifiers, URLs). */
function splitLong(tokens: Token[], font: PDFFont, size: number, width: number): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    if (font.widthOfTextAtSize(t.text, size) <= width) {
      out.push(t);
      continue;
    }
    let rest = t.text;
    while (rest.length) {
      let n = rest.length;
      while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > width) n = Math.floor(n * 0.8);
      out.push({ text: rest.slice(0, n), redacted: t.redacted });
      rest = rest.slice(n);
    }
  }
  return out;
}

/**
 * Stamps every page with the confidentiality notice and a Bates-style number, "<request number> page n",
 * so each page can be traced to the release it belongs to.
 */
export function stampPages(doc: PDFDocument, font: PDFFont, requestNo: string): void {
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const { width } = page.getSize();
    const label = `${requestNo} page ${i + 1}`;
    page.drawRectangle({ x: 0, y: 0, width, height: 34, color: rgb(1, 1, 1) });
    page.drawText(pdfSafe(CONFIDENTIALITY_NOTICE), { x: 36, y: 14, size: 6.5, font, maxWidth: width - 200 });
    page.drawText(label, {
      x: width - 36 - font.widthOfTextAtSize(label, 9),
      y: 14,
      size: 9,
      font,
    });
  });
}
