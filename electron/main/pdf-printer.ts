import { BrowserWindow } from 'electron';
import type { PdfRenderer } from '../services/export/pdf-renderer';

// The app's PdfRenderer: a hidden, sandboxed window with JavaScript off, in its own in-memory
// session, loads the post-mortem's HTML from a data: URL (in memory, no temp file) and
// prints it with printToPDF. The window is destroyed in `finally`, whatever happened.
// Chromium caps URLs at 2 MB, which bounds the printable HTML here (about 2,500 timeline rows).

const mm = (n: number): number => n / 25.4; // printToPDF margins are in inches

export const pdfWindowOptions = {
  show: false,
  width: 900,
  height: 1200,
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    javascript: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    // Not "persist:": nothing of the document is kept on disk.
    partition: 'cordon-pdf',
  },
} as const;

export function createElectronPdfRenderer(): PdfRenderer {
  return {
    async render(html, { pageSize, headerHtml, footerHtml }) {
      const window = new BrowserWindow(pdfWindowOptions);
      try {
        await window.webContents.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
        const pdf = await window.webContents.printToPDF({
          pageSize,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: headerHtml,
          footerTemplate: footerHtml,
          margins: { top: mm(20), bottom: mm(18), left: mm(15), right: mm(15) },
          preferCSSPageSize: true,
        });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } finally {
        window.destroy();
      }
    },
  };
}
