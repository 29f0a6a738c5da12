import type { FeedbackAnswer, FeedbackReason } from '../../protocol/commands.ts';

export const ANSWERS: { answer: FeedbackAnswer; label: string; mark: string }[] = [
  { answer: 'real', label: 'Real problem', mark: '✔' },
  { answer: 'false_alarm', label: 'False alarm', mark: '✖' },
  { answer: 'not_sure', label: 'Not sure', mark: '?' },
];

export const REASONS: { reason: FeedbackReason; label: string }[] = [
  { reason: 'sensor_fault', label: 'Sensor fault' },
  { reason: 'planned_work', label: 'Planned work' },
  { reason: 'process_change', label: 'Process change' },
  { reason: 'already_fixed', label: 'Already fixed' },
  { reason: 'other', label: 'Other' },
];

export const COMMAND_WORD = {
  acknowledge: 'Acknowledge', shelve: 'Shelve', feedback: 'Answer', unshelve: 'Unshelve',
  out_of_service: 'Out of service', return_to_service: 'Return to service',
} as const;
