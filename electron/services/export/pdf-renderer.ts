// The one seam between the post-mortem export and whatever prints HTML to PDF: Electron's
// printToPDF in the app (electron/main/pdf-printer.ts), Chromium through playwright-core in
// the harness, the CLI and tests (./chromium-pdf.ts). The HTML is passed in memory: nothing
// is written to a temp file.

export interface PdfRenderOptions {
  pageSize: 'A4' | 'Letter';
  /** Chromium header/footer templates; `pageNumber` and `totalPages` spans are filled in by the printer. */
  headerHtml: string;
  footerHtml: string;
}

export interface PdfRenderer {
  render(html: string, options: PdfRenderOptions): Promise<Uint8Array>;
}

/** Page margins for the header and footer to sit in; the same for both printers. */
export const pdfMargins = { top: '20mm', bottom: '18mm', left: '15mm', right: '15mm' } as const;
