import type { Browser } from 'playwright-core';
import { CordonError } from '../../../shared/ipc/result';
import { chromiumOnThisMachine } from './find-chromium';
import { pdfMargins, type PdfRenderer } from './pdf-renderer';

// PDF through a headless Chromium driven by playwright-core: the harness's, the CLI's and the
// tests' printer. playwright-core is imported on the first PDF, not at start-up (importing it
// was most of the harness's boot and of `cordon --help`). The browser is launched on first use
// and kept for later exports; each
// render gets a fresh context with JavaScript off and the network offline, and the HTML is
// handed over with setContent (in memory, no temp file).

export interface ChromiumPdfOptions {
  executablePath?: string;
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function createChromiumPdfRenderer(options: ChromiumPdfOptions = {}): PdfRenderer & { close(): Promise<void> } {
  let browser: Promise<Browser> | null = null;
  // Looked up on first use: a machine may get its Chromium after the app started.
  let executablePath = options.executablePath ?? null;

  const launch = async (): Promise<Browser> => {
    const { chromium } = await import('playwright-core');
    executablePath ??= chromiumOnThisMachine(chromium);
    if (executablePath === null) throw new Error('no Chromium');
    browser ??= chromium.launch({ executablePath, headless: true, args: chromiumArgs }).then(
      (b) => {
        b.on('disconnected', () => (browser = null));
        return b;
      },
      (error: unknown) => {
        browser = null;
        throw error;
      },
    );
    return browser;
  };

  return {
    async render(html, { pageSize, headerHtml, footerHtml }) {
      let b: Browser;
      try {
        b = await launch();
      } catch (error) {
        throw new CordonError(
          'unavailable',
          executablePath === null
            ? 'Cordon found no Chromium or Google Chrome to print the PDF (install one, or set CHROMIUM_PATH).'
            : `Cordon could not start Chromium (${executablePath}) to print the PDF.`,
          { cause: error },
        );
      }
      const context = await b.newContext({ javaScriptEnabled: false, offline: true });
      try {
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({
          format: pageSize,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: headerHtml,
          footerTemplate: footerHtml,
          margin: pdfMargins,
          preferCSSPageSize: true,
        });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } finally {
        await context.close();
      }
    },
    async close() {
      const current = browser;
      browser = null;
      if (current) await (await current.catch(() => null))?.close();
    },
  };
}
