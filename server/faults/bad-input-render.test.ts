// Injection strings that the relay accepts as data and the app then shows: model names, labels, feature
// names, units and notes sent by an edge, and a plant catalogue's display names, titles and actions. The
// relay rightly stores them as text, so the defence is in rendering: the alert card and row are rendered
// with React's own renderer and inspected as a DOM (jsdom) for any element, event attribute or
// javascript: URL made from the input. Also checked: no component writes raw HTML, and the app is served
// with a CSP that allows no inline script.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/protocol/alert.ts';
import { Catalogue } from '../../src/protocol/catalogue.ts';
import type { IngestAck } from '../../src/protocol/inference.ts';
import { AlertCard } from '../../src/features/alerts/alert-card.tsx';
import { AlertRow } from '../../src/features/alerts/alert-row.tsx';
import { benchResult } from '../testing/results.ts';
import { countTried, expectStillServing, plant, relayUnderAttack } from './bad-input-support.ts';

// jsdom ships no type declarations; it only parses the rendered markup here.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => { window: Window } };

const target = relayUnderAttack(import.meta.filename);

describe('injection strings in names rendered by the app', () => {
  const TEXT_ATTRIBUTES = new Set(['title', 'aria-label', 'alt']);
  const HOSTILE_TEXT = ['<script>window.pwned=1</script>', '<img src=x onerror=window.pwned=1>', '"><svg onload=window.pwned=1>', 'javascript:window.pwned=1', '{{constructor.constructor("pwned")()}}'];

  it('stores hostile names as text and renders them as text: no element, attribute or URL comes from the input', async () => {
    const { relay } = target;
    const s = io(`${relay.url}/edge`, { auth: { key: target.edgeKey }, transports: ['websocket'], forceNew: true });
    // Model name and label are parts of the alert key, which refuses '/' in them (issue #11 point 13).
    const keyPart = (h: string) => h.replaceAll('/', '').slice(0, 64);
    const batch = HOSTILE_TEXT.flatMap((h, i) => [0, 1, 2].map((r) => {
      const res = benchResult(`inj-${i}-${r}`, { plant, line: 'inj', asset: `a${i}`, score: 0.95, label: keyPart(h) });
      res.model = { name: keyPart(h), version: h.slice(0, 64) };
      res.attributions = [{ feature: h, value: 1, contribution: 0.5, unit: h.slice(0, 32) }, { feature: 'flow', value: 2, contribution: 0.35 }];
      res.meta = { note: h };
      return res;
    }));
    countTried(batch.length);
    const ack = (await s.emitWithAck('inference', batch)) as IngestAck;
    s.close();
    expect(ack.rejected).toEqual([]);
    await relay.app.host.drain();
    const alerts: Alert[] = await relay.store.openAlerts({ plant, line: 'inj' });
    expect(alerts).toHaveLength(HOSTILE_TEXT.length);
    for (const [i, alert] of alerts.entries()) {
      const h = HOSTILE_TEXT[i % HOSTILE_TEXT.length]!;
      // The plant's catalogue is hostile too: display names, units, titles and actions.
      const catalogue = Catalogue.parse({
        plant, features: [{ feature: alert.last.attributions![0]!.feature, displayName: h.slice(0, 64), unit: h.slice(0, 16) }],
        assets: { [alert.asset]: h.slice(0, 64) }, lines: { inj: h.slice(0, 64) }, labels: { [alert.label]: h.slice(0, 96) }, actions: { [alert.label]: h },
      });
      const html = renderToStaticMarkup(createElement('div', null,
        createElement(AlertCard, { alert, catalogue, now: Date.now() }),
        createElement(AlertRow, { alert, catalogue: undefined, now: Date.now(), grouped: 0, selected: false, onSelect: () => undefined })));
      countTried();
      const { document } = new JSDOM(`<!doctype html><body>${html}</body>`).window;
      expect(document.querySelectorAll('script, img, svg[onload], iframe, object, embed').length, 'elements made from input').toBe(0);
      for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
          expect(attr.name, `attribute ${attr.name} on <${el.tagName}>`).not.toMatch(/^on/i);
          // A name's full text in a tooltip is text, not a URL; every other attribute must not be one.
          if (!TEXT_ATTRIBUTES.has(attr.name)) expect(attr.value, `attribute ${attr.name}`).not.toMatch(/^\s*javascript:/i);
        }
      }
      const text = document.body.textContent ?? '';
      expect(HOSTILE_TEXT.some((h) => text.includes(h.slice(0, 20))), 'the hostile string is shown as text').toBe(true);
    }
  }, 60_000);

  it('no component writes raw HTML (dangerouslySetInnerHTML / innerHTML / outerHTML / insertAdjacentHTML / document.write)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(f) && !/\.test\./.test(f)) files.push(p);
      }
    };
    walk(join(import.meta.dirname, '../../src'));
    const offenders = files.filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('serves the app with a CSP that allows no inline script', async () => {
    const res = await fetch(`${target.relay.url}/healthz`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });
});

describe('odd text and numbers: direction controls, invisible characters, long names, huge values', () => {
  const HIDDEN_MESSAGE = 'must not contain invisible or direction-control characters';
  const publish = async (batch: ReturnType<typeof benchResult>[]) => {
    const s = io(`${target.relay.url}/edge`, { auth: { key: target.edgeKey }, transports: ['websocket'], forceNew: true });
    countTried(batch.length);
    try {
      return (await s.emitWithAck('inference', batch)) as IngestAck;
    } finally {
      s.close();
    }
  };

  it('refuses names with a right-to-left override or a zero-width character at ingest, naming the field', async () => {
    const withFeature = (id: string, feature: string) => {
      const r = benchResult(id, { plant, line: 'odd', asset: 'p1', score: 0.95 });
      r.attributions = [{ feature, value: 18, contribution: 0.5 }];
      return r;
    };
    const label = benchResult('odd-label', { plant, line: 'odd', asset: 'p1', score: 0.95, label: 'valve\u200Bclosure' });
    const model = benchResult('odd-model', { plant, line: 'odd', asset: 'p1', score: 0.95 });
    model.model = { name: 'pump\u202Ewatch', version: '1' };
    const ack = await publish([withFeature('odd-rlo', 'wolf\u202E'), withFeature('odd-zw', 'fl\u200Bow'), label, model]);
    expect(ack.accepted).toEqual([]);
    expect(ack.rejected).toEqual([
      { index: 0, id: 'odd-rlo', code: 'invalid', reason: `invalid: attributions.0.feature: ${HIDDEN_MESSAGE} (U+202E)` },
      { index: 1, id: 'odd-zw', code: 'invalid', reason: `invalid: attributions.0.feature: ${HIDDEN_MESSAGE} (U+200B)` },
      { index: 2, id: 'odd-label', code: 'invalid', reason: `invalid: label: ${HIDDEN_MESSAGE} (U+200B)` },
      { index: 3, id: 'odd-model', code: 'invalid', reason: `invalid: model.name: ${HIDDEN_MESSAGE} (U+202E)` },
    ]);
  });

  it('refuses a catalogue whose display names carry them, naming the field', async () => {
    countTried(2);
    const put = (body: unknown) => fetch(`${target.relay.url}/api/v1/catalogue/${plant}`, {
      method: 'PUT', headers: { cookie: target.admin, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    const rlo = await put({ plant, features: [{ feature: 'flow', displayName: 'Flow\u202E rate' }], assets: {}, lines: {}, labels: {}, actions: {} });
    expect(rlo.status).toBe(400);
    expect(((await rlo.json()) as { error: string }).error).toContain(`features.0.displayName: ${HIDDEN_MESSAGE} (U+202E)`);
    const zw = await put({ plant, features: [], assets: { p1: 'Pump\u200B 1' }, lines: {}, labels: {}, actions: {} });
    expect(zw.status).toBe(400);
    expect(((await zw.json()) as { error: string }).error).toContain(`assets.p1: ${HIDDEN_MESSAGE} (U+200B)`);
  });

  it('shows a 127-character name and a value of 1e300 in short text (the layout is checked in Chromium by e2e/odd-text.spec.ts)', async () => {
    const longName = 'a'.repeat(127);
    const batch = [0, 1, 2].map((r) => {
      const res = benchResult(`odd-long-${r}`, { plant, line: 'odd', asset: 'p2', score: 0.95 });
      res.attributions = [{ feature: longName, value: 1e300, contribution: 0.5, baseline: 1 }, { feature: 'flow', value: 2, contribution: 0.35 }];
      return res;
    });
    const ack = await publish(batch);
    expect(ack.rejected).toEqual([]);
    await target.relay.app.host.drain();
    const [alert] = (await target.relay.store.openAlerts({ plant, line: 'odd' })).filter((a) => a.asset === 'p2');
    expect(alert).toBeDefined();
    const html = renderToStaticMarkup(createElement(AlertCard, { alert: alert!, catalogue: undefined, now: Date.now() }));
    const { document } = new JSDOM(`<!doctype html><body>${html}</body>`).window;
    const text = document.body.textContent ?? '';
    expect(text).toContain('1E300');
    expect(text, 'no long run of digits').not.toMatch(/[\d,]{16}/);
    expect(document.querySelector('[data-testid=alert-sentence]')?.textContent).toBe(`“${longName[0]!.toUpperCase()}${longName.slice(1)} 1E300 is above its usual 1.”`);
  });
});

it('still takes valid traffic and answers health afterwards', () => expectStillServing(target));
