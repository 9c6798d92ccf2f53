/**
 * names: Kubernetes-style generated names. The pod-template-hash is computed as the deployment
 * controller computes it (FNV-32a of the pod template, its decimal digits mapped onto the
 * "safe" alphabet), so one template always yields one ReplicaSet name and a rollback to an
 * earlier template finds that template's old ReplicaSet again.
 */

/** SAFE_ALPHABET is apimachinery's rand alphabet: no vowels, no 0/1/3, so no words and no look-alikes. */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** fnv32a hashes a string's UTF-16 code units' low bytes (enough for ASCII JSON). */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** safeEncode maps each character onto SAFE_ALPHABET, as rand.SafeEncodeString does. */
export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/** podTemplateHash is the `pod-template-hash` label value for a pod template. */
export function podTemplateHash(template: unknown): string {
  return safeEncode(String(fnv32a(JSON.stringify(template))));
}

/** cronJobSuffix names a CronJob's Job after its scheduled time in minutes since the epoch. */
export function cronJobSuffix(scheduledMs: number): string {
  return String(Math.floor(scheduledMs / 60_000));
}
