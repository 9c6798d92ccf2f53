import * as vscode from 'vscode';
import { toCsv, toJson } from '../../core/stream/export';
import type { ExportFormat, EventRow } from '../../protocol/events';

/** pickExportFormat asks for JSON or CSV; undefined when cancelled. */
export async function pickExportFormat(): Promise<ExportFormat | undefined> {
  const pick = await vscode.window.showQuickPick(
    [
      {
        label: 'CSV',
        description: vscode.l10n.t('Spreadsheet-safe: formulas are defused'),
        format: 'csv' as const,
      },
      {
        label: 'JSON',
        description: vscode.l10n.t('An array of events with ISO times'),
        format: 'json' as const,
      },
    ],
    { title: vscode.l10n.t('Export Visible Events'), placeHolder: vscode.l10n.t('Format') },
  );
  return pick?.format;
}

/** writeExport asks where to save the rows and writes them; resolves when done or cancelled. */
export async function writeExport(format: ExportFormat, rows: readonly EventRow[]): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `kube-events-${stamp}.${format}`;
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export {0} events', rows.length.toLocaleString('en-US')),
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
  });
  if (!target) return;
  const text = format === 'csv' ? toCsv(rows) : toJson(rows);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const open = await vscode.window.showInformationMessage(
    vscode.l10n.t('Exported {0} events.', rows.length.toLocaleString('en-US')),
    vscode.l10n.t('Open'),
  );
  if (open) await vscode.window.showTextDocument(target);
}
