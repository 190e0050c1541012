import { useEffect, useRef, useState } from 'react';

/** One line of a chart: its name in the legend, and a value (or nothing) per bucket. */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** A dashed line, for a second measure of the same series (p99 beside p50). */
  dashed?: boolean;
  /** Which of SERIES_COLOURS to draw it in; its position by default. */
  colour?: number;
}

const HEIGHT = 180;
const PAD = { top: 10, right: 12, bottom: 22, left: 52 };
/** Colour-blind-safe (Okabe–Ito), in the order series are drawn. */
export const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

/**
 * A small SVG line chart over time buckets: one line per series, gaps where a bucket has no value,
 * the largest value on the y axis, the first and last bucket on the x axis, and each point's value
 * in a tooltip. Scales with its box (viewBox), so it reads at 1280 px and at 390 px.
 */
export function LineChart({
  title,
  buckets,
  series,
  format,
  bucketLabel,
  testId,
}: {
  title: string;
  buckets: readonly string[];
  series: readonly ChartSeries[];
  format: (value: number) => string;
  bucketLabel: (bucket: string) => string;
  testId?: string;
}) {
  // Drawn at the width it is shown at, so its text stays legible on a phone.
  const frame = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(240, Math.round(element.clientWidth) - 24)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const colourOf = (line: ChartSeries, index: number) =>
    SERIES_COLOURS[(line.colour ?? index) % SERIES_COLOURS.length];
  const values = series.flatMap((line) => line.values.filter((value): value is number => value !== null));
  const max = Math.max(0, ...values);
  const top = max === 0 ? 1 : niceCeiling(max);
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) =>
    PAD.left + (buckets.length <= 1 ? plotWidth / 2 : (index / (buckets.length - 1)) * plotWidth);
  const y = (value: number) => PAD.top + plotHeight - (value / top) * plotHeight;
  return (
    <figure className="chart" data-testid={testId} ref={frame}>
      <figcaption>
        <strong>{title}</strong>
        {series.length > 1 && (
          <span className="legend">
            {series.map((line, index) => (
              <span key={line.label} className="legend-item">
                <svg width="18" height="8" aria-hidden="true">
                  <line
                    x1="0"
                    y1="4"
                    x2="18"
                    y2="4"
                    stroke={colourOf(line, index)}
                    strokeWidth="2.5"
                    strokeDasharray={line.dashed ? '4 3' : undefined}
                  />
                </svg>
                {line.label}
              </span>
            ))}
          </span>
        )}
      </figcaption>
      {values.length === 0 ? (
        <p className="muted chart-empty">No runs in this window.</p>
      ) : (
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={title} className="chart-plot">
          <line x1={PAD.left} y1={y(0)} x2={width - PAD.right} y2={y(0)} className="axis" />
          <line x1={PAD.left} y1={y(top)} x2={width - PAD.right} y2={y(top)} className="gridline" />
          <line x1={PAD.left} y1={y(top / 2)} x2={width - PAD.right} y2={y(top / 2)} className="gridline" />
          <text x={PAD.left - 6} y={y(top) + 4} className="tick" textAnchor="end">
            {format(top)}
          </text>
          <text x={PAD.left - 6} y={y(0) + 4} className="tick" textAnchor="end">
            {format(0)}
          </text>
          <text x={PAD.left} y={HEIGHT - 6} className="tick">
            {bucketLabel(buckets[0] ?? '')}
          </text>
          <text x={width - PAD.right} y={HEIGHT - 6} className="tick" textAnchor="end">
            {bucketLabel(buckets.at(-1) ?? '')}
          </text>
          {series.map((line, index) => {
            const colour = colourOf(line, index);
            const known = line.values.filter((value) => value !== null).length;
            return (
              <g key={line.label}>
                <path
                  d={pathOf(line.values, x, y)}
                  fill="none"
                  stroke={colour}
                  strokeWidth="2"
                  strokeDasharray={line.dashed ? '5 4' : undefined}
                />
                {line.values.map((value, bucket) =>
                  value === null ? null : (
                    <circle
                      key={buckets[bucket]}
                      cx={x(bucket)}
                      cy={y(value)}
                      r={known === 1 ? 4 : 2.6}
                      fill={colour}
                    >
                      <title>{`${line.label} · ${bucketLabel(buckets[bucket]!)}: ${format(value)}`}</title>
                    </circle>
                  ),
                )}
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}

/** Line segments through the known values; a null bucket breaks the line. */
function pathOf(
  values: readonly (number | null)[],
  x: (index: number) => number,
  y: (value: number) => number,
) {
  let path = '';
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null) {
      drawing = false;
      return;
    }
    path += `${drawing ? 'L' : 'M'}${x(index).toFixed(1)},${y(value).toFixed(1)}`;
    drawing = true;
  });
  return path;
}

/** 1, 2 or 5 times a power of ten, at least `value`: a round top for the y axis. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
