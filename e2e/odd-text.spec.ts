import { expect, test, type APIRequestContext, type Locator } from '@playwright/test';
import { DEMO_EDGE_KEY, DEMO_PASSWORD, startDemo, type Demo } from './support/demo.ts';

/**
 * Odd text and numbers from an edge on the operator panel (issue #11 point 15), in Chromium: names
 * with direction controls or invisible characters are refused at the door; a right-to-left name does
 * not reorder the sentence around it; a 127-character name, a 64-character asset name and a value of
 * 1e300 stay inside the card.
 */

let demo: Demo;
test.beforeAll(async () => {
  demo = await startDemo();
});
test.afterAll(async () => {
  await demo?.stop();
});

const LINE = 'oddtext';
const ASSET = 'odd-asset';
const HEBREW = 'ספיקה'; // "flow": a right-to-left name with no controls is a valid name
const LONG = 'a'.repeat(127); // no break opportunity anywhere: the worst case for wrapping
const ASSET_NAME = 'B'.repeat(64);
const FSI = '\u2068';
const PDI = '\u2069';

const result = (id: string, ts: number, attributions: unknown[]) => ({
  id, ts, plant: 'demo', line: LINE, asset: ASSET, model: { name: 'pump-watch', version: '9.9.9' }, score: 0.95, threshold: 0.8, attributions,
});

async function publish(request: APIRequestContext, body: unknown[]) {
  const res = await request.post(`${demo.url}/api/v1/inferences`, { headers: { authorization: `Bearer ${DEMO_EDGE_KEY}` }, data: body });
  expect(res.status()).toBe(202);
  return (await res.json()) as { accepted: string[]; rejected: { index: number; id?: string; reason: string }[] };
}

/** The on-screen box of the first occurrence of `text` inside `el` (one text node holds it). */
function boxOf(el: Locator, text: string) {
  return el.evaluate((root, t) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent!.indexOf(t);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + t.length);
      const r = range.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }
    throw new Error(`"${t}" not found`);
  }, text);
}

test('names with direction controls or invisible characters are refused at ingest with the field named', async ({ request }) => {
  const ts = Date.now();
  const ack = await publish(request, [
    result('odd-rlo', ts, [{ feature: 'wolf\u202E', value: 1, contribution: 0.5 }]),
    result('odd-zw', ts, [{ feature: 'fl\u200Bow', value: 1, contribution: 0.5 }]),
  ]);
  expect(ack.accepted).toEqual([]);
  expect(ack.rejected.map((r) => r.reason)).toEqual([
    'invalid: attributions.0.feature: must not contain invisible or direction-control characters (U+202E)',
    'invalid: attributions.0.feature: must not contain invisible or direction-control characters (U+200B)',
  ]);
});

test('a right-to-left name, a 127-character name, a long asset name and 1e300 stay in order and inside the card @both-sizes', async ({ page }, info) => {
  // The plant's catalogue names the asset with 64 characters and no space.
  expect((await page.request.post(`${demo.url}/api/v1/session`, { data: { username: 'admin', password: DEMO_PASSWORD } })).status()).toBe(200);
  const cat = (await (await page.request.get(`${demo.url}/api/v1/catalogue/demo`)).json()) as { assets: Record<string, string> };
  const put = await page.request.put(`${demo.url}/api/v1/catalogue/demo`, { data: { ...cat, assets: { ...cat.assets, [ASSET]: ASSET_NAME } } });
  expect(put.status()).toBe(200);

  // Three results over the threshold raise the alert (the policy's on-delay).
  const ts = Date.now() - 3000;
  const ack = await publish(page.request, [0, 1, 2].map((i) => result(`odd-${info.project.name}-${i}`, ts + i * 1000, [
    { feature: HEBREW, value: 18, contribution: 0.5, baseline: 30 },
    { feature: LONG, value: 1e300, contribution: 0.3, baseline: 1 },
  ])));
  expect(ack.rejected).toEqual([]);

  await page.goto(`${demo.url}/panel/demo/${LINE}`);
  const card = page.getByTestId('alert-card');
  await expect(card).toBeVisible();
  const sentence = card.getByTestId('alert-sentence');
  await expect(sentence).toContainText(HEBREW);
  // Soft checks: each failure is reported, not only the first.

  // Visual order: the name is followed, on screen, by its value (an unisolated right-to-left name
  // pulls the number after it to its left).
  const name = await boxOf(sentence, HEBREW);
  const value = await boxOf(sentence, ' 18 is');
  expect.soft(Math.abs(name.top - value.top), 'name and value on one line').toBeLessThan(2);
  expect.soft(name.right, 'the value follows the name').toBeLessThanOrEqual(value.left + 1);

  // Nothing runs out of the card, and the page does not scroll sideways.
  const widths = await card.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect.soft(widths.scroll, `card scrollWidth ${widths.scroll} > clientWidth ${widths.client}`).toBeLessThanOrEqual(widths.client);
  expect.soft(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'page fits its width').toBe(true);
  // The title wraps the long asset name (or, on a short screen, cuts it with an ellipsis and keeps
  // it whole in the tooltip), and the name starts inside the heading either way.
  const heading = card.getByRole('heading', { level: 2 });
  await expect.soft(heading).toHaveAttribute('title', new RegExp(` — ${ASSET_NAME}$`));
  const h = await heading.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, right: el.getBoundingClientRect().right, cut: getComputedStyle(el).textOverflow === 'ellipsis' }));
  if (!h.cut) expect.soft(h.scroll, 'heading fits the card').toBeLessThanOrEqual(h.client);
  expect.soft((await boxOf(heading, 'BBBB')).left, 'the asset name shows in the heading').toBeLessThan(h.right - 40);

  // The sentence in its order, the value short; the long name comes before its value.
  const longShown = `A${LONG.slice(1)}`; // the raw tag, made readable: first letter upper case
  await expect.soft(sentence).toHaveText(`“${FSI}${HEBREW}${PDI} 18 is below its usual 30; ${longShown} 1E300 is above its usual 1.”`);
  await expect.soft(card).not.toContainText('000,000,000');
  await expect(card.getByTestId('why-bars')).toContainText('1E300');
  const long = await boxOf(sentence, longShown);
  const huge = await boxOf(sentence, '1E300');
  expect(long.top < huge.top || long.right <= huge.left + 1, 'the long name comes before its value').toBe(true);
  // A long name cut short in the bars keeps its full text in a title.
  await expect(card.getByTestId('why-bars').getByTitle(longShown)).toBeVisible();
  await page.screenshot({ path: info.outputPath(`odd-text-${info.project.name}.png`) });
});
