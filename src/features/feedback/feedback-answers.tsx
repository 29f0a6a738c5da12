import { useId } from 'react';
import { ANSWERS, REASONS } from './feedback-words.ts';
import type { FeedbackDraft } from './use-feedback-draft.ts';

const big = 'inline-flex min-h-touch min-w-28 items-center justify-center gap-2 rounded-md border-2 px-4 text-lg font-bold short:min-w-0 short:gap-1.5 short:px-2.5 short:text-base';
const on = 'border-ink bg-chrome text-ink-inverse';

/** One touch answers: Real problem / False alarm / Not sure. */
export function AnswerButtons({ draft }: { draft: FeedbackDraft }) {
  return (
    <div className="flex flex-wrap gap-2 short:gap-1.5" role="group" aria-label="Was this a real problem?">
      {ANSWERS.map((a) => (
        <button key={a.answer} type="button" aria-pressed={draft.answer === a.answer} onClick={() => draft.choose(a.answer)}
          data-testid={`answer-${a.answer}`}
          className={`${big} ${draft.answer === a.answer ? on : 'border-edge bg-control active:bg-control-press'}`}>
          <span aria-hidden="true" className="short:hidden">{a.mark}</span> {a.label}
        </button>
      ))}
    </div>
  );
}

/** After an answer: optional reason chips and note, sent as a new version of the answer. */
export function ReasonChips({ draft }: { draft: FeedbackDraft }) {
  const noteId = useId();
  if (!draft.answer) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-md bg-panel p-2 short:gap-1.5 short:p-1" data-testid="feedback-detail">
      <span className="px-1 text-lg font-semibold short:text-base">Why?</span>
      {REASONS.map((r) => (
        <button key={r.reason} type="button" aria-pressed={draft.reasons.includes(r.reason)} onClick={() => draft.toggle(r.reason)}
          className={`min-h-touch rounded-full border-2 px-4 text-lg short:px-3 short:text-base ${draft.reasons.includes(r.reason) ? on : 'border-edge bg-surface active:bg-sunk'}`}>
          {r.label}
        </button>
      ))}
      <label htmlFor={noteId} className="sr-only">Note</label>
      <input id={noteId} value={draft.note} onChange={(e) => draft.setNote(e.target.value)} maxLength={1000} placeholder="Note (optional)"
        className="h-touch w-48 min-w-0 grow rounded-md border-2 border-edge bg-white px-3 text-lg" />
      <button type="button" disabled={draft.detailSent || (draft.reasons.length === 0 && !draft.note.trim())} onClick={draft.sendDetail}
        className="min-h-touch rounded-md bg-chrome px-5 text-lg font-bold text-ink-inverse active:bg-ink disabled:opacity-50">
        {draft.detailSent ? 'Reason sent' : 'Send reason'}
      </button>
    </div>
  );
}
