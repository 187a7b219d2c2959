// The web UI in Debian's chromium (playwright-core, never a downloaded
// browser) against a real server over a real database: the Kursk sample as
// the default pipeline analyses it, plus a hostile article. Screenshots go to
// artifacts/screenshots/ for CI's log. Skips, saying so, without chromium.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSample } from '../../src/cli/commands/demo.ts';
import { makeDocument } from '../../src/ingest/index.ts';
import type { Extraction } from '../../src/model/index.ts';
import { ensureWeb, type RunningServer, startServer } from '../../src/server/index.ts';
import { extractDocument } from '../../src/service/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(process.cwd(), 'artifacts', 'screenshots');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`test/browser: skipped, ${CHROMIUM} is absent (apt-get install -y chromium)`);

/** Markup an attacker might plant in an article's text, title and URL. */
const HOSTILE_TEXT = [
  'Officials in Kharkiv said <script>window.__pwned = "script"</script> shelling hit the city on Monday.',
  'A witness wrote <img src=x onerror="window.__pwned = \'img\'"> and <a href="javascript:window.__pwned=\'link\'">click here</a>.',
  'Ukrainian President Volodymyr Zelensky condemned the attack <iframe src="javascript:parent.__pwned=1"></iframe> on Tuesday.',
].join('\n');

let dir: string;
let store: Store;
let server: RunningServer;
let browser: Browser;
let kursk: Extraction;
let hostile: Extraction;

async function openPage(hash: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector('#app[data-loaded=true]', { timeout: 30_000 });
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  console.log(`screenshot: ${path}`);
}

describe.skipIf(!hasChromium)('web UI in chromium', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'sitrep-browser-'));
    store = openStore(join(dir, 'ui.db'));
    kursk = ingestSample(store);
    const { document } = makeDocument({
      origin: 'hostile.txt',
      text: HOSTILE_TEXT,
      title: '<img src=x onerror="window.__pwned=\'title\'">Hostile',
      url: 'javascript:window.__pwned="url"',
      published: '2024-08-20',
    });
    hostile = extractDocument(document);
    store.ingest(hostile);
    const webRoot = await ensureWeb();
    server = await startServer({ store, host: '127.0.0.1', port: 0, webRoot, log: () => {} });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the Kursk events on the offline map', async () => {
    const page = await openPage('#/');
    await page.waitForSelector('#map[data-idle=true]', { timeout: 60_000 });
    const places = await page.$$eval('.event-marker', (els) => els.map((e) => (e as HTMLElement).dataset.place ?? ''));
    expect(places.length).toBeGreaterThan(0);
    expect(places.some((p) => /Kursk|Sudzha/.test(p))).toBe(true);
    // The basemap is drawn from world-atlas: Russia and Ukraine are features on screen.
    const countries = await page.evaluate(() => {
      const map = (
        window as unknown as { sitrepMap: { queryRenderedFeatures(o: { layers: string[] }): Array<{ properties: { name?: string } }> } }
      ).sitrepMap;
      return [...new Set(map.queryRenderedFeatures({ layers: ['land'] }).map((f) => f.properties.name))].sort();
    });
    expect(countries).toContain('Russia');
    expect(countries).toContain('Ukraine');
    const bars = await page.$$eval('.timeline .bar rect[data-type]', (els) => els.length);
    expect(bars).toBeGreaterThan(0);
    const rows = await page.$$eval(`table.events tbody tr[data-document="${kursk.document.id}"]`, (els) => els.length);
    expect(rows).toBe(kursk.events.length);
    await shot(page, 'overview');
    await page.close();
  });

  it('highlights the Putin claim with status condemned in the article view', async () => {
    const claim = kursk.claims.find((c) => c.cue.text === 'condemned');
    expect(claim?.status).toBe('condemned');
    const page = await openPage(`#/doc/${kursk.document.id}?span=${claim?.cue.span.start}-${claim?.cue.span.end}`);
    const cue = page.locator('.seg.claim-cue.focus').first();
    await expect.poll(() => cue.textContent()).toBe('condemned');
    expect(await cue.getAttribute('data-claim-status')).toContain('condemned');
    const item = page.locator(`.side-claims li[data-claim="${claim?.id}"]`);
    expect(await item.getAttribute('data-status')).toBe('condemned');
    expect(await item.textContent()).toContain('Putin');
    await cue.click();
    const details = (await page.locator('.details').textContent()) ?? '';
    expect(details).toContain('condemned');
    expect(details).toMatch(/confidence\d+%/);
    await shot(page, 'article');
    // Toggling the claims layer removes the claim styling but keeps the text.
    await page.locator('input[data-layer=claims]').uncheck();
    expect(await page.locator('.article-wrap.hide-claims').count()).toBe(1);
    await page.close();
  });

  it('analyses pasted text and shows its entities', async () => {
    const page = await openPage('#/paste');
    await page.fill(
      'textarea[name=text]',
      'Russian President Vladimir Putin condemned the Ukrainian incursion into the Kursk region on Thursday.',
    );
    await page.fill('input[name=published]', '2024-08-09');
    await page.click('#analyse');
    await page.waitForSelector('#paste-result .article-text');
    const status = (await page.locator('#paste-status').textContent()) ?? '';
    expect(status).toMatch(/^1 sentence · \d+ entities/);
    const entities = await page.$$eval('#paste-result .side-entities li a', (els) => els.map((e) => e.textContent));
    expect(entities).toContain('Vladimir Putin');
    expect(await page.locator('#paste-result .seg.ent-PERSON').first().textContent()).toBe('Vladimir Putin');
    await shot(page, 'paste');
    await page.close();
  });

  it('renders a hostile article inert', async () => {
    const requests: string[] = [];
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    for (const hash of [`#/doc/${hostile.document.id}`, '#/docs', '#/claims', '#/entities']) {
      await page.goto(`${server.url}/${hash}`);
      await page.waitForSelector('#app[data-loaded=true]');
      await page.waitForTimeout(200);
    }
    await page.goto(`${server.url}/#/doc/${hostile.document.id}`);
    await page.waitForSelector('#app[data-loaded=true]');
    // The markup is shown as text…
    const text = (await page.locator('#article-text').textContent()) ?? '';
    expect(text).toBe(HOSTILE_TEXT);
    expect(await page.locator('.doc-title').textContent()).toBe('<img src=x onerror="window.__pwned=\'title\'">Hostile');
    // …and never becomes elements, handlers or live links.
    expect(await page.locator('#app script, #app img, #app iframe, #app [onerror]').count()).toBe(0);
    const hrefs = await page.$$eval('#app a', (els) => els.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.filter((h) => /^javascript:/i.test(h))).toEqual([]);
    expect(await page.locator('.doc-meta a').getAttribute('href')).toBe('#');
    // Paste the same markup into the analyser.
    await page.goto(`${server.url}/#/paste`);
    await page.waitForSelector('#app[data-loaded=true]');
    await page.fill('textarea[name=text]', HOSTILE_TEXT);
    await page.click('#analyse');
    await page.waitForSelector('#paste-result .article-text');
    expect(await page.locator('#paste-result script, #paste-result img, #paste-result iframe').count()).toBe(0);
    // Open the details of whatever the pipeline highlighted (entities, if any).
    const segs = page.locator('#paste-result .seg');
    if ((await segs.count()) > 0) await segs.first().click();
    await shot(page, 'hostile');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toBe(0);
    expect(requests.filter((u) => !u.startsWith(server.url))).toEqual([]);
    await page.close();
  });
});
