/**
 * templateDiff: what changed between two pod templates, in the terms a rollout is reviewed
 * in: containers added or removed, images, env variable NAMES (never values: they may hold
 * secrets), resources, probes and volumes. Pure; bounded by LIMITS.changes.
 */
import { rec, recs, type Rec } from '../resources/read';
import type { TemplateChange } from './types';
import { LIMITS } from './types';
import { englishL10n, type Localizer } from '../util/l10n';

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

function resourcesText(r: unknown, l10n: Localizer): string {
  const res = rec(r);
  const part = (label: string, m: unknown) => {
    const e = Object.entries(rec(m))
      .map(([k, v]) => `${k}=${String(v)}`)
      .sort();
    return e.length ? `${label} ${e.join(',')}` : '';
  };
  return (
    [part('requests', res['requests']), part('limits', res['limits'])].filter(Boolean).join('; ') ||
    l10n.t('none')
  );
}

/**
 * diffTemplates lists the changes from `before` to `after` (pod templates: {metadata, spec}), in
 * the language of `l10n`; names, images and API field names stay verbatim (arguments).
 */
export function diffTemplates(
  before: unknown,
  after: unknown,
  l10n: Localizer = englishL10n,
): TemplateChange[] {
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
      if (!cur.has(name))
        push({ area: 'container', container: name, text: l10n.t('container {0} removed', name) });
    for (const [name, c] of cur) {
      const o = old.get(name);
      if (!o) {
        push({
          area: 'container',
          container: name,
          text: l10n.t('container {0} added ({1})', name, String(c['image'] ?? '')),
        });
        continue;
      }
      if (o['image'] !== c['image'])
        push({
          area: 'image',
          container: name,
          text: l10n.t('{0}: image {1} → {2}', name, String(o['image'] ?? ''), String(c['image'] ?? '')),
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
        push({ area: 'env', container: name, text: l10n.t('{0}: env added {1}', name, added.join(', ')) });
      if (removed.length)
        push({
          area: 'env',
          container: name,
          text: l10n.t('{0}: env removed {1}', name, removed.join(', ')),
        });
      if (changed.length)
        push({
          area: 'env',
          container: name,
          text: l10n.t('{0}: env changed {1}', name, changed.join(', ')),
        });
      if (stable(o['envFrom'] ?? []) !== stable(c['envFrom'] ?? []))
        push({ area: 'env', container: name, text: l10n.t('{0}: envFrom changed', name) });
      if (stable(o['resources'] ?? {}) !== stable(c['resources'] ?? {}))
        push({
          area: 'resources',
          container: name,
          text: l10n.t(
            '{0}: resources {1} → {2}',
            name,
            resourcesText(o['resources'], l10n),
            resourcesText(c['resources'], l10n),
          ),
        });
      for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe'])
        if (stable(o[p] ?? null) !== stable(c[p] ?? null))
          push({
            area: 'probe',
            container: name,
            text: o[p]
              ? c[p]
                ? l10n.t('{0}: {1} changed', name, p)
                : l10n.t('{0}: {1} removed', name, p)
              : l10n.t('{0}: {1} added', name, p),
          });
      if (stable(o['volumeMounts'] ?? []) !== stable(c['volumeMounts'] ?? []))
        push({ area: 'volume', container: name, text: l10n.t('{0}: volumeMounts changed', name) });
      if (
        stable(o['command'] ?? null) !== stable(c['command'] ?? null) ||
        stable(o['args'] ?? null) !== stable(c['args'] ?? null)
      )
        push({ area: 'container', container: name, text: l10n.t('{0}: command/args changed', name) });
    }
  }
  const ov = byName(recs(a['volumes']));
  const cv = byName(recs(b['volumes']));
  for (const [name] of ov)
    if (!cv.has(name)) push({ area: 'volume', text: l10n.t('volume {0} removed', name) });
  for (const [name, v] of cv) {
    if (!ov.has(name)) push({ area: 'volume', text: l10n.t('volume {0} added', name) });
    else if (stable(ov.get(name)) !== stable(v))
      push({ area: 'volume', text: l10n.t('volume {0} changed', name) });
  }
  return out;
}
