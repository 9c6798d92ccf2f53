import * as vscode from 'vscode';
import { sanitizeText } from '../../core/notify/sanitize';
import { phaseText } from '../contexts/statusText';
import { statusLine, type EntryMatch } from './fileMatches';
import { MANIFEST_COMMANDS, type ManifestTarget } from './manifestCommands';

/** MatchSource is what the lens, hover and quick fixes read: a file's matches, and when they change. */
export interface MatchSource {
  matchesFor(uri: vscode.Uri): readonly EntryMatch[];
  readonly onDidChange: vscode.Event<void>;
}

/** MAX_LENS_ENTRIES bounds the documents of one file that get lenses. */
const MAX_LENS_ENTRIES = 500;

/** targetOf is the commands' argument for a matched entry. */
export function targetOf(m: EntryMatch, reason?: string): ManifestTarget | undefined {
  const match = m.match;
  if (match.state !== 'found' && match.state !== 'not-found') return undefined;
  return {
    context: match.context,
    kind: m.entry.kind,
    namespace: match.namespace,
    name: match.state === 'found' ? match.name : m.entry.name,
    ...(reason ? { reason } : {}),
  };
}

/** lensLine is where a document's lens goes: its first `kind:` or `name:` line. */
function lensLine(m: EntryMatch): number {
  return Math.min(m.entry.kindLine, m.entry.nameLine);
}

/**
 * lensesFor renders one file's lenses: `● Running 3/3 · 2 warnings` (Show Events), `Show
 * Events`, `Describe` for a live object; `not found in <context>` when it does not exist there;
 * `<context>: connecting…` / `Connect <context>` while the context is not synced. Kinds the
 * extension does not cache and templates whose name is an expression get none.
 */
export function lensesFor(matches: readonly EntryMatch[]): vscode.CodeLens[] {
  const out: vscode.CodeLens[] = [];
  for (const m of matches.slice(0, MAX_LENS_ENTRIES)) {
    const range = new vscode.Range(lensLine(m), 0, lensLine(m), 0);
    const match = m.match;
    const target = targetOf(m);
    const lens = (title: string, command = '', args?: unknown) =>
      out.push(
        new vscode.CodeLens(range, { title, command, arguments: args === undefined ? undefined : [args] }),
      );
    switch (match.state) {
      case 'found': {
        const n = match.warnings.length;
        const line = statusLine(match, vscode.l10n);
        lens(
          n === 0
            ? line
            : n === 1
              ? vscode.l10n.t('{0} · 1 warning', line)
              : vscode.l10n.t('{0} · {1} warnings', line, n),
          MANIFEST_COMMANDS.showEvents,
          target,
        );
        lens(vscode.l10n.t('Show Events'), MANIFEST_COMMANDS.showEvents, target);
        lens(vscode.l10n.t('Describe'), MANIFEST_COMMANDS.describe, target);
        break;
      }
      case 'not-found': {
        const context = sanitizeText(match.context, 100);
        lens(
          match.namespace
            ? vscode.l10n.t('not found in {0} (namespace {1})', context, sanitizeText(match.namespace, 63))
            : vscode.l10n.t('not found in {0}', context),
        );
        break;
      }
      case 'unavailable':
        if (!match.context) lens(vscode.l10n.t('Kube Events: no current context'));
        else if (match.status === 'disconnected')
          lens(vscode.l10n.t('Connect {0}', sanitizeText(match.context, 100)), MANIFEST_COMMANDS.connect, {
            context: match.context,
            kind: m.entry.kind,
            namespace: undefined,
            name: m.entry.name,
          });
        else
          lens(
            vscode.l10n.t(
              '{0}: {1}…',
              sanitizeText(match.context, 100),
              phaseText(match.status, vscode.l10n),
            ),
          );
        break;
      case 'unknown':
        break;
    }
  }
  return out;
}

/** ManifestCodeLensProvider serves lensesFor for YAML and JSON documents, refreshed on every recompute. */
export class ManifestCodeLensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly source: MatchSource) {
    this.onDidChangeCodeLenses = source.onDidChange;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return lensesFor(this.source.matchesFor(document.uri));
  }
}
