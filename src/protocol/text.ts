import { z } from 'zod';

/**
 * Characters that show nothing or change the direction of the text around them:
 * control characters (Cc: NUL, tab, newline…), format characters (Cf: the bidi embeddings, overrides
 * and isolates U+202A–U+202E and U+2066–U+2069, the marks U+200E/U+200F/U+061C, zero-width space,
 * joiners, word joiner U+2060, BOM U+FEFF, soft hyphen, tag characters…), line and paragraph
 * separators, the Hangul fillers and the combining grapheme joiner. In a name they hide text or
 * reorder what is shown around it (a right-to-left override reverses the rest of a sentence).
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u034F\u115F\u1160\u3164\uFFA0]/gu;
/** The same set, for a quick yes/no on every text of every result (no `g`: no lastIndex state). */
const HAS_HIDDEN = new RegExp(HIDDEN.source, 'u');

/** What a refused name is told; the characters found follow in brackets, e.g. "(U+202E)". */
export const HIDDEN_MESSAGE = 'must not contain invisible or direction-control characters';

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The distinct hidden characters in `text` as "U+202E", in order of first appearance (at most 5). */
export function hiddenChars(text: string): string[] {
  if (!HAS_HIDDEN.test(text)) return [];
  const found = new Set<string>();
  for (const m of text.matchAll(HIDDEN)) {
    found.add(codePoint(m[0]));
    if (found.size === 5) break;
  }
  return [...found];
}

/** `text` with hidden characters written as `\u202E`, so a message can show where they are. */
function escapeHidden(text: string): string {
  return text.replace(HIDDEN, (c) => `\\u${codePoint(c).slice(2)}`);
}

const messageFor = (found: string[]) => `${HIDDEN_MESSAGE} (${found.join(', ')})`;

/** A name schema that refuses hidden characters, e.g. `visibleName(z.string().trim().min(1).max(64))`. */
export function visibleName<T extends z.ZodType<string>>(schema: T): T {
  return schema.superRefine((v, ctx) => {
    const found = hiddenChars(v);
    if (found.length) ctx.addIssue({ code: 'custom', message: messageFor(found) });
  });
}

/**
 * Refuses hidden characters in every text of a parsed object: each string value and each record key,
 * with the path of the field (a key is quoted with its hidden characters escaped). For schemas whose
 * texts are all names (an edge's result, a plant's catalogue): `.superRefine(refuseHiddenText)`.
 */
export function refuseHiddenText(value: unknown, ctx: z.RefinementCtx, path: PropertyKey[] = []): void {
  if (typeof value === 'string') {
    const found = hiddenChars(value);
    if (found.length) ctx.addIssue({ code: 'custom', path, message: messageFor(found) });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => refuseHiddenText(v, ctx, [...path, i]));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = hiddenChars(k);
      if (found.length) ctx.addIssue({ code: 'custom', path, message: `key "${escapeHidden(k)}" ${messageFor(found)}` });
      refuseHiddenText(v, ctx, [...path, k]);
    }
  }
}

/** Free text without its hidden characters; line breaks and tabs stay (a note may have lines). */
export function stripHidden(text: string): string {
  return text.replace(HIDDEN, (c) => (c === '\n' || c === '\t' ? c : ''));
}

/**
 * Free text a person types (a shelve reason, a feedback note): hidden characters are dropped before
 * `schema` checks it, rather than refused, since the person cannot see what to remove.
 */
export function strippedText<T extends z.ZodType<string, string>>(schema: T) {
  return z.string().transform(stripHidden).pipe(schema);
}
