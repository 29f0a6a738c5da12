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
import { benchResult } from '../../bench/lib/results.ts';
import { countTried, expectStillServing, plant, relayUnderAttack } from './bad-input-support.ts';

// jsdom ships no type declarations; it only parses the rendered markup here.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => { window: Window } };

const target = relayUnderAttack(import.meta.filename);

describe('injection strings in names rendered by the app', () => {
  const HOSTILE_TEXT = ['<script>window.pwned=1</script>', '<img src=x onerror=window.pwned=1>', '"><svg onload=window.pwned=1>', 'javascript:window.pwned=1', '{{constructor.constructor("pwned")()}}'];

  it('stores hostile names as text and renders them as text: no element, attribute or URL comes from the input', async () => {
    const { relay } = target;
    const s = io(`${relay.url}/edge`, { auth: { key: target.edgeKey }, transports: ['websocket'], forceNew: true });
    const batch = HOSTILE_TEXT.flatMap((h, i) => [0, 1, 2].map((r) => {
      const res = benchResult(`inj-${i}-${r}`, { plant, line: 'inj', asset: `a${i}`, score: 0.95, label: h.slice(0, 64) });
      res.model = { name: h.slice(0, 64), version: h.slice(0, 64) };
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
          expect(attr.value, `attribute ${attr.name}`).not.toMatch(/^\s*javascript:/i);
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

it('still takes valid traffic and answers health afterwards', () => expectStillServing(target));
