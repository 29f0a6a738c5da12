import { useId, useState } from 'react';
import type { FeedbackAnswer, FeedbackReason, OperatorCommandInput } from '../../protocol/commands.ts';
import { ANSWERS, REASONS } from './feedback-words.ts';
import type { AlertCommand } from './use-alert-command.ts';

const big = 'inline-flex min-h-touch min-w-28 items-center justify-center gap-2 rounded-md border-2 px-4 text-lg font-bold short:min-w-0 short:gap-1.5 short:px-2.5 short:text-base';

/**
 * One touch answers (Real problem / False alarm / Not sure) and is sent at once; reason chips and
 * a note can follow and are sent as a new version of the answer.
 */
export function FeedbackAnswers({ send, disabled }: { send: (c: AlertCommand) => void; disabled: boolean }) {
  const [answer, setAnswer] = useState<FeedbackAnswer | null>(null);
  const [reasons, setReasons] = useState<FeedbackReason[]>([]);
  const [note, setNote] = useState('');
  const [sentDetail, setSentDetail] = useState(false);
  const noteId = useId();

  const choose = (a: FeedbackAnswer) => {
    setAnswer(a);
    setSentDetail(false);
    send({ type: 'feedback', answer: a, reasons: [] } satisfies Omit<Extract<OperatorCommandInput, { type: 'feedback' }>, 'commandId' | 'alertId'>);
  };
  const toggle = (r: FeedbackReason) => {
    setSentDetail(false);
    setReasons((rs) => (rs.includes(r) ? rs.filter((x) => x !== r) : [...rs, r]));
  };
  const sendDetail = () => {
    if (!answer) return;
    send({ type: 'feedback', answer, reasons, ...(note.trim() ? { note: note.trim() } : {}) });
    setSentDetail(true);
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2 short:gap-1.5" role="group" aria-label="Was this a real problem?">
        {ANSWERS.map((a) => (
          <button key={a.answer} type="button" disabled={disabled} aria-pressed={answer === a.answer} onClick={() => choose(a.answer)}
            data-testid={`answer-${a.answer}`}
            className={`${big} ${answer === a.answer ? 'border-ink bg-chrome text-ink-inverse' : 'border-edge bg-control active:bg-control-press'} disabled:opacity-50`}>
            <span aria-hidden="true">{a.mark}</span> {a.label}
          </button>
        ))}
      </div>
      {answer && (
        <div className="flex flex-wrap items-center gap-2 rounded-md bg-panel p-2" data-testid="feedback-detail">
          <span className="text-lg font-semibold">Why? (optional)</span>
          {REASONS.map((r) => (
            <button key={r.reason} type="button" aria-pressed={reasons.includes(r.reason)} onClick={() => toggle(r.reason)}
              className={`min-h-touch rounded-full border-2 px-4 text-lg ${reasons.includes(r.reason) ? 'border-ink bg-chrome text-ink-inverse' : 'border-edge bg-surface active:bg-sunk'}`}>
              {r.label}
            </button>
          ))}
          <label htmlFor={noteId} className="sr-only">Note</label>
          <input id={noteId} value={note} onChange={(e) => { setNote(e.target.value); setSentDetail(false); }} maxLength={1000} placeholder="Note (optional)"
            className="h-touch min-w-48 flex-1 rounded-md border-2 border-edge bg-white px-3 text-lg" />
          <button type="button" disabled={sentDetail || (reasons.length === 0 && !note.trim())} onClick={sendDetail}
            className="min-h-touch rounded-md bg-chrome px-5 text-lg font-bold text-ink-inverse active:bg-ink disabled:opacity-50">
            {sentDetail ? 'Reason sent' : 'Send reason'}
          </button>
        </div>
      )}
    </div>
  );
}
