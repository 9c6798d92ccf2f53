/**
 * selector: metav1.LabelSelector as kubectl prints and applies it (LabelSelectorAsSelector,
 * Selector.String, FormatLabelSelector). A nil selector selects nothing, an empty one
 * everything; both print as "".
 */

import { byString } from './format';
import { has, rec, recs, str, strings, strMap } from './fields';

interface Requirement {
  key: string;
  op: 'Equals' | 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** requirements converts a LabelSelector; undefined when an operator is invalid. */
function requirements(sel: unknown): Requirement[] | undefined {
  const s = rec(sel);
  const reqs: Requirement[] = Object.entries(strMap(s.matchLabels)).map(([key, v]) => ({
    key,
    op: 'Equals',
    values: [v],
  }));
  for (const e of recs(s.matchExpressions)) {
    const op = str(e.operator);
    if (op !== 'In' && op !== 'NotIn' && op !== 'Exists' && op !== 'DoesNotExist') return undefined;
    reqs.push({ key: str(e.key), op, values: strings(e.values) });
  }
  return reqs.sort((a, b) => byString(a.key, b.key));
}

function requirementString(r: Requirement): string {
  const values = [...r.values].sort(byString).join(',');
  switch (r.op) {
    case 'Equals':
      return `${r.key}=${r.values[0] ?? ''}`;
    case 'In':
      return `${r.key} in (${values})`;
    case 'NotIn':
      return `${r.key} notin (${values})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
  }
}

/** selectorString is `LabelSelectorAsSelector(sel).String()`; "<error>" for an invalid selector. */
export function selectorString(sel: unknown): string {
  if (!has(sel)) return '';
  const reqs = requirements(sel);
  return reqs === undefined ? '<error>' : reqs.map(requirementString).join(',');
}

/** formatLabelSelector is metav1.FormatLabelSelector: like selectorString, "<none>" when empty. */
export function formatLabelSelector(sel: unknown): string {
  return selectorString(sel) || '<none>';
}

/** selectorMatches reports whether a LabelSelector selects an object with `labels`. */
export function selectorMatches(sel: unknown, labels: unknown): boolean {
  if (!has(sel)) return false;
  const reqs = requirements(sel);
  if (reqs === undefined) return false;
  const m = strMap(labels);
  return reqs.every((r) => {
    const present = Object.prototype.hasOwnProperty.call(m, r.key);
    switch (r.op) {
      case 'Equals':
      case 'In':
        return present && r.values.includes(m[r.key]!);
      case 'NotIn':
        return !present || !r.values.includes(m[r.key]!);
      case 'Exists':
        return present;
      case 'DoesNotExist':
        return !present;
    }
  });
}
