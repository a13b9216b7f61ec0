import { sparklinePoints } from '../stores/loopMetrics';

const WIDTH = 72;
const HEIGHT = 18;

/** A small line of daily counts; its label carries the numbers for screen readers. */
export function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  if (values.length === 0) return null;
  return (
    <svg className="sparkline" width={WIDTH} height={HEIGHT + 2} viewBox={`0 -1 ${WIDTH} ${HEIGHT + 2}`} role="img" aria-label={label}>
      <polyline points={sparklinePoints(values, WIDTH, HEIGHT)} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" />
    </svg>
  );
}
