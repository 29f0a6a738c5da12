import { useState } from 'react';
import type { FeedbackAnswer, FeedbackReason } from '../../protocol/commands.ts';
import type { AlertCommand } from './use-alert-command.ts';

/**
 * The operator's answer in progress: the answer is sent at the first touch; reasons and a note
 * can follow and are sent as a new version of the answer.
 */
export function useFeedbackDraft(send: (c: AlertCommand) => void) {
  const [answer, setAnswer] = useState<FeedbackAnswer | null>(null);
  const [reasons, setReasons] = useState<FeedbackReason[]>([]);
  const [note, setNoteText] = useState('');
  const [detailSent, setDetailSent] = useState(false);
  return {
    answer, reasons, note, detailSent,
    choose(a: FeedbackAnswer) {
      setAnswer(a);
      setDetailSent(false);
      send({ type: 'feedback', answer: a, reasons: [] });
    },
    toggle(r: FeedbackReason) {
      setDetailSent(false);
      setReasons((rs) => (rs.includes(r) ? rs.filter((x) => x !== r) : [...rs, r]));
    },
    setNote(text: string) {
      setNoteText(text);
      setDetailSent(false);
    },
    sendDetail() {
      if (!answer) return;
      send({ type: 'feedback', answer, reasons, ...(note.trim() ? { note: note.trim() } : {}) });
      setDetailSent(true);
    },
  };
}

export type FeedbackDraft = ReturnType<typeof useFeedbackDraft>;
