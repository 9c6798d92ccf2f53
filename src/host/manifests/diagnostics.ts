import * as vscode from 'vscode';
import type { WarningGroup } from '../../core/manifests/warningGroups';
import { formatWarning } from '../../core/manifests/warningGroups';
import { sanitizeText } from '../../core/notify/sanitize';
import { describeUri } from '../describe/describeUri';
import type { EntryMatch } from './fileMatches';
import { resourceKind } from './liveCaches';

/** DIAGNOSTIC_SOURCE marks our diagnostics (code actions find them by it). */
export const DIAGNOSTIC_SOURCE = 'Kube Events';

/** MAX_DIAGNOSTICS_PER_FILE bounds what one file can put in the Problems panel. */
export const MAX_DIAGNOSTICS_PER_FILE = 200;

function nameRange(line: number, column: number, name: string): vscode.Range {
  return new vscode.Range(line, column, line, column + Math.max(1, name.length));
}

/**
 * diagnosticsFor turns a file's matches into diagnostics: one per live Warning group, on the
 * entry's `metadata.name`. The code is the reason, linking to the object's describe document
 * (which lists its events): VS Code opens a diagnostic's code target without allowing command
 * URIs, so a `command:` link to the Events view would do nothing; the "Show Events" quick fix
 * opens the filtered Events view. Related information points to the objects the Warnings are
 * on (the Pods), as their describe documents.
 */
export function diagnosticsFor(matches: readonly EntryMatch[]): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  for (const { entry, match } of matches) {
    if (match.state !== 'found') continue;
    for (const g of match.warnings) {
      if (out.length >= MAX_DIAGNOSTICS_PER_FILE) return out;
      const d = new vscode.Diagnostic(
        nameRange(entry.nameLine, entry.nameColumn, entry.name),
        formatWarning(g, undefined, vscode.l10n),
        vscode.DiagnosticSeverity.Warning,
      );
      d.source = DIAGNOSTIC_SOURCE;
      const kind = resourceKind(entry.kind);
      const reason = sanitizeText(g.reason, 100) || vscode.l10n.t('(no reason)');
      d.code = kind
        ? {
            value: reason,
            target: describeUri({
              context: match.context,
              kind,
              namespace: match.namespace,
              name: match.name,
            }),
          }
        : reason;
      d.relatedInformation = related(match.context, g);
      out.push(d);
    }
  }
  return out;
}

function related(context: string, g: WarningGroup): vscode.DiagnosticRelatedInformation[] {
  const out: vscode.DiagnosticRelatedInformation[] = [];
  for (const o of g.objects) {
    const kind = resourceKind(o.kind);
    if (!kind) continue;
    const uri = describeUri({
      context,
      kind,
      namespace: kind.namespaced ? o.namespace : undefined,
      name: o.name,
    });
    out.push(
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(uri, new vscode.Position(0, 0)),
        `${o.kind} ${sanitizeText(o.name, 253)}`,
      ),
    );
  }
  if (g.objectCount > g.objects.length && out.length > 0) {
    const last = out[out.length - 1]!;
    last.message += ' ' + vscode.l10n.t('(and {0} more)', g.objectCount - g.objects.length);
  }
  return out;
}
