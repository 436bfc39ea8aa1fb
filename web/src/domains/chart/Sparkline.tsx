import type { ReactElement } from 'react';

/**
 * A small trend line of one test's numeric values over time, with the reference band shaded and
 * out-of-range points in red. Plain SVG: a handful of points needs no chart library.
 */
export function Sparkline(props: {
  points: { id: string; at: number; value: number; abnormal: boolean }[];
  low?: number | undefined;
  high?: number | undefined;
  label: string;
}): ReactElement {
  const w = 160;
  const h = 40;
  const pts = [...props.points].sort((a, b) => a.at - b.at);
  const values = [...pts.map((p) => p.value), props.low, props.high].filter(
    (v): v is number => v !== undefined,
  );
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const x = (i: number) => (pts.length === 1 ? w / 2 : 4 + (i * (w - 8)) / (pts.length - 1));
  const y = (v: number) => h - 4 - ((v - min) / span) * (h - 8);
  return (
    <svg width={w} height={h} role="img" aria-label={props.label}>
      {props.low !== undefined && props.high !== undefined && (
        <rect
          x={0}
          width={w}
          y={y(props.high)}
          height={Math.max(1, y(props.low) - y(props.high))}
          fill="var(--mantine-color-teal-light)"
        />
      )}
      <polyline
        fill="none"
        stroke="var(--mantine-color-blue-6)"
        strokeWidth={1.5}
        points={pts.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')}
      />
      {pts.map((p, i) => (
        <circle
          key={p.id}
          cx={x(i)}
          cy={y(p.value)}
          r={3}
          fill={p.abnormal ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-blue-6)'}
        />
      ))}
    </svg>
  );
}
