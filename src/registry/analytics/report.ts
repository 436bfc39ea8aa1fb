import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { z } from 'zod';
import type { survivalResponse } from './analytics.schemas.ts';

type Survival = z.infer<typeof survivalResponse>;

/** Landscape letter. */
const W = 792;
const H = 612;
const M = 40;
const COLOURS = [
  rgb(0.1, 0.44, 0.76),
  rgb(0.79, 0.16, 0.16),
  rgb(0.04, 0.55, 0.5),
  rgb(0.55, 0.2, 0.62),
  rgb(0.9, 0.47, 0.05),
  rgb(0.25, 0.3, 0.7),
];

/** Standard fonts speak WinAnsi only: anything else is written as "?". */
const safe = (s: string) => s.replace(/[^\x20-\x7E\xA0-\xFF\u2013\u2014\u2018\u2019\u2022]/g, '?');
const f = (v: number | null, d = 1) => (v === null ? '—' : v.toFixed(d));

/** Splits text into lines no wider than `width` at the given size. */
function wrap(font: PDFFont, s: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const w of safe(s).split(' ')) {
    const next = cur ? `${cur} ${w}` : w;
    if (cur && font.widthOfTextAtSize(next, size) > width) {
      lines.push(cur);
      cur = w;
    } else cur = next;
  }
  if (cur) lines.push(cur);
  return lines;
}

export interface ReportMeta {
  title: string;
  cohortText: string;
  groupLabels: string[];
  generatedAt: Date;
}

/** Round, evenly spaced ticks from 0 past the longest follow-up (as the screen's chart). */
export function timeTicks(maxTime: number, unit: 'days' | 'months'): number[] {
  const steps = unit === 'months' ? [1, 3, 6, 12, 24, 36, 60, 120] : [30, 90, 180, 365, 730, 1825];
  const step = steps.find((s) => maxTime / s <= 8) ?? (steps.at(-1) as number);
  const n = Math.max(1, Math.ceil(maxTime / step));
  return Array.from({ length: n + 1 }, (_, i) => i * step);
}

function text(
  page: PDFPage,
  font: PDFFont,
  s: string,
  x: number,
  y: number,
  size = 9,
  opts: { right?: boolean; centre?: boolean } = {},
) {
  const t = safe(s);
  const w = font.widthOfTextAtSize(t, size);
  page.drawText(t, {
    x: opts.right ? x - w : opts.centre ? x - w / 2 : x,
    y,
    size,
    font,
    color: rgb(0.1, 0.1, 0.1),
  });
}

/**
 * The survival result as a one-page PDF: the Kaplan–Meier curves (steps, confidence bands, censor marks)
 * drawn from the API's own points, numbers at risk under the axis, medians, the log-rank test, and the
 * suppression and exclusion notes. Suppressed groups are listed as suppressed and never drawn.
 */
export async function survivalReportPdf(r: Survival, meta: ReportMeta): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(meta.title);
  doc.setCreator('Chartkeeper');
  doc.setCreationDate(meta.generatedAt);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([W, H]);
  let y = H - M;
  text(page, bold, meta.title, M, y, 15);
  y -= 16;
  text(page, font, `Generated ${meta.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`, M, y, 8);
  y -= 12;
  for (const l of wrap(font, `Cohort: ${meta.cohortText}`, 9, W - 2 * M)) {
    text(page, font, l, M, y, 9);
    y -= 12;
  }
  const c = r.cohort;
  text(
    page,
    font,
    `Tumours ${c.tumours ?? 'suppressed'} · analysed ${c.analysed ?? 'suppressed'} · excluded ${c.excluded ?? '—'} · ` +
      `${r.confType} ${Math.round(r.confLevel * 100)}% pointwise intervals · time in ${r.timeUnit}`,
    M,
    y,
    9,
  );

  // Chart area (PDF coordinates: y up).
  const plot = { x: M + 75, y: 200, w: 360, h: 300 };
  const shown = r.groups.map((g, i) => ({ g, i })).filter((x) => !x.g.suppressed);
  const maxTime = Math.max(1, ...shown.flatMap((x) => x.g.points.map((p) => p.time)));
  const ticks = timeTicks(maxTime, r.timeUnit);
  const tMax = ticks.at(-1) as number;
  const px = (t: number) => (t / tMax) * plot.w;
  const py = (s: number) => (1 - s) * plot.h;
  const grey = rgb(0.6, 0.6, 0.6);
  page.drawRectangle({
    x: plot.x,
    y: plot.y,
    width: plot.w,
    height: plot.h,
    borderColor: grey,
    borderWidth: 0.6,
  });
  for (const s of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
    const yy = plot.y + s * plot.h;
    page.drawLine({
      start: { x: plot.x, y: yy },
      end: { x: plot.x + plot.w, y: yy },
      thickness: 0.2,
      color: grey,
    });
    text(page, font, s.toFixed(1), plot.x - 4, yy - 3, 8, { right: true });
  }
  for (const t of ticks) {
    const xx = plot.x + px(t);
    page.drawLine({
      start: { x: xx, y: plot.y },
      end: { x: xx, y: plot.y - 3 },
      thickness: 0.6,
      color: grey,
    });
    text(page, font, String(t), xx, plot.y - 12, 8, { centre: true });
  }
  text(page, font, `Time since diagnosis (${r.timeUnit})`, plot.x + plot.w / 2, plot.y - 24, 9, {
    centre: true,
  });
  page.drawText('Survival probability', {
    x: plot.x - 28,
    y: plot.y + plot.h / 2 - 40,
    size: 9,
    font,
    rotate: { type: 'degrees', angle: 90 } as never,
  });
  for (const { g, i } of shown) {
    const colour = COLOURS[i % COLOURS.length] as ReturnType<typeof rgb>;
    // Band: the upper limits as steps forward, the lower limits back.
    const steps: { t: number; lo: number; hi: number; s: number }[] = [{ t: 0, lo: 1, hi: 1, s: 1 }];
    for (const p of g.points)
      steps.push({ t: p.time, lo: p.lower ?? p.survival, hi: p.upper ?? p.survival, s: p.survival });
    const end = (g.points.at(-1)?.time ?? 0) as number;
    let up = '';
    let down = '';
    let line = '';
    steps.forEach((st, k) => {
      const next = k + 1 < steps.length ? (steps[k + 1] as (typeof steps)[0]).t : end;
      const a = px(st.t).toFixed(2);
      const b = px(next).toFixed(2);
      up += `${k === 0 ? 'M' : 'L'}${a},${py(st.hi).toFixed(2)} L${b},${py(st.hi).toFixed(2)} `;
      down = `L${b},${py(st.lo).toFixed(2)} L${a},${py(st.lo).toFixed(2)} ${down}`;
      line += `${k === 0 ? 'M' : 'L'}${a},${py(st.s).toFixed(2)} L${b},${py(st.s).toFixed(2)} `;
    });
    page.drawSvgPath(`${up}${down}Z`, { x: plot.x, y: plot.y + plot.h, color: colour, opacity: 0.15 });
    page.drawSvgPath(line, { x: plot.x, y: plot.y + plot.h, borderColor: colour, borderWidth: 1.2 });
    for (const p of g.points)
      if (p.censored > 0) {
        const cx = px(p.time);
        const cy = py(p.survival);
        page.drawSvgPath(`M${cx - 2.5},${cy} L${cx + 2.5},${cy} M${cx},${cy - 2.5} L${cx},${cy + 2.5}`, {
          x: plot.x,
          y: plot.y + plot.h,
          borderColor: colour,
          borderWidth: 0.8,
        });
      }
  }
  // Numbers at risk under the axis.
  let ry = plot.y - 44;
  text(page, bold, 'Number at risk', M, ry, 8);
  for (const { g, i } of shown) {
    ry -= 11;
    text(page, font, (meta.groupLabels[i] ?? g.group).slice(0, 16), M, ry, 8);
    for (const t of ticks)
      text(page, font, String(g.points.find((p) => p.time >= t)?.atRisk ?? 0), plot.x + px(t), ry, 8, {
        centre: true,
      });
  }

  // Right column: legend with medians, log-rank, notes.
  const x0 = plot.x + plot.w + 25;
  let ty = plot.y + plot.h;
  text(page, bold, `Median survival (${r.timeUnit})`, x0, ty, 10);
  ty -= 14;
  text(page, bold, 'Group', x0, ty, 8);
  text(page, bold, 'n', x0 + 110, ty, 8, { right: true });
  text(page, bold, 'Deaths', x0 + 140, ty, 8, { right: true });
  text(page, bold, 'Median', x0 + 180, ty, 8, { right: true });
  text(page, bold, `${Math.round(r.confLevel * 100)}% CI`, x0 + 245, ty, 8, { right: true });
  r.groups.forEach((g, i) => {
    ty -= 12;
    const colour = COLOURS[i % COLOURS.length] as ReturnType<typeof rgb>;
    if (!g.suppressed) page.drawRectangle({ x: x0, y: ty, width: 7, height: 7, color: colour });
    text(page, font, (meta.groupLabels[i] ?? g.group).slice(0, 20), x0 + 10, ty, 8);
    if (g.suppressed) {
      text(page, font, 'suppressed', x0 + 245, ty, 8, { right: true });
      return;
    }
    text(page, font, String(g.n), x0 + 110, ty, 8, { right: true });
    text(page, font, String(g.events), x0 + 140, ty, 8, { right: true });
    text(page, font, g.median === null ? 'not reached' : f(g.median), x0 + 180, ty, 8, { right: true });
    text(page, font, `${f(g.medianLower)} – ${f(g.medianUpper)}`, x0 + 245, ty, 8, { right: true });
  });
  ty -= 22;
  const lr = r.logRank;
  text(
    page,
    font,
    lr
      ? `Log-rank test: chi-square ${lr.chiSquare.toFixed(3)} on ${lr.df} df, p ${lr.p < 0.0001 ? '< 0.0001' : `= ${lr.p.toFixed(4)}`}`
      : 'Log-rank test: one group only.',
    x0,
    ty,
    8,
  );
  const hidden = r.groups.filter((g) => g.suppressed).length;
  const notes = [
    hidden > 0
      ? `${hidden} group(s) suppressed: counts of 1–15 cases, and curves built on them, are not shown; further groups are hidden where a total would give a small one back.`
      : 'No cells suppressed (groups of 1–15 cases would be hidden).',
    `${r.excludedCases.length} case(s) excluded from timing (reasons listed on screen and in the API).`,
    'Curves: Kaplan–Meier with Greenwood variance, as R survival::survfit.',
  ].filter(Boolean);
  ty -= 8;
  for (const n of notes)
    for (const l of wrap(font, n, 7, W - M - x0)) {
      ty -= 10;
      text(page, font, l, x0, ty, 7);
    }
  return doc.save();
}
