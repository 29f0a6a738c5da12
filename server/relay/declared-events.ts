import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { describeIssues } from '../../src/protocol/common.ts';
import type { BrowserToServerEvents, ServerToBrowserEvents } from '../../src/protocol/events.ts';
import type { RefusalCode } from '../../src/protocol/refusal.ts';
import type { Me } from '../../src/protocol/session.ts';
import {
  browserEventDeclaration, type BrowserAskEvent, type BrowserEventDeclaration, type BrowserNoticeEvent, type BrowserSocketEvents,
} from '../../src/protocol/socket-events.ts';
import { atLeast, inScope } from '../auth/scope.ts';
import { refusedAck } from './refused.ts';

export type DeclaredSocket = Socket<BrowserToServerEvents, ServerToBrowserEvents, Record<string, never>, { token: string }>;

type Request<E extends keyof BrowserSocketEvents> = z.output<BrowserSocketEvents[E]['request']>;
type Answer<E extends BrowserAskEvent> = z.input<BrowserSocketEvents[E]['answer']>;

/** socket.io's typed `on` cannot take an event picked by a type parameter: registration goes through this view. */
type Untyped = { on(event: string, listener: (raw: unknown, ack?: unknown) => void): void };

function declarationOf<K extends BrowserEventDeclaration['kind']>(event: string, kind: K): Extract<BrowserEventDeclaration, { kind: K }> {
  const declared = browserEventDeclaration(event);
  // A handler without a declaration would have no role or scope rule: refused when it is registered.
  if (declared?.kind !== kind) throw new Error(`socket event '${event}' has no ${kind} declaration in src/protocol/socket-events.ts`);
  return declared as Extract<BrowserEventDeclaration, { kind: K }>;
}

export interface AnswerOptions<E extends BrowserAskEvent> {
  /**
   * Answers a refusal (role, scope) of a well-formed request, instead of the declared refusal answer:
   * for commands, whose every refusal is audited.
   */
  refuse?: (me: Me, request: Request<E>, code: RefusalCode, reason: string) => Promise<Answer<E>>;
}

/**
 * Registers the handler of an answered browser event from its declaration: the person is read again
 * (a session may end, a panel's operator changes while the socket stays open), then the request is
 * parsed, the role and scope rule checked, and only then `handle` runs. Every refusal, thrown or
 * returned, is answered in the declared shape with a code.
 */
export function answerDeclared<E extends BrowserAskEvent>(
  socket: DeclaredSocket, event: E, whoIs: (token: string) => Promise<Me>,
  handle: (me: Me, request: Request<E>) => Promise<Answer<E>>, opts: AnswerOptions<E> = {},
) {
  const declared = declarationOf(event, 'ask');
  const refusedAnswer = (raw: unknown, code: RefusalCode, reason: string) => declared.refused(raw, code, reason) as Answer<E>;
  (socket as unknown as Untyped).on(event, (raw, ack) => {
    if (typeof ack !== 'function') return; // a sender that does not wait for the answer cannot be told a refusal
    answer(raw).then((a) => ack(a), (err: unknown) => {
      const { code, reason } = refusedAck(err);
      ack(refusedAnswer(raw, code, reason));
    });
  });

  async function answer(raw: unknown): Promise<Answer<E>> {
    const me = await whoIs(socket.data.token);
    const parsed = declared.request.safeParse(raw);
    if (!parsed.success) return refusedAnswer(raw, 'invalid', `invalid: ${describeIssues(parsed.error)}`);
    const request = parsed.data as Request<E>;
    const refuse = (code: RefusalCode, reason: string) => (opts.refuse ? opts.refuse(me, request, code, reason) : refusedAnswer(raw, code, reason));
    if (!atLeast(me.role, declared.role)) return refuse('forbidden', `forbidden: ${me.role}s cannot ${declared.denied}`);
    if (declared.scope === 'request') {
      const { plant, line } = request as { plant: string; line?: string };
      if (!inScope(me.scopes, plant, line)) return refuse('forbidden', `forbidden: ${plant}${line ? '/' + line : ''} is outside your scope`);
    }
    return handle(me, request);
  }
}

/**
 * Registers the handler of an unanswered browser event from its declaration: a malformed request is
 * ignored. Declared as needing only the connection, so the person is not read again and the handler
 * runs at once (a leave is never held up behind a store read).
 */
export function actOnDeclared<E extends BrowserNoticeEvent>(socket: DeclaredSocket, event: E, act: (request: Request<E>) => void) {
  const declared = declarationOf(event, 'notice');
  (socket as unknown as Untyped).on(event, (raw) => {
    const parsed = declared.request.safeParse(raw);
    if (parsed.success) act(parsed.data as Request<E>);
  });
}
