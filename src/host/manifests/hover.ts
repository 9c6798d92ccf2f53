import * as vscode from 'vscode';
import { humanDuration } from '../../core/events/age';
import { sanitizeText } from '../../core/notify/sanitize';
import type { MatchSource } from './codeLens';
import { statusLine } from './fileMatches';

/**
 * ManifestHoverProvider shows, on a document's `kind:` or `metadata.name` line, the live
 * object's status summary (the tree's tooltip fields) and its latest events with its
 * descendants'. Cluster text is appended as text (escaped, sanitised), never as markdown; the
 * markdown is not trusted (no command links).
 */
export class ManifestHoverProvider implements vscode.HoverProvider {
  constructor(private readonly source: MatchSource) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const m = this.source
      .matchesFor(document.uri)
      .find((x) => x.entry.kindLine === position.line || x.entry.nameLine === position.line);
    if (!m) return undefined;
    const match = m.match;
    const md = new vscode.MarkdownString();
    const title = `${m.entry.kind} ${match.state === 'found' ? match.name : m.entry.name}`;
    if (match.state === 'not-found') {
      md.appendText(
        match.namespace
          ? vscode.l10n.t('{0}: not found in {1} (namespace {2})', title, match.context, match.namespace)
          : vscode.l10n.t('{0}: not found in {1}', title, match.context),
      );
      return new vscode.Hover(md);
    }
    if (match.state !== 'found') return undefined;
    md.appendMarkdown('**');
    md.appendText(sanitizeText(title, 300));
    md.appendMarkdown('**  \n');
    if (match.by === 'labels')
      md.appendMarkdown(`*${vscode.l10n.t('matched by its labels (template, best effort)')}*  \n`);
    md.appendText(
      `${statusLine(match, vscode.l10n)} · ${sanitizeText(match.context, 100)}${match.namespace ? `/${match.namespace}` : ''}`,
    );
    md.appendMarkdown('\n\n');
    for (const f of match.summary.fields.slice(0, 12)) {
      md.appendText(`${sanitizeText(f.label, 60)}: ${sanitizeText(f.value, 200)}`);
      md.appendMarkdown('  \n');
    }
    if (match.recent.length > 0) {
      md.appendMarkdown(`\n**${vscode.l10n.t('Last events')}**  \n`);
      const now = Date.now();
      for (const e of match.recent) {
        const age =
          e.lastSeen === undefined ? '' : ' ' + vscode.l10n.t('{0} ago', humanDuration(now - e.lastSeen));
        md.appendText(
          `${e.type === 'Warning' ? '⚠' : '·'} ${sanitizeText(e.reason, 100)}${e.count > 1 ? ` x${e.count}` : ''}${age} ${e.involved.kind}/${sanitizeText(e.involved.name, 100)}: ${sanitizeText(e.message, 200)}`,
        );
        md.appendMarkdown('  \n');
      }
    }
    return new vscode.Hover(md);
  }
}
