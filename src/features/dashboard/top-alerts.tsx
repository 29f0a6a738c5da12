import type { Catalogue } from '../../protocol/catalogue.ts';
import type { AlarmLoadReport } from '../../protocol/kpi.ts';
import { DeskTable } from '../../lib/desk-table.tsx';
import { keyName } from './names.ts';

/** The ten keys that annunciated most, with their share of all annunciations. */
export function TopAlerts({ report, catalogue }: { report: AlarmLoadReport; catalogue: Catalogue | undefined }) {
  return (
    <DeskTable title="Top 10 alerts" csvName="top-10" rows={report.top} rowKey={(r) => r.key} testId="top-10"
      note={<>Together <strong>{Math.round(report.top10Share * 100)} %</strong> of all annunciations (target under 5 %).</>}
      columns={[
        { title: 'alert key', value: (r) => r.key, cell: (r) => <span title={r.key}>{keyName(r.key, catalogue)}</span> },
        { title: 'count', value: (r) => r.count, align: 'right' },
        { title: 'share', value: (r) => r.share.toFixed(4), cell: (r) => `${Math.round(r.share * 100)} %`, align: 'right' },
      ]} />
  );
}
