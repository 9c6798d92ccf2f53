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
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Kube Events: nothing to copy (the events are gone).'),
    );
    return;
  }
  const r = copyRows(format, rows);
  await vscode.env.clipboard.writeText(r.text);
  const n = (x: number) => x.toLocaleString('en-US');
  const as = FORMAT_NAMES[format];
  if (r.copied < r.total)
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Kube Events: copied the first {0} events of {1} as {2}.', n(r.copied), n(r.total), as),
    );
  else
    void vscode.window.setStatusBarMessage(
      r.copied === 1
        ? vscode.l10n.t('Kube Events: copied the event as {0}.', as)
        : vscode.l10n.t('Kube Events: copied {0} events as {1}.', n(r.copied), as),
      4000,
    );
}
