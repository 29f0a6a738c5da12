import { createStore, get, set, type UseStore } from 'idb-keyval';
import type { OperatorCommandInput } from '../protocol/commands.ts';

/**
 * Commands made while offline, kept in IndexedDB so that they survive a reload, sent in order
 * after the next (re)connect. Commands are idempotent by `commandId`, so a resend is harmless.
 */
export interface Outbox {
  list(): Promise<OperatorCommandInput[]>;
  add(command: OperatorCommandInput): Promise<void>;
  remove(commandId: string): Promise<void>;
}

const KEY = 'outbox';

export function idbOutbox(): Outbox {
  let store: UseStore | null = null;
  const db = () => (store ??= createStore('clearline', 'commands'));
  // Serialise read-modify-write so that two quick commands do not lose one another.
  let chain: Promise<unknown> = Promise.resolve();
  const update = (fn: (list: OperatorCommandInput[]) => OperatorCommandInput[]) => {
    const next = chain.then(async () => set(KEY, fn((await get<OperatorCommandInput[]>(KEY, db())) ?? []), db()));
    chain = next.catch(() => undefined);
    return next;
  };
  return {
    list: async () => {
      await chain;
      return (await get<OperatorCommandInput[]>(KEY, db())) ?? [];
    },
    add: (command) => update((list) => (list.some((c) => c.commandId === command.commandId) ? list : [...list, command])),
    remove: (commandId) => update((list) => list.filter((c) => c.commandId !== commandId)),
  };
}

/** An outbox in memory, for tests and for browsers without IndexedDB. */
export function memoryOutbox(): Outbox {
  let items: OperatorCommandInput[] = [];
  return {
    list: async () => [...items],
    add: async (command) => {
      if (!items.some((c) => c.commandId === command.commandId)) items = [...items, command];
    },
    remove: async (commandId) => {
      items = items.filter((c) => c.commandId !== commandId);
    },
  };
}
