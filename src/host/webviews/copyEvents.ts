import * as vscode from 'vscode';
import { copyRows } from '../../core/stream/copyFormat';
import type { CopyFormat, EventRow } from '../../protocol/events';

const FORMAT_NAMES: Record<CopyFormat, string> = { text: 'text', json: 'JSON', yaml: 'YAML' };

/**
 * copyToClipboard puts rows on the clipboard through vscode.env.clipboard (the page never touches
 * the clipboard API), rendered and redacted by copyRows (at most MAX_COPY_ROWS), and says so.
 */
export async function copyToClipboard(format: CopyFormat, rows: readonly EventRow[]): Promise<void> {
  if (rows.length === 0) {
    void vscode.window.showWarningMessage('Kube Events: nothing to copy (the events are gone).');
    return;
  }
  const r = copyRows(format, rows);
  await vscode.env.clipboard.writeText(r.text);
  const what = r.copied === 1 ? 'event' : `${r.copied.toLocaleString('en-US')} events`;
  if (r.copied < r.total)
    void vscode.window.showWarningMessage(
      `Kube Events: copied the first ${what} of ${r.total.toLocaleString('en-US')} as ${FORMAT_NAMES[format]}.`,
    );
  else
    void vscode.window.setStatusBarMessage(`Kube Events: copied ${what} as ${FORMAT_NAMES[format]}.`, 4000);
}
