/**
 * types: what the manifest index knows about one Kubernetes object defined in a workspace file.
 * Positions are 0-based lines and columns of the file's text, so the host maps them to editor
 * ranges without re-reading the file.
 */

/** TRACKED_LABELS are the labels kept per entry: how Helm, Kustomize and Flux name what they render. */
export const TRACKED_LABELS = [
  'app.kubernetes.io/instance',
  'helm.sh/chart',
  'kustomize.toolkit.fluxcd.io/name',
] as const;

/**
 * ManifestEntry is one object of a manifest file: a YAML document, a JSON file, or an item of a
 * `List`.
 *
 * `namespace` is the document's own `metadata.namespace`, else undefined (the matcher applies
 * the context's default namespace). `startLine`..`endLine` (inclusive) span the document; for a
 * List item, the List's document. `nameLine`/`nameColumn` point at the `metadata.name` value
 * (else at the document's first line, column 0). `template` marks a best-effort entry read by
 * line heuristics from a Helm/Kustomize template that is not valid YAML: its name may be a
 * template expression that matches nothing.
 */
export interface ManifestEntry {
  readonly file: string;
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly startLine: number;
  readonly endLine: number;
  readonly nameLine: number;
  readonly nameColumn: number;
  /** The `kind:` line of the document (the name line when unknown). */
  readonly kindLine: number;
  /** Values of TRACKED_LABELS present on the object (templated values kept as written). */
  readonly labels: Readonly<Record<string, string>>;
  readonly template: boolean;
}

/** SkipReason says why a whole file was not indexed. */
export type SkipReason = 'too-large' | 'binary' | 'too-many-documents';

/** DocumentError is one document of a file that could not be read (the others still are). */
export interface DocumentError {
  readonly line: number;
  readonly message: string;
}

/** ParsedFile is the indexer's reading of one file. `skipped` files have no entries. */
export interface ParsedFile {
  readonly file: string;
  readonly entries: readonly ManifestEntry[];
  readonly errors: readonly DocumentError[];
  readonly skipped?: SkipReason;
}
