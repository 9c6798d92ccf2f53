import type { ObjectMeta } from '../cache/types';
import { asRecord, FIELD_LIMITS, isRecord, type Problems, type Rec, stringFields, stringMap } from './fields';

const META_STRINGS = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'deletionTimestamp',
] as const;
const OWNER_STRINGS = ['apiVersion', 'kind', 'name', 'uid'] as const;

/**
 * validateObjectMeta checks the metadata of an object from a server: each string field a
 * string (a number or boolean becomes its text, anything else is dropped, as if absent), labels
 * and annotations maps of strings, ownerReferences an array of references with string fields
 * (a bad reference is dropped), generation a number. `metadata` that is not an object becomes
 * `{}`. Unknown fields are kept. Never mutates `v`; returns it unchanged when it was valid.
 * What changed is appended to `problems` (paths start at `metadata`).
 */
export function validateObjectMeta(v: unknown, problems: Problems): ObjectMeta {
  const meta = asRecord(v, 'metadata', problems);
  if (!meta) return {};
  let out: Rec = stringFields(meta, META_STRINGS, 'metadata', problems);
  const set = (k: string, value: unknown) => {
    if (out === meta) out = { ...meta };
    if (value === undefined) delete out[k];
    else out[k] = value;
  };
  for (const k of ['labels', 'annotations'] as const) {
    if (meta[k] === undefined) continue;
    const m = stringMap(meta[k], `metadata.${k}`, problems);
    if (m !== meta[k]) set(k, m);
  }
  if (
    meta.generation !== undefined &&
    (typeof meta.generation !== 'number' || !Number.isFinite(meta.generation))
  ) {
    problems.push('metadata.generation: not a number, dropped');
    set('generation', undefined);
  }
  if (meta.ownerReferences !== undefined) {
    const refs = validateOwnerReferences(meta.ownerReferences, problems);
    if (refs !== meta.ownerReferences) set('ownerReferences', refs);
  }
  return out as ObjectMeta;
}

function validateOwnerReferences(v: unknown, problems: Problems): unknown[] | undefined {
  if (!Array.isArray(v)) {
    problems.push('metadata.ownerReferences: not an array, dropped');
    return undefined;
  }
  let changed = v.length > FIELD_LIMITS.entries;
  const out: unknown[] = [];
  for (const [i, r] of v.slice(0, FIELD_LIMITS.entries).entries()) {
    if (!isRecord(r)) {
      problems.push(`metadata.ownerReferences[${i}]: not an object, dropped`);
      changed = true;
      continue;
    }
    const ref = stringFields(r, OWNER_STRINGS, `metadata.ownerReferences[${i}]`, problems);
    const clean =
      typeof r.controller === 'boolean' || r.controller === undefined
        ? ref
        : { ...ref, controller: undefined };
    if (clean !== r) changed = true;
    out.push(clean);
  }
  return changed ? out : v;
}
