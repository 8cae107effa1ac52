// Renders resources/icon.svg to the PNG sizes electron-builder and Linux desktops use.
// Run by hand after changing the SVG (needs Chromium): node resources/render-icons.mjs
import { chromium } from '@playwright/test';
import { accessSync, constants } from 'node:fs';
import { readFile, mkdir } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const svg = await readFile(join(here, 'icon.svg'), 'utf8');
const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
await mkdir(join(here, 'icons'), { recursive: true });
// CHROMIUM_PATH, else a Chromium or Chrome on PATH, else Playwright's own download.
const onPath = (name) =>
  (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find((file) => {
      try {
        accessSync(file, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
const executablePath = process.env.CHROMIUM_PATH ?? ['chromium', 'chromium-browser', 'google-chrome'].map(onPath).find(Boolean);
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
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
