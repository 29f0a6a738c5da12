import { useCallback, useMemo, useState } from 'react';
import { Navigate, useParams } from 'react-router';
import type { Alert } from '../../protocol/alert.ts';
import { AlertCard } from '../../features/alerts/alert-card.tsx';
import { alertTitle } from '../../features/alerts/alert-title.ts';
import { floodDigest, panelItems } from '../../features/alerts/order.ts';
import { AlertTrend } from '../../features/alerts/trend-chart.tsx';
import { OperatorKeypad } from '../../features/auth/operator-keypad.tsx';
import { OperatorStatus } from '../../features/auth/operator-status.tsx';
import { SignOutButton } from '../../features/auth/sign-out-button.tsx';
import { AlertActions } from '../../features/feedback/alert-actions.tsx';
import { PanelHeader } from '../../features/panel/panel-header.tsx';
import { SoundButton } from '../../features/panel/sound-button.tsx';
import { useAlarmSound, type Sounding } from '../../features/panel/use-alarm-sound.ts';
import { useWakeLock } from '../../features/panel/use-wake-lock.ts';
import { lineName, useCatalogue } from '../../lib/catalogue.ts';
import { useRoom } from '../../lib/use-room.ts';
import { useSession } from '../../lib/session.ts';
import { useNow } from '../../lib/use-now.ts';
import { SHORT_SCREEN, useMediaQuery } from '../../lib/use-media-query.ts';
import { panelPath } from '../paths.ts';
import { PanelOthers } from './panel-others.tsx';
import { usePinnedAlert } from './use-pinned-alert.ts';

const EMPTY: Record<string, Alert> = {};

/** `/panel/:plant/:line`: the line's most important alert large, the rest as a list. */
export function PanelRoute() {
  const { plant = '', line = '' } = useParams();
  const { data: me } = useSession();
  // A panel device is bound to its line.
  if (me?.panel && (me.panel.plant !== plant || me.panel.line !== line)) return <Navigate to={panelPath(me.panel)} replace />;
  return <LinePanel key={`${plant}/${line}`} plant={plant} line={line} />;
}

function LinePanel({ plant, line }: { plant: string; line: string }) {
  const { data: me } = useSession();
  const short = useMediaQuery(SHORT_SCREEN);
  const [identifying, setIdentifying] = useState(false);
  const identify = useCallback(() => setIdentifying(true), []);
  const closeKeypad = useCallback(() => setIdentifying(false), []);
  const catalogue = useCatalogue(plant).data;
  const room = useRoom(plant, line);
  const now = useNow(1000);
  useWakeLock();

  const alerts = room.data?.alerts ?? EMPTY;
  const consoles = room.data?.consoles;
  const items = useMemo(() => panelItems(Object.values(alerts)), [alerts]);
  const digest = useMemo(() => floodDigest(consoles ?? [], line, Object.values(alerts)), [consoles, line, alerts]);
  const sounding = useMemo<Sounding[]>(() => items
    .filter((i) => i.alert.state === 'unacknowledged' && !i.alert.suppression && (i.alert.priority === 'high' || i.alert.priority === 'critical'))
    .map((i) => ({ id: i.alert.id, urgency: i.alert.priority === 'critical' ? 'critical' : 'high' })), [items]);
  const sound = useAlarmSound(sounding);

  const shownIds = useMemo(() => new Set(items.map((i) => i.alert.id)), [items]);
  const { pinned: selectedId, pin, touched } = usePinnedAlert(shownIds, now);
  const selected = items.find((i) => i.alert.id === selectedId);
  const top = selected ?? items[0];
  const rest = items.filter((i) => i !== top);
  const name = lineName(catalogue, line);

  return (
    <div className="flex h-full flex-col">
      <PanelHeader title={name} fixedLine={!!me?.panel}
        who={me?.panel ? <OperatorStatus me={me} onIdentify={identify} /> : me ? `${me.displayName} · ${me.role}` : ''}
        controls={<SoundButton {...sound} />}
        after={!me?.panel && <SignOutButton className="bg-ink-muted text-ink-inverse active:bg-ink" />} />
      {identifying && <OperatorKeypad onClose={closeKeypad} />}
      <main className="flex min-h-0 flex-1 flex-col gap-2 p-2 short:gap-1 short:p-1">
        {room.isError && <p role="alert" className="rounded-md border-2 border-ink bg-surface p-4 text-xl font-semibold">{room.error.message}</p>}
        {room.isPending && <p role="status" className="p-4 text-xl">Loading {name}…</p>}
        {room.data && !top && (
          <div className="grid min-h-40 place-items-center rounded-lg border-2 border-edge bg-surface p-6 text-center" data-testid="no-alerts">
            <p className="text-2xl font-semibold">No active alerts on {name}</p>
          </div>
        )}
        {top && (
          <div className="min-h-0 shrink overflow-y-auto overscroll-contain rounded-lg"
            onPointerDownCapture={() => (selectedId === top.alert.id ? touched() : pin(top.alert.id))}>
            <AlertCard alert={top.alert} grouped={top.grouped} catalogue={catalogue} now={now}
              actions={me && <AlertActions key={top.alert.id} alert={top.alert} me={me} title={Object.values(alertTitle(top.alert, catalogue)).join(' — ')}
                onIdentify={me.panel ? identify : undefined} />}
              trend={<AlertTrend alert={top.alert} catalogue={catalogue} now={now} withScore={!short} height={short ? 36 : 48} />}
              corner={selected && selected !== items[0] ? (
                <button type="button" onClick={() => pin(null)} className="min-h-touch rounded-md bg-control px-4 text-lg font-semibold active:bg-control-press">
                  ◂ Most important
                </button>
              ) : null} />
          </div>
        )}
        <PanelOthers items={rest} catalogue={catalogue} now={now} selectedId={selectedId} onSelect={pin}
          digest={digest && { count: digest.count, lineName: lineName(catalogue, digest.line) }} />
      </main>
    </div>
  );
}
