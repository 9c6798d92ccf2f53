// render-icon: media/icon.svg -> media/icon.png (128x128, the Marketplace icon), rendered by the
// Chromium that the UI tests use. Run after editing the SVG: `npx tsx scripts/render-icon.ts`.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
    const svg = readFileSync(path.join(root, 'media/icon.svg'), 'utf8');
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(root, 'media/icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
}

void main();
