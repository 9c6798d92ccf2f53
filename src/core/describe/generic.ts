/**
 * generic: kubectl's genericDescriber, used for every kind without a dedicated describer:
 * Name, Namespace, Labels, Annotations, then every other field of the object, sorted, with
 * field names turned into labels ("creationTimestamp" -> "Creation Timestamp"), then Events.
 */

import type { KubeObject } from '../cache/types';
import type { Ctx } from './context';
import { describeEvents } from './events';
import { byString, printAnnotationsMultiline, printLabelsMultiline, writeNameNamespace } from './format';
import { goValue, rec, type Rec } from './fields';
import { DescribeWriter, LEVEL_0 } from './printer';

const SKIP = new Set([
  '.metadata.managedFields',
  '.metadata.name',
  '.metadata.namespace',
  '.metadata.labels',
  '.metadata.annotations',
]);

type CharClass = 1 | 2 | 3 | 4;
function charClass(ch: string): CharClass {
  if (/\p{Ll}/u.test(ch)) return 1;
  if (/\p{Lu}/u.test(ch)) return 2;
  if (/\p{Nd}/u.test(ch)) return 3;
  return 4;
}

/** camelSplit is github.com/fatih/camelcase.Split: "HTTPServerID" -> ["HTTP", "Server", "ID"]. */
export function camelSplit(src: string): string[] {
  const runs: string[][] = [];
  let last = 0;
  for (const ch of src) {
    const cls = charClass(ch);
    if (cls === last) runs[runs.length - 1]!.push(ch);
    else runs.push([ch]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    const cur = runs[i]!;
    const next = runs[i + 1]!;
    if (cur.length > 0 && next.length > 0 && charClass(cur[0]!) === 2 && charClass(next[0]!) === 1) {
      next.unshift(cur.pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** smartLabelFor is kubectl's: camel-case words, title-cased, common acronyms upper-cased. */
export function smartLabelFor(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelSplit(field)
    .filter((part) => part !== '_')
    .map((part) =>
      ACRONYMS.has(part.toUpperCase())
        ? part.toUpperCase()
        : part.replace(/(^|[^\p{L}])(\p{L})/gu, (_m, pre: string, ch: string) => pre + ch.toUpperCase()),
    )
    .join(' ');
}

function isMap(v: unknown): v is Rec {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** printUnstructured is kubectl's printUnstructuredContent. */
function printUnstructured(w: DescribeWriter, level: number, content: Rec, prefix: string): void {
  for (const field of Object.keys(content).sort(byString)) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIP.has(path)) continue;
    if (isMap(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructured(w, level + 1, value, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (isMap(child)) printUnstructured(w, level + 1, child, path);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

/** describeGeneric renders any object as kubectl's generic describer does. */
export function describeGeneric(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  writeNameNamespace(w, meta);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  printUnstructured(w, LEVEL_0, obj as Rec, '');
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}
