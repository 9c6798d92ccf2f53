/**
 * template: best-effort reading of a Helm or Kustomize template document that is not valid YAML
 * (`{{- if .Values.x }}` lines, templated keys). It finds `kind:` at column 0, the top-level
 * `metadata.name` and the tracked labels by line patterns; the entry is marked `template`.
 */
import { findKindLine, metadataBlocks, unquote } from './lines';
import { TRACKED_LABELS, type ManifestEntry } from './types';

const LABEL = /^\s*["']?([A-Za-z0-9_./-]+)["']?:\s*(.*)$/;
const NAMESPACE = /^\s+namespace:\s*(.+)$/;

/** readTemplate extracts one entry from `lines[from..to]`, or undefined without a kind or a name. */
export function readTemplate(
  file: string,
  lines: readonly string[],
  from: number,
  to: number,
): ManifestEntry | undefined {
  const kindLine = findKindLine(lines, from, to);
  if (kindLine === undefined) return undefined;
  const kind = unquote(lines[kindLine]!.slice('kind:'.length));
  const block = metadataBlocks(lines, from, to).find((b) => b.column === 0);
  if (!kind || !block?.name || block.nameLine === undefined) return undefined;
  const labels: Record<string, string> = {};
  let namespace: string | undefined;
  for (let i = from; i <= to && i < lines.length; i++) {
    const line = lines[i]!;
    const m = LABEL.exec(line);
    if (m && (TRACKED_LABELS as readonly string[]).includes(m[1]!)) labels[m[1]!] = unquote(m[2]!);
    const ns = i > block.line && i < block.line + 20 ? NAMESPACE.exec(line) : null;
    if (ns && namespace === undefined) {
      const v = unquote(ns[1]!);
      if (v && !v.includes('{{')) namespace = v;
    }
  }
  return {
    file,
    kind,
    apiVersion: '',
    name: block.name,
    namespace,
    startLine: from,
    endLine: to,
    nameLine: block.nameLine,
    nameColumn: block.nameColumn,
    kindLine,
    labels,
    template: true,
  };
}
