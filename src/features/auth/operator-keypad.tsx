import { createPortal } from 'react-dom';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Me } from '../../protocol/session.ts';
import { messageDetail } from '../../protocol/refusal.ts';
import { ApiError } from '../../lib/api.ts';
import { useIdentifyOperator } from './use-panel-session.ts';

const BADGE = { min: 3, max: 12 };
const PIN = { min: 4, max: 8 };

/** What the relay's refusal means to the person at the panel. */
export function identifyError(err: Error): string {
  if (err instanceof ApiError) {
    if (err.code === 'wrong_credentials') return 'Badge or PIN not recognised. Check the badge number and try again.';
    if (err.code === 'unauthorized') return 'This panel is not signed in any more. Ask an administrator to sign it in again.';
    if (err.code === 'forbidden') return `Not allowed here: ${messageDetail(err.message)}.`;
    if (err.code === 'rate_limited') return `Too many wrong tries: ${messageDetail(err.message)}.`;
  }
  return err.message;
}

const key = 'grid h-[4.5rem] place-items-center rounded-lg border-2 border-edge bg-surface text-3xl font-bold tabular-nums active:bg-control-press short:h-16 lg:h-24';
const big = 'inline-flex min-h-touch items-center justify-center rounded-md text-xl font-bold disabled:opacity-40';

/**
 * Identify on a panel with gloves: a large on-screen keypad (keys ≥ 64 px) for the badge number,
 * then the PIN. No hardware keyboard is needed; one still works (digits, Backspace, Enter, Escape).
 */
export function OperatorKeypad({ onClose, onIdentified }: { onClose: () => void; onIdentified?: (me: Me) => void }) {
  const identify = useIdentifyOperator();
  const [step, setStep] = useState<'badge' | 'pin'>('badge');
  const [badge, setBadge] = useState('');
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const headingId = useId();
  const first = useRef<HTMLButtonElement>(null);

  const limits = step === 'badge' ? BADGE : PIN;
  const value = step === 'badge' ? badge : pin;
  const setValue = step === 'badge' ? setBadge : setPin;
  const ready = value.length >= limits.min;

  const press = useCallback((d: string) => {
    setMessage(null);
    setValue((v) => (v.length < limits.max ? v + d : v));
  }, [setValue, limits.max]);
  const erase = useCallback(() => setValue((v) => v.slice(0, -1)), [setValue]);
  const next = useCallback(() => {
    if (!ready || identify.isPending) return;
    if (step === 'badge') {
      setStep('pin');
      setPin('');
      return;
    }
    identify.mutate({ badge, pin }, {
      onSuccess: (me) => {
        onIdentified?.(me);
        onClose();
      },
      onError: (err) => {
        setMessage(identifyError(err));
        setPin('');
        if (err instanceof ApiError && err.status === 401) setStep('badge');
      },
    });
  }, [ready, identify, step, badge, pin, onClose, onIdentified]);
  const back = () => {
    setMessage(null);
    if (step === 'pin') setStep('badge');
    else onClose();
  };

  useEffect(() => {
    first.current?.focus();
  }, [step]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (/^[0-9]$/.test(e.key)) press(e.key);
      else if (e.key === 'Backspace') erase();
      else if (e.key === 'Enter') next();
      else if (e.key === 'Escape') onClose();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [press, erase, next, onClose]);

  const shown = step === 'badge' ? badge : '●'.repeat(pin.length);
  return createPortal(
    <div className="fixed inset-0 z-30 flex flex-col bg-panel" data-testid="operator-keypad" role="dialog" aria-modal="true" aria-labelledby={headingId}>
      <div className="flex items-center gap-3 bg-chrome px-2 py-1 text-ink-inverse">
        <h2 id={headingId} className="flex-1 px-2 text-2xl font-bold short:text-xl">Identify: badge and PIN</h2>
        <button type="button" onClick={onClose} className="min-h-touch min-w-32 rounded-md bg-ink-muted px-4 text-lg font-bold active:bg-ink">Cancel</button>
      </div>
      <div className="mx-auto grid min-h-0 w-full max-w-5xl flex-1 grid-cols-[minmax(0,1fr)_minmax(0,1.15fr)] items-center gap-6 p-4 short:gap-3 short:p-2">
        <div className="flex flex-col gap-3 short:gap-2">
          <p className="text-xl font-semibold short:text-lg" id={`${headingId}-step`}>
            {step === 'badge' ? 'Step 1 of 2: your badge number' : `Step 2 of 2: PIN for badge ${badge}`}
          </p>
          <output data-testid="keypad-display" aria-labelledby={`${headingId}-step`} aria-live="polite"
            className="flex h-20 items-center rounded-lg border-4 border-ink bg-white px-4 font-mono text-4xl tracking-[0.3em] short:h-16">
            {shown || <span className="text-2xl tracking-normal text-ink-muted">{step === 'badge' ? 'badge' : 'PIN'}</span>}
            <span className="sr-only">{value.length} digit{value.length === 1 ? '' : 's'}</span>
          </output>
          {message && <p role="alert" data-testid="keypad-message" className="rounded-md border-4 border-ink bg-surface px-3 py-2 text-lg font-semibold short:py-1 short:text-base">{message}</p>}
          {identify.isPending && <p role="status" className="text-lg">Checking…</p>}
          <div className="flex gap-3">
            <button type="button" onClick={back} className={`${big} flex-1 whitespace-nowrap border-2 border-edge bg-control px-3 active:bg-control-press`}>
              {step === 'pin' ? '◂ Badge' : 'Cancel'}
            </button>
            <button type="button" onClick={next} disabled={!ready || identify.isPending} data-testid="keypad-next"
              className={`${big} flex-[2] bg-chrome px-6 text-ink-inverse active:bg-ink`}>
              {step === 'badge' ? 'Next ▸' : 'Identify ✔'}
            </button>
          </div>
        </div>
        <div className="grid grid-cols-3 gap-2" role="group" aria-label="Keypad">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
            <button key={d} ref={d === '1' ? first : undefined} type="button" className={key} onClick={() => press(d)}>{d}</button>
          ))}
          <button type="button" className={`${key} text-xl`} onClick={() => setValue('')}>Clear</button>
          <button type="button" className={key} onClick={() => press('0')}>0</button>
          <button type="button" className={key} onClick={erase} aria-label="Delete last digit">⌫</button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
