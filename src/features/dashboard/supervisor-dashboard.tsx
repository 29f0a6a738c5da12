import { useState, type ReactNode } from 'react';
import { ISA_TARGETS } from '../../protocol/kpi.ts';
import { lineName, useCatalogue } from '../../lib/catalogue.ts';
import { ConsoleLoad } from './console-load.tsx';
import { DriftPanel } from './drift-panel.tsx';
import { HeldBack } from './held-back.tsx';
import { KpiTiles } from './kpi-tiles.tsx';
import { LoadChart } from './load-charts.tsx';
import { loadFigures } from './load-figures.ts';
import { OutOfService } from './out-of-service.tsx';
import { PriorityMix } from './priority-mix.tsx';
import { useAlarmLoad, useDrift, useSupervisorCommand, useSuppressionLog, useTrust, type View } from './queries.ts';
import { ShelvedNow } from './shelved-now.tsx';
import { SuppressionLogTable } from './suppression-log.tsx';
import { TopAlerts } from './top-alerts.tsx';
import { TrustTable } from './trust-table.tsx';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-h`} className="scroll-mt-24 space-y-2">
      <h2 id={`${id}-h`} className="border-b-2 border-edge pb-0.5 text-base font-bold">{title}</h2>
      {children}
    </section>
  );
}

function Problem({ error }: { error: Error | null }) {
  return error ? <p role="alert" className="rounded-md border-2 border-ink bg-surface px-3 py-2 text-sm font-semibold">{error.message}</p> : null;
}

export const SECTIONS = [['load', 'Alarm load'], ['held-back', 'Held back'], ['actions', 'Shelved & out of service'], ['trust', 'Model trust'], ['drift', 'Drift'], ['suppression', 'Suppression log']] as const;

/**
 * The supervisor's view of one plant or line over a range: alarm load against the ISA-18.2 targets,
 * what was held back and why, shelving and out-of-service with actions, model trust, drift, and the
 * suppression log. Every table exports to CSV.
 */
export function SupervisorDashboard({ view, lines, now }: { view: View; lines: { line: string; title: string }[]; now: number }) {
  const catalogue = useCatalogue(view.plant).data;
  const load = useAlarmLoad(view);
  const trust = useTrust(view);
  const drift = useDrift(view);
  const log = useSuppressionLog(view);
  const command = useSupervisorCommand(view);
  const [said, setSaid] = useState<string | null>(null);
  const run = (what: string, c: Parameters<typeof command.mutate>[0]) =>
    command.mutate(c, { onSuccess: () => setSaid(`${what}: done.`), onError: (e) => setSaid(`${what} refused: ${e.message}`) });
  const c = Math.max(1, load.data?.consoleCount ?? 1);
  // An hourly chart says little below three hours: the per-console table takes its place.
  const hourly = view.to - view.from >= 3 * 3_600_000;

  return (
    <div className="space-y-4">
      {said && <p role="status" className="rounded-md border border-ink bg-surface px-3 py-1.5 text-sm font-semibold" data-testid="command-result">{said}</p>}
      <Section id="load" title="Alarm load against ISA-18.2 targets">
        <Problem error={load.error} />
        {load.isPending && <p role="status" className="text-sm">Loading alarm load…</p>}
        {load.data && (
          <>
            <p className="text-xs text-ink-muted" data-testid="console-note">
              {c > 1 ? `Per operator console: averages over the ${c} consoles (lines) of this plant, maxima of the worst one. Chart target lines are for the ${c} together.` : 'One operator console (line).'}
            </p>
            <KpiTiles figures={loadFigures(load.data)} />
            <div className="grid gap-2 xl:grid-cols-2">
              <LoadChart title="Annunciations per 10 min" testId="chart-10min" buckets={load.data.per10Min}
                acceptable={ISA_TARGETS.per10MinAcceptable * c} max={ISA_TARGETS.per10MinMax * c} />
              {hourly ? (
                <LoadChart title="Annunciations per hour" testId="chart-hour" buckets={load.data.perHour}
                  acceptable={ISA_TARGETS.perHourAcceptable * c} max={ISA_TARGETS.perHourMax * c} />
              ) : <ConsoleLoad report={load.data} lineTitle={(l) => lineName(catalogue, l)} />}
            </div>
          </>
        )}
      </Section>
      {load.data && (
        <Section id="held-back" title="Held back: a plain threshold rule against what operators saw">
          <div className="grid gap-2 xl:grid-cols-[3fr_2fr]">
            <HeldBack report={load.data} catalogue={catalogue} />
            <div className="grid content-start gap-2">
              {hourly && <ConsoleLoad report={load.data} lineTitle={(l) => lineName(catalogue, l)} />}
              <PriorityMix report={load.data} />
              <TopAlerts report={load.data} catalogue={catalogue} />
            </div>
          </div>
        </Section>
      )}
      <Section id="actions" title="Shelved and out of service now">
        <Problem error={log.error} />
        <div className="grid gap-2 xl:grid-cols-2">
          <ShelvedNow shelved={log.data?.shelved ?? []} catalogue={catalogue} busy={command.isPending}
            onUnshelve={(s) => run('Unshelve', { type: 'unshelve', alertId: s.alertId })} />
          <OutOfService assets={log.data?.outOfService ?? []} catalogue={catalogue} lines={lines} fixedLine={view.line} busy={command.isPending} now={now}
            onTakeOut={(r) => run('Out of service', { type: 'out_of_service', plant: view.plant, line: r.line, asset: r.asset, reason: r.reason, until: r.until })}
            onReturn={(a) => run('Return to service', { type: 'return_to_service', plant: a.plant, line: a.line, asset: a.asset })} />
        </div>
      </Section>
      <Section id="trust" title="Model trust from operator feedback">
        <Problem error={trust.error} />
        {trust.data && <TrustTable report={trust.data} catalogue={catalogue} />}
      </Section>
      <Section id="drift" title="Drift per model and feature">
        <Problem error={drift.error} />
        {drift.data && <DriftPanel report={drift.data} catalogue={catalogue} />}
      </Section>
      <Section id="suppression" title="Suppression log">
        {log.data && <SuppressionLogTable log={log.data} catalogue={catalogue} />}
      </Section>
    </div>
  );
}
