import type { ReactElement } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, XAxis, YAxis } from 'recharts';
import type { SurvivalGroup } from './analytics.api.ts';
import { GROUP_COLOURS } from './labels.ts';

/** Fixed geometry, so that the numbers-at-risk rows under the axis line up with its ticks. */
const WIDTH = 900;
const HEIGHT = 380;
const MARGIN = { top: 10, right: 30, bottom: 10, left: 10 };
const Y_AXIS = 100;
const PLOT_LEFT = MARGIN.left + Y_AXIS;
const PLOT_WIDTH = WIDTH - PLOT_LEFT - MARGIN.right;

/** Evenly spaced, round ticks from 0 past the longest follow-up (months: multiples of 6 or 12). */
export function timeTicks(maxTime: number, unit: 'days' | 'months'): number[] {
  const steps = unit === 'months' ? [1, 3, 6, 12, 24, 36, 60, 120] : [30, 90, 180, 365, 730, 1825];
  const step = steps.find((s) => maxTime / s <= 8) ?? (steps.at(-1) as number);
  const n = Math.max(1, Math.ceil(maxTime / step));
  return Array.from({ length: n + 1 }, (_, i) => i * step);
}

/** Number at risk at time t: those whose time is t or later (the first listed point at or after t). */
export function atRiskAt(g: SurvivalGroup, t: number): number {
  return g.points.find((p) => p.time >= t)?.atRisk ?? 0;
}

interface Row {
  time: number;
  [key: string]: number | [number, number] | boolean | null;
}

/**
 * One row per distinct time over all groups; each group's survival and limits carried forward from its
 * last point at or before that time (the step function), ending at its last time. Drawn from the API's
 * points as they are: nothing is recomputed here.
 */
export function curveRows(groups: SurvivalGroup[]): Row[] {
  const times = [...new Set([0, ...groups.flatMap((g) => g.points.map((p) => p.time))])].sort(
    (a, b) => a - b,
  );
  const idx = groups.map(() => -1);
  return times.map((time) => {
    const row: Row = { time };
    groups.forEach((g, i) => {
      const pts = g.points;
      while (
        (idx[i] as number) + 1 < pts.length &&
        (pts[(idx[i] as number) + 1] as (typeof pts)[0]).time <= time
      )
        idx[i] = (idx[i] as number) + 1;
      const last = pts.at(-1);
      if (!last || time > last.time) {
        row[`s${i}`] = null;
        row[`b${i}`] = null;
        return;
      }
      const p = (idx[i] as number) >= 0 ? pts[idx[i] as number] : undefined;
      const s = p ? p.survival : 1;
      row[`s${i}`] = s;
      row[`b${i}`] = p ? [p.lower ?? s, p.upper ?? s] : [1, 1];
      row[`c${i}`] = p !== undefined && p.time === time && p.censored > 0;
    });
    return row;
  });
}

function CensorMark(
  props: { cx?: number; cy?: number; payload?: Row; index?: number },
  key: string,
  colour: string,
) {
  const { cx, cy, payload } = props;
  if (cx === undefined || cy === undefined || !payload?.[key]) return <g key={`${key}-${props.index}`} />;
  return (
    <path
      key={`${key}-${props.index}`}
      d={`M${cx - 4},${cy}H${cx + 4}M${cx},${cy - 4}V${cy + 4}`}
      stroke={colour}
      strokeWidth={1.5}
    />
  );
}

/** Kaplan–Meier curves as step lines with confidence bands, censor marks (+) and numbers at risk. */
export function SurvivalChart({
  groups,
  labels,
  unit,
  confLevel,
}: {
  groups: SurvivalGroup[];
  labels: string[];
  unit: 'days' | 'months';
  confLevel: number;
}): ReactElement {
  const shown = groups.map((g, i) => ({ g, i, label: labels[i] as string })).filter((x) => !x.g.suppressed);
  const data = curveRows(shown.map((x) => x.g));
  const maxTime = Math.max(1, ...shown.flatMap((x) => x.g.points.map((p) => p.time)));
  const ticks = timeTicks(maxTime, unit);
  const domainMax = ticks.at(-1) as number;
  const x = (t: number) => PLOT_LEFT + (t / domainMax) * PLOT_WIDTH;
  const rowH = 20;
  return (
    <figure style={{ margin: 0 }} aria-label="Survival curves">
      <ComposedChart width={WIDTH} height={HEIGHT} data={data} margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="time"
          type="number"
          domain={[0, domainMax]}
          ticks={ticks}
          label={{ value: `Time since diagnosis (${unit})`, position: 'insideBottom', offset: -5 }}
          height={40}
        />
        <YAxis
          domain={[0, 1]}
          ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
          width={Y_AXIS}
          label={{ value: 'Survival probability', angle: -90, position: 'insideLeft', offset: 20 }}
        />
        <Legend verticalAlign="top" height={28} />
        {shown.map(({ g, i, label }, k) => (
          <Area
            key={`band-${g.group}`}
            dataKey={`b${k}`}
            type="stepAfter"
            stroke="none"
            fill={GROUP_COLOURS[i % GROUP_COLOURS.length]}
            fillOpacity={0.15}
            isAnimationActive={false}
            legendType="none"
            name={`${label} ${Math.round(confLevel * 100)}% CI`}
            activeDot={false}
          />
        ))}
        {shown.map(({ g, i, label }, k) => {
          const colour = GROUP_COLOURS[i % GROUP_COLOURS.length] as string;
          return (
            <Line
              key={`curve-${g.group}`}
              dataKey={`s${k}`}
              type="stepAfter"
              stroke={colour}
              strokeWidth={2}
              dot={(p) => CensorMark(p, `c${k}`, colour)}
              activeDot={false}
              isAnimationActive={false}
              name={label}
            />
          );
        })}
      </ComposedChart>
      <svg
        width={WIDTH}
        height={(shown.length + 1) * rowH + 6}
        role="img"
        aria-label="Number at risk"
        style={{ display: 'block' }}
      >
        <text x={4} y={14} fontSize={12} fontWeight={600} fill="currentColor">
          Number at risk
        </text>
        {shown.map(({ g, i, label }, k) => (
          <g key={g.group} transform={`translate(0, ${(k + 1) * rowH + 14})`}>
            <text x={4} y={0} fontSize={12} fill={GROUP_COLOURS[i % GROUP_COLOURS.length]}>
              {label.slice(0, 14)}
            </text>
            {ticks.map((t) => (
              <text key={t} x={x(t)} y={0} fontSize={12} textAnchor="middle" fill="currentColor">
                {atRiskAt(g, t)}
              </text>
            ))}
          </g>
        ))}
      </svg>
    </figure>
  );
}
