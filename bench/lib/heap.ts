/**
 * heap: summarises a V8 heap snapshot (v8.writeHeapSnapshot) by what holds the bytes: self size
 * per node type, with objects split by constructor name. Diffing two summaries (after sync minus
 * before connecting) and dividing by the number of events says what one cached event costs.
 */
import * as fs from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** HeapSummary maps a category ("string", "Object", "Map", "(object properties)"...) to bytes. */
export type HeapSummary = Map<string, number>;

/** summarizeHeap reads a .heapsnapshot file. */
export function summarizeHeap(file: string): HeapSummary {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const stride = fields.length;
  const fType = fields.indexOf('type');
  const fName = fields.indexOf('name');
  const fSize = fields.indexOf('self_size');
  const out: HeapSummary = new Map();
  for (let i = 0; i < snap.nodes.length; i += stride) {
    const type = types[snap.nodes[i + fType]!]!;
    const name = snap.strings[snap.nodes[i + fName]!]!;
    let key: string;
    if (type === 'object') key = `object ${name}`;
    else if (type === 'string' || type === 'concatenated string' || type === 'sliced string') key = 'strings';
    else if (type === 'array') key = `array ${name}`;
    else if (type === 'hidden') key = `hidden ${name.split(' ')[0]}`;
    else key = type;
    out.set(key, (out.get(key) ?? 0) + snap.nodes[i + fSize]!);
  }
  return out;
}

/** diffPerUnit returns the top categories of (after - before) / units, in bytes, largest first. */
export function diffPerUnit(
  before: HeapSummary,
  after: HeapSummary,
  units: number,
  top = 8,
): { what: string; bytes: number }[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys]
    .map((k) => ({ what: k, bytes: ((after.get(k) ?? 0) - (before.get(k) ?? 0)) / units }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}
