/**
 * "Print / PDF" in the desktop app: Chromium lays the window's page out for paper (the Reports
 * view's print CSS) and prints it to a PDF, which goes where the admin picks in a save dialog.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PdfRequest } from '../common/ipc-contract.js';

/** The PDF's path once saved, or null when the admin cancelled the dialog. */
export async function saveWindowPdf(window: BrowserWindow | null, request: PdfRequest): Promise<string | null> {
  if (!window || window.isDestroyed()) throw new Error('the window is closed');
  const pdf = await window.webContents.printToPDF({ pageSize: request.pageSize, printBackground: true });
  const { canceled, filePath } = await dialog.showSaveDialog(window, {
    title: 'Save the report as PDF',
    defaultPath: join(app.getPath('documents'), request.fileName),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (canceled || !filePath) return null;
  await writeFile(filePath, pdf);
  return filePath;
}
