import { useState } from 'react';
import type { FeedbackAnswer, FeedbackReason } from '../../protocol/commands.ts';
import type { AlertCommand } from './use-alert-command.ts';

/**
 * The operator's answer in progress. The answer is sent at the first touch; each reason chip
 * touched sends it again with the chosen reasons (a new version of the label, so one more touch
 * and nothing to confirm). A typed note is sent with its own button.
 */
export function useFeedbackDraft(send: (c: AlertCommand) => void) {
  const [answer, setAnswer] = useState<FeedbackAnswer | null>(null);
  const [reasons, setReasons] = useState<FeedbackReason[]>([]);
  const [note, setNoteText] = useState('');
  const [noteSent, setNoteSent] = useState(false);
  const sendWith = (a: FeedbackAnswer, rs: FeedbackReason[], withNote: boolean) =>
    send({ type: 'feedback', answer: a, reasons: rs, ...(withNote && note.trim() ? { note: note.trim() } : {}) });
  return {
    answer, reasons, note, noteSent,
    choose(a: FeedbackAnswer) {
      setAnswer(a);
      setReasons([]);
      setNoteSent(false);
      send({ type: 'feedback', answer: a, reasons: [] });
    },
    toggle(r: FeedbackReason) {
      if (!answer) return;
      const next = reasons.includes(r) ? reasons.filter((x) => x !== r) : [...reasons, r];
      setReasons(next);
      sendWith(answer, next, noteSent);
    },
    setNote(text: string) {
      setNoteText(text);
      setNoteSent(false);
    },
    sendNote() {
      if (!answer || !note.trim()) return;
      sendWith(answer, reasons, true);
      setNoteSent(true);
    },
  };
}

export type FeedbackDraft = ReturnType<typeof useFeedbackDraft>;
