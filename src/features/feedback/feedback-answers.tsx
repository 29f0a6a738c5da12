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

/** After an answer: optional reason chips (each touch sends) and a note, sent as a new version of the answer. */
export function ReasonChips({ draft }: { draft: FeedbackDraft }) {
  const noteId = useId();
  if (!draft.answer) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-md bg-panel p-2 short:gap-1.5 short:p-1" data-testid="feedback-detail">
      <span className="px-1 text-lg font-semibold short:sr-only">Why?</span>
      {REASONS.map((r) => (
        <button key={r.reason} type="button" aria-pressed={draft.reasons.includes(r.reason)} onClick={() => draft.toggle(r.reason)}
          className={`min-h-touch rounded-full border-2 px-4 text-lg short:px-2.5 short:text-base ${draft.reasons.includes(r.reason) ? on : 'border-edge bg-surface active:bg-sunk'}`}>
          {r.label}
        </button>
      ))}
      {/* The note needs typing: offered where there is room for an on-screen keyboard, not at 800×480. */}
      <label htmlFor={noteId} className="sr-only">Note</label>
      <input id={noteId} value={draft.note} onChange={(e) => draft.setNote(e.target.value)} maxLength={1000} placeholder="Note (optional)"
        className="h-touch w-48 min-w-0 grow rounded-md border-2 border-edge bg-white px-3 text-lg short:hidden" />
      <button type="button" disabled={draft.noteSent || !draft.note.trim()} onClick={draft.sendNote}
        className="min-h-touch rounded-md bg-chrome px-5 text-lg font-bold text-ink-inverse active:bg-ink disabled:opacity-50 short:hidden">
        {draft.noteSent ? 'Note sent' : 'Send note'}
      </button>
    </div>
  );
}
