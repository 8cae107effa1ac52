// Renders resources/icon.svg to the PNG sizes electron-builder and Linux desktops use.
// Run by hand after changing the SVG (needs Chromium): node resources/render-icons.mjs
import { chromium } from '@playwright/test';
import { readFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const svg = await readFile(join(here, 'icon.svg'), 'utf8');
const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
await mkdir(join(here, 'icons'), { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage();
for (const size of sizes) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: join(here, 'icons', `${size}x${size}.png`), omitBackground: true });
}
await page.setViewportSize({ width: 512, height: 512 });
await page.screenshot({ path: join(here, 'icon.png'), omitBackground: true });
await browser.close();
