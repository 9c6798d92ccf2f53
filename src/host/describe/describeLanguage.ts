import * as vscode from 'vscode';
import {
  type DescribeSection,
  describeFoldingRanges,
  describeLinks,
  describeOutline,
} from '../../core/describe/outline';
import { ALL_KINDS, EVENTS_V1 } from '../../core/kinds';
import { DESCRIBE_SCHEME, describeUri, parseDescribeUri } from './describeUri';

/** DESCRIBE_LANGUAGE is the language id of describe documents (package.json `languages`). */
export const DESCRIBE_LANGUAGE = 'kube-describe';

const SELECTOR: vscode.DocumentSelector = { scheme: DESCRIBE_SCHEME };

/**
 * setDescribeLanguage gives a `kube-describe:` document the describe language (highlighting by
 * the TextMate grammar). Other documents, and those that already have it, are left alone.
 */
export async function setDescribeLanguage(doc: vscode.TextDocument): Promise<vscode.TextDocument> {
  if (doc.uri.scheme !== DESCRIBE_SCHEME || doc.languageId === DESCRIBE_LANGUAGE) return doc;
  return vscode.languages.setTextDocumentLanguage(doc, DESCRIBE_LANGUAGE);
}

/**
 * registerDescribeLanguage makes describe documents read like code: every `kube-describe:`
 * document gets the describe language however it was opened (a command, a link, a restored
 * tab), and folding by section, an outline of the sections and links on object references that
 * open their own describe in the same context. The providers only parse the document's text
 * (src/core/describe/outline.ts): no cache read, no I/O.
 */
export function registerDescribeLanguage(): vscode.Disposable {
  for (const doc of vscode.workspace.textDocuments) void setDescribeLanguage(doc);
  return vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument((doc) => void setDescribeLanguage(doc)),
    vscode.languages.registerFoldingRangeProvider(SELECTOR, {
      provideFoldingRanges: (doc) =>
        describeFoldingRanges(doc.getText()).map(
          (r) => new vscode.FoldingRange(r.start, r.end, vscode.FoldingRangeKind.Region),
        ),
    }),
    vscode.languages.registerDocumentSymbolProvider(
      SELECTOR,
      { provideDocumentSymbols: (doc) => describeOutline(doc.getText()).map((s) => symbolOf(doc, s)) },
      { label: vscode.l10n.t('Describe') },
    ),
    vscode.languages.registerDocumentLinkProvider(SELECTOR, { provideDocumentLinks: linksOf }),
  );
}

function symbolOf(doc: vscode.TextDocument, s: DescribeSection): vscode.DocumentSymbol {
  const head = doc.lineAt(s.line).range;
  const range = new vscode.Range(head.start, doc.lineAt(s.endLine).range.end);
  const selection = new vscode.Range(s.line, s.indent, s.line, s.indent + s.name.length);
  const kind =
    s.children.length > 0 || s.value === '' ? vscode.SymbolKind.Namespace : vscode.SymbolKind.Field;
  const symbol = new vscode.DocumentSymbol(s.name, s.value, kind, range, selection);
  symbol.children = s.children.map((c) => symbolOf(doc, c));
  return symbol;
}

/** linksOf returns the document's object references as links to their describe documents. */
function linksOf(doc: vscode.TextDocument): vscode.DocumentLink[] {
  const ref = parseDescribeUri(doc.uri);
  if (!ref) return [];
  const namespace = ref.kind.namespaced ? ref.namespace : undefined;
  const out: vscode.DocumentLink[] = [];
  for (const l of describeLinks(doc.getText(), { namespace })) {
    const kind = ALL_KINDS.find((k) => k.kind === l.target.kind && k !== EVENTS_V1);
    if (!kind) continue;
    const link = new vscode.DocumentLink(
      new vscode.Range(l.line, l.start, l.line, l.end),
      describeUri({ context: ref.context, kind, namespace: l.target.namespace, name: l.target.name }),
    );
    const where = l.target.namespace ? `${l.target.namespace}/` : '';
    link.tooltip = vscode.l10n.t('Describe {0} {1}', l.target.kind, `${where}${l.target.name}`);
    out.push(link);
  }
  return out;
}
