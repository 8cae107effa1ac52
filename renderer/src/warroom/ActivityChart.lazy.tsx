import { lazy, Suspense } from 'react';
import { Loading } from '../shell/Loading';
import type { ActivityChartProps } from './ActivityChart';

// The chart's drawing code loads with the war room's first chart, not with the app. The
// placeholder keeps the chart's height so the timeline below does not jump.
const Chart = lazy(() => import('./ActivityChart').then((m) => ({ default: m.ActivityChart })));

export function ActivityChart(props: ActivityChartProps) {
  return (
    <Suspense fallback={<Loading what="the activity chart" className="wr-activity-loading" />}>
      <Chart {...props} />
    </Suspense>
  );
}
