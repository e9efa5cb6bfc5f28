/**
 * "Print / PDF" in the desktop app: the report itself, not the window. Chromium lays out the
 * report's self-contained HTML (the file `backwatch report --format html` writes, with its
 * SHA-256, maintenance windows and appliance summary) in a hidden window and prints it to a PDF
 * on the paper chosen, which goes where the admin picks in a save dialog.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PdfPageSize } from '../common/compliance-report.js';
import type { PdfDocument } from '../core/services/service-context.js';

/**
 * The HTML printed by a hidden window that runs no script and goes nowhere. It loads from a file
 * of its own (a year's report outgrows what a data: URL may hold); the report's own CSP allows no
 * request, so the page is the file alone.
 */
async function printedHtml(html: string, pageSize: PdfPageSize): Promise<Buffer> {
  const folder = await mkdtemp(join(tmpdir(), 'backwatch-report-'));
  const printer = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      spellcheck: false,
      // Nothing in a printed report is clicked, but a middle click must not open a window either.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  printer.webContents.on('will-navigate', (event) => event.preventDefault());
  printer.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  try {
    const file = join(folder, 'report.html');
    await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
    await printer.loadFile(file);
    return await printer.webContents.printToPDF({ pageSize, printBackground: true });
  } finally {
    printer.destroy();
    await rm(folder, { recursive: true, force: true });
  }
}

/** The PDF's path once saved, or null when the admin cancelled the dialog (then nothing is printed). */
export async function saveReportPdf(parent: BrowserWindow | null, document: PdfDocument): Promise<string | null> {
  const options = {
    title: 'Save the report as PDF',
    defaultPath: join(app.getPath('documents'), document.fileName),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  };
  const { canceled, filePath } = await (parent && !parent.isDestroyed()
    ? dialog.showSaveDialog(parent, options)
    : dialog.showSaveDialog(options));
  if (canceled || !filePath) return null;
  await writeFile(filePath, await printedHtml(document.html, document.pageSize));
  return filePath;
}
