/**
 * types: what the resource tree shows about one cached object. A ResourceSummary is computed
 * from the object alone (and the current time), so the tree can render a node without I/O.
 */

/**
 * Health drives a node's icon colour: ok (green), progressing (blue: rolling, starting,
 * terminating, running to completion), warning (yellow: degraded but serving), error (red),
 * done (grey: completed, suspended or scaled to zero) and unknown (no signal, e.g. a lost node).
 */
export type Health = 'ok' | 'progressing' | 'warning' | 'error' | 'done' | 'unknown';

/** Field is one labelled row of a node's tooltip table. */
export interface Field {
  label: string;
  value: string;
}

/**
 * ResourceSummary is one object rendered for the tree.
 *
 * `status` is kubectl's STATUS column where kubectl has one (pods, nodes, namespaces, jobs);
 * for kinds without one it is a single word of ours (Available, Progressing, Degraded, ...),
 * documented in the kind's file. `description` is the one line shown next to the name; an
 * unknown timestamp is left out of it, never rendered as a date. `fields` keep their order.
 */
export interface ResourceSummary {
  health: Health;
  status: string;
  description: string;
  fields: Field[];
  ready?: { ready: number; desired: number };
  restarts?: number;
}
