import { useId, useState, type FormEvent } from 'react';
import type { Catalogue } from '../../protocol/catalogue.ts';
import type { OutOfServiceAsset } from '../../protocol/kpi.ts';
import { assetName } from '../../lib/catalogue.ts';
import { DeskTable } from '../../lib/desk-table.tsx';
import { fromLocalInput, toLocalInput } from '../../lib/time-range.ts';

const hhmm = (ms: number) => new Date(ms).toLocaleString('en-GB', { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' });
const field = 'h-8 rounded border border-edge bg-white px-2 text-sm';

export interface OutOfServiceRequest {
  line: string;
  asset: string;
  reason: string;
  until: number;
}

/** Assets out of service now (with who, why, until when) and the form to take one out. */
export function OutOfService({ assets, catalogue, lines, fixedLine, onTakeOut, onReturn, busy, now }: {
  assets: OutOfServiceAsset[];
  catalogue: Catalogue | undefined;
  lines: { line: string; title: string }[];
  fixedLine: string | null;
  onTakeOut: (r: OutOfServiceRequest) => void;
  onReturn: (a: OutOfServiceAsset) => void;
  busy: boolean;
  now: number;
}) {
  const id = useId();
  const [line, setLine] = useState(fixedLine ?? lines[0]?.line ?? '');
  const [asset, setAsset] = useState('');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(() => toLocalInput(now + 2 * 3_600_000));
  const chosenLine = fixedLine ?? line;
  const assetOptions = Object.entries(catalogue?.assets ?? {});
  const untilMs = fromLocalInput(until);
  const ready = chosenLine && asset && reason.trim() && untilMs !== undefined && untilMs > now;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    onTakeOut({ line: chosenLine, asset, reason: reason.trim(), until: untilMs! });
    setReason('');
  };
  return (
    <DeskTable title="Out of service" csvName="out-of-service" rows={assets} rowKey={(a) => `${a.line}/${a.asset}`} testId="out-of-service"
      empty="No asset is out of service."
      note={
        <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Take an asset out of service">
          {!fixedLine && (
            <label className="grid text-xs font-semibold">Line
              <select className={field} value={line} onChange={(e) => setLine(e.target.value)}>
                {lines.map((l) => <option key={l.line} value={l.line}>{l.title}</option>)}
              </select>
            </label>
          )}
          <label className="grid text-xs font-semibold">Asset
            <select className={field} value={asset} onChange={(e) => setAsset(e.target.value)} required>
              <option value="">choose…</option>
              {assetOptions.map(([slug, name]) => <option key={slug} value={slug}>{name}</option>)}
            </select>
          </label>
          <label className="grid grow text-xs font-semibold" htmlFor={`${id}-r`}>Reason
            <input id={`${id}-r`} className={field} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="e.g. bearing replacement, work order 4471" required />
          </label>
          <label className="grid text-xs font-semibold">Until
            <input type="datetime-local" className={field} value={until} onChange={(e) => setUntil(e.target.value)} required />
          </label>
          <button type="submit" disabled={!ready || busy} className="h-8 rounded border border-ink bg-control px-3 text-sm font-semibold hover:bg-control-press disabled:opacity-50">
            Take out of service
          </button>
        </form>
      }
      columns={[
        { title: 'asset', value: (a) => `${a.plant}/${a.line}/${a.asset}`, cell: (a) => assetName(catalogue, a.asset) },
        { title: 'by', value: (a) => a.by },
        { title: 'why', value: (a) => a.reason },
        { title: 'since', value: (a) => new Date(a.at).toISOString(), cell: (a) => hhmm(a.at) },
        { title: 'until', value: (a) => new Date(a.until).toISOString(), cell: (a) => hhmm(a.until) },
        {
          title: 'action', value: () => '',
          cell: (a) => (
            <button type="button" disabled={busy} onClick={() => onReturn(a)} className="rounded border border-ink bg-control px-2 py-0.5 text-xs font-semibold hover:bg-control-press disabled:opacity-50">
              Return to service
            </button>
          ),
        },
      ]} />
  );
}
