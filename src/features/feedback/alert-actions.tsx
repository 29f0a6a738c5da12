import { useState } from 'react';
import type { Alert } from '../../protocol/alert.ts';
import type { Me } from '../../protocol/session.ts';
import { AnswerButtons, ReasonChips } from './feedback-answers.tsx';
import { CommandStatus } from './command-status.tsx';
import { ShelveSheet } from './shelve-sheet.tsx';
import { canCommand, canShelve } from './shelve-options.ts';
import { newCommand, useAlertCommand, type AlertCommand } from './use-alert-command.ts';
import { useFeedbackDraft } from './use-feedback-draft.ts';
import { useShelveLimits } from '../../lib/shelve-limits.ts';

const big = 'inline-flex min-h-touch min-w-28 items-center justify-center rounded-md px-4 text-lg font-bold disabled:opacity-40 short:min-w-0 short:px-2.5 short:text-base';

/**
 * The card's answers and actions: feedback, acknowledge, shelve, and the state of the last command.
 * On a panel where nobody is identified (viewer), one large button opens the badge keypad instead.
 */
export function AlertActions({ alert, me, title, onIdentify }: { alert: Alert; me: Me; title: string; onIdentify?: () => void }) {
  const command = useAlertCommand(alert, me.username);
  const send = (c: AlertCommand) => command.mutate(newCommand(alert.id, c));
  const draft = useFeedbackDraft(send);
  const [shelving, setShelving] = useState(false);
  const limits = useShelveLimits(alert);
  if (!canCommand(me.role)) {
    if (!onIdentify) return <p className="text-lg text-ink-muted">View only: your role cannot answer or acknowledge.</p>;
    return (
      <div className="flex flex-col gap-1">
        <button type="button" onClick={onIdentify} data-testid="identify-to-answer"
          className="inline-flex min-h-touch w-full items-center justify-center gap-3 rounded-md bg-chrome px-6 text-xl font-bold text-ink-inverse active:bg-ink short:text-lg">
          <svg width="26" height="26" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2">
            <rect x="5" y="10" width="14" height="10" rx="2" /><path d="M8 10V7a4 4 0 0 1 8 0v3" />
          </svg>
          Identify to answer
          <span className="font-semibold text-ink-inverse/80 short:hidden">· Real problem / False alarm / Acknowledge / Shelve</span>
        </button>
        <CommandStatus alertId={alert.id} />
      </div>
    );
  }
  const ackable = alert.state === 'unacknowledged' || alert.state === 'returned_unacknowledged';
  return (
    <div className="flex flex-col gap-2 short:gap-1">
      <div className="flex flex-wrap items-center gap-2 short:gap-1.5">
        <AnswerButtons draft={draft} />
        <div className="ml-auto flex flex-wrap gap-2 short:gap-1.5">
          <button type="button" disabled={!ackable} onClick={() => send({ type: 'acknowledge' })} data-testid="acknowledge"
            className={`${big} bg-chrome text-ink-inverse active:bg-ink`}>
            {ackable ? 'Acknowledge' : 'Acknowledged'}
          </button>
          {canShelve(me.role) && (
            <button type="button" onClick={() => setShelving(true)} data-testid="shelve" className={`${big} border-2 border-edge bg-control active:bg-control-press`}>
              Shelve…
            </button>
          )}
        </div>
      </div>
      <ReasonChips draft={draft} />
      <CommandStatus alertId={alert.id} />
      {shelving && (
        <ShelveSheet role={me.role} limits={limits} title={title} onClose={() => setShelving(false)}
          onShelve={(minutes, reason) => {
            send({ type: 'shelve', reason, ...(minutes === null ? {} : { minutes }) });
            setShelving(false);
          }} />
      )}
    </div>
  );
}
