/**
 * listCache: an ExplainCache over plain lists of objects per kind, with its own by-name,
 * by-owner, by-involved-uid and by-node indexes built once. Used by the tests and the bench,
 * and by any caller that holds snapshots rather than informers.
 */
import type { KubeObject } from '../cache/types';
import { normalizeEvent } from '../events/model';
import { PodsByNodeIndex } from './podsByNode';
import type { ExplainCache, ExplainEvent, NodeUsage } from './types';

/** ListCacheOptions: objects per kind (the kinds given are the kinds watched), and events. */
export interface ListCacheOptions {
  objects: Record<string, readonly KubeObject[]>;
  events?: readonly KubeObject[];
}

/** ListExplainCache implements ExplainCache over snapshots; it never mutates them. */
export class ListExplainCache implements ExplainCache {
  private readonly byName = new Map<string, KubeObject>();
  private readonly byKind = new Map<string, KubeObject[]>();
  private readonly byOwner = new Map<string, KubeObject[]>();
  private readonly events = new Map<string, ExplainEvent[]>();
  private readonly pods: PodsByNodeIndex;

  constructor(options: ListCacheOptions) {
    for (const [kind, list] of Object.entries(options.objects)) {
      this.byKind.set(kind, [...list]);
      for (const o of list) {
        this.byName.set(`${kind}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`, o);
        for (const r of o.metadata.ownerReferences ?? []) {
          if (!r?.uid) continue;
          const k = `${kind}/${r.uid}`;
          const arr = this.byOwner.get(k);
          if (arr) arr.push(o);
          else this.byOwner.set(k, [o]);
        }
      }
    }
    for (const raw of options.events ?? []) {
      const e = normalizeEvent(raw);
      const uid = e.involved.uid;
      if (!uid) continue;
      const arr = this.events.get(uid);
      if (arr) arr.push(e);
      else this.events.set(uid, [e]);
    }
    this.pods = PodsByNodeIndex.fromList(options.objects['Pod'] ?? []);
  }

  watches(kind: string): boolean {
    return this.byKind.has(kind);
  }

  get(kind: string, namespace: string, name: string): KubeObject | undefined {
    return this.byName.get(`${kind}/${namespace}/${name}`);
  }

  list(kind: string, namespace?: string): KubeObject[] {
    const all = this.byKind.get(kind) ?? [];
    return namespace ? all.filter((o) => o.metadata.namespace === namespace) : [...all];
  }

  ownedBy(kind: string, uid: string): KubeObject[] {
    return [...(this.byOwner.get(`${kind}/${uid}`) ?? [])];
  }

  eventsAbout(uid: string): ExplainEvent[] {
    return [...(this.events.get(uid) ?? [])];
  }

  podsOn(node: string): KubeObject[] {
    return this.pods.podsOn(node);
  }

  usageOf(node: string): NodeUsage {
    return this.pods.usageOf(node);
  }
}
