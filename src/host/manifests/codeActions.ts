import * as vscode from 'vscode';
import type { MatchSource } from './codeLens';
import { targetOf } from './codeLens';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { MANIFEST_COMMANDS } from './manifestCommands';

function reasonOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (typeof code === 'string') return code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return undefined;
}

/**
 * ManifestCodeActions offers quick fixes on our diagnostics: Show Events (the Events view
 * filtered to the object and its descendants), Describe, Reveal in tree, Mute reason. The
 * diagnostics VS Code passes back are copies, so the object is found again by line.
 */
export class ManifestCodeActions implements vscode.CodeActionProvider {
  constructor(private readonly source: MatchSource) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    const matches = this.source.matchesFor(document.uri);
    // One Show Events / Describe / Reveal per object, one Mute per reason, however many
    // diagnostics share the line (VS Code lists every action of every diagnostic).
    const seen = new Set<string>();
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const m = matches.find((x) => x.entry.nameLine === d.range.start.line && x.match.state === 'found');
      const reason = reasonOf(d);
      const target = m && targetOf(m, reason);
      if (!target) continue;
      const action = (key: string, title: string, command: string, preferred = false) => {
        if (seen.has(key)) return;
        seen.add(key);
        const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        a.diagnostics = [d];
        a.command = { title, command, arguments: [target] };
        a.isPreferred = preferred;
        out.push(a);
      };
      const object = `${target.context}/${target.kind}/${target.namespace ?? ''}/${target.name}`;
      action(
        `events:${object}`,
        vscode.l10n.t('Show Events of {0} {1}', target.kind, target.name),
        MANIFEST_COMMANDS.showEvents,
        true,
      );
      action(
        `describe:${object}`,
        vscode.l10n.t('Describe {0} {1}', target.kind, target.name),
        MANIFEST_COMMANDS.describe,
      );
      action(`reveal:${object}`, vscode.l10n.t('Reveal in Clusters tree'), MANIFEST_COMMANDS.reveal);
      if (reason)
        action(`mute:${reason}`, vscode.l10n.t('Mute reason “{0}”', reason), MANIFEST_COMMANDS.muteReason);
    }
    return out;
  }
}
