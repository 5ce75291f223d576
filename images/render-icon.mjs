// Renders images/icon.svg to images/icon.png (128×128, the size the Marketplace and Open VSX show)
// with Debian's Chromium driven by playwright-core: node images/render-icon.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const HERE = import.meta.dirname;
const SIZE = 128;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  const svg = readFileSync(join(HERE, 'icon.svg'), 'utf8');
  await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
  const png = await page.screenshot({ omitBackground: true });
  // The IHDR chunk holds width and height at bytes 16–23: refuse an image of another size.
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  if (width !== SIZE || height !== SIZE) throw new Error(`Chromium rendered ${width}×${height}, not ${SIZE}×${SIZE}`);
  writeFileSync(join(HERE, 'icon.png'), png);
  console.log(`images/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
} finally {
  await browser.close();
}
