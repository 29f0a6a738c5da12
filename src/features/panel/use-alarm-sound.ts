import { useCallback, useEffect, useRef, useState } from 'react';
import { AlarmSound, type Urgency } from './alarm-sound.ts';

/** An alert that asks for sound: annunciated, unacknowledged, high or critical. */
export interface Sounding { id: string; urgency: Urgency }

/** Which alerts still sound: those not silenced. A new alert sounds again after a silence. */
export function stillSounding(sounding: Sounding[], silenced: ReadonlySet<string>): Urgency | null {
  const loud = sounding.filter((s) => !silenced.has(s.id));
  if (loud.length === 0) return null;
  return loud.some((s) => s.urgency === 'critical') ? 'critical' : 'high';
}

/**
 * Plays the annunciator while any high/critical alert is unacknowledged and not silenced.
 * Acknowledging removes the alert from `sounding`; `silence()` quiets the current ones only.
 */
export function useAlarmSound(sounding: Sounding[]) {
  const sound = useRef<AlarmSound | null>(null);
  const [silenced, setSilenced] = useState<ReadonlySet<string>>(() => new Set());
  const [locked, setLocked] = useState(true);
  const urgency = stillSounding(sounding, silenced);

  useEffect(() => {
    sound.current ??= new AlarmSound();
    const s = sound.current;
    const unlock = () => void s.unlock().then((ok) => setLocked(!ok));
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
      s.stop();
    };
  }, []);

  useEffect(() => {
    const s = sound.current;
    if (!s) return;
    if (urgency && !locked) s.play(urgency);
    else s.stop();
  }, [urgency, locked]);

  const ids = sounding.map((s) => s.id).join(',');
  const silence = useCallback(() => setSilenced(new Set(ids.split(','))), [ids]);
  return { sounding: urgency !== null, locked, silence };
}
