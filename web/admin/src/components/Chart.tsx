/**
 * A line chart in inline SVG, no library: a few series over the same days. Drawn at the width it is given
 * (measured, so its text stays legible on a phone), styled by classes only (the console's CSP allows no
 * inline styles), and never the only way to the numbers: the SVG is an image with a title and a summary,
 * and the same figures are a table one click away. Series differ by line pattern as well as colour.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { text } from '../text.js';
import { Table } from '../ui.js';

export interface ChartSeries {
  readonly label: string;
  /** One value per point, in the order of `points`. */
  readonly values: readonly number[];
}

export interface ChartPoint {
  /** Under the axis: "23 Nov". */
  readonly short: string;
  /** In the table and tooltips: "23 Nov 2026". */
  readonly long: string;
}

interface Props {
  readonly title: string;
  /** What a screen reader hears instead of the picture: totals, the busiest day. */
  readonly summary: string;
  readonly points: readonly ChartPoint[];
  /** At most three series (three line styles). */
  readonly series: readonly ChartSeries[];
  readonly pointHeading: string;
}

/** The smallest of 1, 2, 5 × 10ⁿ at least `value`: tick steps a reader can add up. */
function niceStep(value: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(value, 1)));
  for (const m of [1, 2, 5, 10]) if (m * power >= value) return m * power;
  return 10 * power;
}

function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const box = ref.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(240, Math.floor(entry.contentRect.width)));
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

export function TrendChart({ title, summary, points, series, pointHeading }: Props) {
  const id = useId();
  const [boxRef, width] = useWidth(640);
  const height = width < 480 ? 200 : 240;
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const step = niceStep(Math.ceil(Math.max(max, 1) / 4));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks = Array.from({ length: top / step + 1 }, (_, i) => i * step);
  // Room for the tick labels on the left, and for half a day label at either end of the axis.
  const left = Math.max(28, 14 + 8 * String(top).length);
  const margin = { top: 12, right: 26, bottom: 30, left };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const n = points.length;
  const x = (i: number) => margin.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => margin.top + plotH - (v * plotH) / top;
  // Labels at least ~64px apart, counted back from the last point so that today is always named.
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / 64))));
  const labelled = points.map((_, i) => (n - 1 - i) % every === 0);
  const markers = n <= 62;

  return (
    <figure className="trend">
      <figcaption className="trend-title">{title}</figcaption>
      <ul className="trend-legend">
        {series.map((s, k) => (
          <li key={s.label}>
            <svg className="trend-key" width="28" height="10" aria-hidden="true" focusable="false">
              <line x1="1" y1="5" x2="27" y2="5" className={`trend-line trend-s${k}`} />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      <div ref={boxRef} className="trend-box">
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={`${id}-t ${id}-d`}
          className="trend-svg"
        >
          <title id={`${id}-t`}>{title}</title>
          <desc id={`${id}-d`}>{summary}</desc>
          {ticks.map((tick) => (
            <g key={tick}>
              <line
                x1={margin.left}
                x2={width - margin.right}
                y1={y(tick)}
                y2={y(tick)}
                className="trend-grid"
              />
              <text x={margin.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className="trend-axis">
                {tick}
              </text>
            </g>
          ))}
          {points.map((p, i) =>
            labelled[i] ? (
              <text key={p.long} x={x(i)} y={height - 8} textAnchor="middle" className="trend-axis">
                {p.short}
              </text>
            ) : null,
          )}
          {series.map((s, k) => (
            <g key={s.label}>
              <polyline
                points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}
                className={`trend-line trend-s${k}`}
              />
              {markers &&
                s.values.map((v, i) =>
                  v > 0 ? (
                    <circle
                      key={points[i]?.long}
                      cx={x(i)}
                      cy={y(v)}
                      r="3.5"
                      className={`trend-dot trend-s${k}`}
                    >
                      <title>{`${points[i]?.long}: ${v} ${s.label.toLowerCase()}`}</title>
                    </circle>
                  ) : null,
                )}
            </g>
          ))}
        </svg>
      </div>
      <details className="trend-data">
        <summary>{text.trendChart.showTable}</summary>
        <Table caption={title} head={[pointHeading, ...series.map((s) => s.label)]}>
          {points.map((p, i) => (
            <tr key={p.long}>
              <th scope="row">{p.long}</th>
              {series.map((s) => (
                <td key={s.label} className="cell-num">
                  {s.values[i] ?? 0}
                </td>
              ))}
            </tr>
          ))}
        </Table>
      </details>
    </figure>
  );
}
