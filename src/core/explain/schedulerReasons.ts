/**
 * schedulerReasons: what the scheduler's filter messages without a dedicated explanation in
 * scheduling.ts mean (host ports, pod (anti-)affinity, volume limits and binding, node name),
 * in the words of the Localizer given.
 */
import type { Localizer } from '../util/l10n';

/**
 * KNOWN: the scheduler's other filter messages (the keys, matched verbatim; look a key up with
 * Object.hasOwn), with what they mean: `short(l10n, nodes)` is the cause ("3 nodes have the
 * requested host ports in use"), `fact` the evidence after "3 nodes: ".
 */
export const KNOWN: Record<
  string,
  { short: (l10n: Localizer, nodes: string) => string; fact: (l10n: Localizer) => string; claims?: boolean }
> = {
  // l10n-verbatim: the scheduler's message
  "node(s) didn't have free ports for the requested pod ports": {
    short: (l10n, n) => l10n.t('{0} have the requested host ports in use', n),
    fact: (l10n) => l10n.t('another pod already uses a hostPort the pod asks for'),
  },
  // l10n-verbatim: the scheduler's message
  "node(s) didn't match pod affinity rules": {
    short: (l10n, n) => l10n.t('{0} lack the pods its podAffinity wants nearby', n),
    fact: (l10n) => l10n.t("no pod matching the pod's required podAffinity runs in their topology domain"),
  },
  // l10n-verbatim: the scheduler's message
  "node(s) didn't match pod anti-affinity rules": {
    short: (l10n, n) => l10n.t('{0} run pods its podAntiAffinity excludes', n),
    fact: (l10n) =>
      l10n.t("a pod matching the pod's required podAntiAffinity already runs in their topology domain"),
  },
  // l10n-verbatim: the scheduler's message
  "node(s) didn't satisfy existing pods anti-affinity rules": {
    short: (l10n, n) => l10n.t("{0} are excluded by other pods' anti-affinity", n),
    fact: (l10n) =>
      l10n.t('pods already running there have a required podAntiAffinity that excludes this pod'),
  },
  // l10n-verbatim: the scheduler's message
  'node(s) had volume node affinity conflict': {
    short: (l10n, n) => l10n.t('{0} cannot reach its volumes (volume node affinity)', n),
    fact: (l10n) => l10n.t("the pod's bound PersistentVolumes are restricted to other nodes or zones"),
    claims: true,
  },
  // l10n-verbatim: the scheduler's message
  "node(s) didn't find available persistent volumes to bind": {
    short: (l10n, n) => l10n.t('{0} have no PersistentVolume its claims can bind', n),
    fact: (l10n) => l10n.t('no available PersistentVolume matches the claims there'),
    claims: true,
  },
  // l10n-verbatim: the scheduler's message
  'node(s) did not have enough free storage': {
    short: (l10n, n) => l10n.t('{0} lack free storage for its volumes', n),
    fact: (l10n) => l10n.t('the CSI driver reports too little capacity for the claims'),
    claims: true,
  },
  // l10n-verbatim: the scheduler's message
  'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)': {
    short: (l10n, n) => l10n.t('{0} cannot use its claims (bound to missing PersistentVolumes)', n),
    fact: (l10n) => l10n.t("the pod's claims are bound to PersistentVolumes that no longer exist"),
    claims: true,
  },
  // l10n-verbatim: the scheduler's message
  'node(s) exceed max volume count': {
    short: (l10n, n) => l10n.t('{0} are at their attachable volume limit', n),
    fact: (l10n) => l10n.t('the node already has the maximum number of volumes of that type attached'),
  },
  // l10n-verbatim: the scheduler's message
  "node(s) didn't match the requested node name": {
    short: (l10n, n) => l10n.t('{0} are not the node in spec.nodeName', n),
    fact: (l10n) => l10n.t('the pod names another node in spec.nodeName'),
  },
  // l10n-verbatim: the scheduler's message
  'node(s) had no available disk': {
    short: (l10n, n) => l10n.t('{0} already mount the same disk', n),
    fact: (l10n) => l10n.t('a pod there already uses the same disk read-write'),
  },
  // l10n-verbatim: the scheduler's message
  "node(s) didn't match scheduler-enforced node affinity": {
    short: (l10n, n) => l10n.t("{0} fail the scheduler profile's node affinity", n),
    fact: (l10n) => l10n.t("the scheduler profile's addedAffinity excludes them"),
  },
};
