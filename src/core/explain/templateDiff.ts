/**
 * templateDiff: what changed between two pod templates, in the terms a rollout is reviewed
 * in: containers added or removed, images, env variable NAMES (never values: they may hold
 * secrets), resources, probes and volumes. Pure; bounded by LIMITS.changes.
 */
import { rec, recs, type Rec } from '../resources/read';
import type { TemplateChange } from './types';
import { LIMITS } from './types';

function byName(list: Rec[]): Map<string, Rec> {
  const m = new Map<string, Rec>();
  for (const x of list) if (typeof x['name'] === 'string') m.set(x['name'], x);
  return m;
}

/** stable renders a JSON value with sorted keys, for equality tests. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v as Rec)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Rec)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

function resourcesText(r: unknown): string {
  const res = rec(r);
  const part = (label: string, m: unknown) => {
    const e = Object.entries(rec(m))
      .map(([k, v]) => `${k}=${String(v)}`)
      .sort();
    return e.length ? `${label} ${e.join(',')}` : '';
  };
  return (
    [part('requests', res['requests']), part('limits', res['limits'])].filter(Boolean).join('; ') || 'none'
  );
}

/** diffTemplates lists the changes from `before` to `after` (pod templates: {metadata, spec}). */
export function diffTemplates(before: unknown, after: unknown): TemplateChange[] {
  const out: TemplateChange[] = [];
  const push = (c: TemplateChange) => {
    if (out.length < LIMITS.changes) out.push(c);
  };
  const a = rec(rec(before)['spec']);
  const b = rec(rec(after)['spec']);
  for (const field of ['initContainers', 'containers']) {
    const old = byName(recs(a[field]));
    const cur = byName(recs(b[field]));
    for (const [name] of old)
      if (!cur.has(name)) push({ area: 'container', container: name, text: `container ${name} removed` });
    for (const [name, c] of cur) {
      const o = old.get(name);
      if (!o) {
        push({
          area: 'container',
          container: name,
          text: `container ${name} added (${String(c['image'] ?? '')})`,
        });
        continue;
      }
      if (o['image'] !== c['image'])
        push({
          area: 'image',
          container: name,
          text: `${name}: image ${String(o['image'] ?? '')} → ${String(c['image'] ?? '')}`,
        });
      const oe = new Set(recs(o['env']).map((x) => String(x['name'])));
      const ce = new Set(recs(c['env']).map((x) => String(x['name'])));
      const added = [...ce].filter((x) => !oe.has(x));
      const removed = [...oe].filter((x) => !ce.has(x));
      const changed = recs(c['env'])
        .filter((x) => {
          const prev = recs(o['env']).find((y) => y['name'] === x['name']);
          return prev && stable(prev) !== stable(x);
        })
        .map((x) => String(x['name']));
      if (added.length)
        push({ area: 'env', container: name, text: `${name}: env added ${added.join(', ')}` });
      if (removed.length)
        push({ area: 'env', container: name, text: `${name}: env removed ${removed.join(', ')}` });
      if (changed.length)
        push({ area: 'env', container: name, text: `${name}: env changed ${changed.join(', ')}` });
      if (stable(o['envFrom'] ?? []) !== stable(c['envFrom'] ?? []))
        push({ area: 'env', container: name, text: `${name}: envFrom changed` });
      if (stable(o['resources'] ?? {}) !== stable(c['resources'] ?? {}))
        push({
          area: 'resources',
          container: name,
          text: `${name}: resources ${resourcesText(o['resources'])} → ${resourcesText(c['resources'])}`,
        });
      for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe'])
        if (stable(o[p] ?? null) !== stable(c[p] ?? null))
          push({
            area: 'probe',
            container: name,
            text: `${name}: ${p} ${o[p] ? (c[p] ? 'changed' : 'removed') : 'added'}`,
          });
      if (stable(o['volumeMounts'] ?? []) !== stable(c['volumeMounts'] ?? []))
        push({ area: 'volume', container: name, text: `${name}: volumeMounts changed` });
      if (
        stable(o['command'] ?? null) !== stable(c['command'] ?? null) ||
        stable(o['args'] ?? null) !== stable(c['args'] ?? null)
      )
        push({ area: 'container', container: name, text: `${name}: command/args changed` });
    }
  }
  const ov = byName(recs(a['volumes']));
  const cv = byName(recs(b['volumes']));
  for (const [name] of ov) if (!cv.has(name)) push({ area: 'volume', text: `volume ${name} removed` });
  for (const [name, v] of cv) {
    if (!ov.has(name)) push({ area: 'volume', text: `volume ${name} added` });
    else if (stable(ov.get(name)) !== stable(v)) push({ area: 'volume', text: `volume ${name} changed` });
  }
  return out;
}
