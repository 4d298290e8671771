import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { baseUrl, launch, watchExternalRequests } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser.close());

test('the status page shows the demo tenant with card counts by status and year', async () => {
  const page = await browser.newPage();
  const external = watchExternalRequests(page);
  await page.goto(`${baseUrl}/`);
  const demo = page.locator('section[data-tenant="DEMO"]');
  await demo.waitFor();
  assert.match((await demo.locator('h2').textContent()) ?? '', /Demoland/);
  assert.match((await demo.textContent()) ?? '', /synthetic demo data/);
  const count = Number(((await demo.getByTestId('card-count').textContent()) ?? '').replace(/,/g, ''));
  assert.equal(count, 3000);
  assert.ok((await demo.locator('.bars div').count()) >= 25, 'a bar per year');
  await page.screenshot({ path: 'test-results/status-page.png', fullPage: true });
  assert.deepEqual(external, []);
  await page.close();
});

test('the API docs page renders the OpenAPI document from bundled assets', async () => {
  const page = await browser.newPage();
  const external = watchExternalRequests(page);
  await page.goto(`${baseUrl}/api/docs`);
  await page.locator('.swagger-ui .info .title').waitFor({ timeout: 30_000 });
  assert.match((await page.locator('.swagger-ui .info .title').textContent()) ?? '', /LossLedger API/);
  await page.locator('.opblock-tag-section').first().waitFor();
  const tags = await page.locator('.opblock-tag').allTextContents();
  assert.ok(
    tags.some((t) => t.includes('Datacards')),
    `tags: ${tags.join(', ')}`,
  );
  await page.screenshot({ path: 'test-results/api-docs.png', fullPage: false });
  assert.deepEqual(external, []);
  await page.close();
});
