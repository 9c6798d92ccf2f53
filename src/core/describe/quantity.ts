/**
 * quantity: resource.Quantity arithmetic for the few places describe needs it (pod requests
 * and limits, node allocation, QoS). Values are exact: a BigInt count of nano-units. `format`
 * is the canonical form Go's `Quantity.String()` prints.
 */

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/** Quantity is a parsed resource quantity. */
export interface Quantity {
  /** The value in units of 10^-9, rounded up. */
  nanos: bigint;
  format: QuantityFormat;
}

const NANO = 1_000_000_000n;
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX = new Map(Object.entries(DECIMAL).map(([s, e]) => [e, s]));
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** ZERO is the zero quantity (Go's `resource.Quantity{}`), printed "0". */
export const ZERO: Quantity = { nanos: 0n, format: 'DecimalSI' };

/** ceilDiv divides rounding towards +infinity. */
function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n === b > 0n ? q + 1n : q;
}

/** parseQuantity parses "100m", "1.5Gi", "2e3", ...; undefined when malformed. */
export function parseQuantity(v: unknown): Quantity | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
  if (typeof v !== 'string') return undefined;
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)([a-zA-Z]*|[eE][+-]?\d+)$/.exec(v.trim());
  if (!m) return undefined;
  const [, sign, mantissa, suffix] = m as unknown as [string, string, string, string];
  const [whole, frac = ''] = mantissa.split('.');
  const digits = BigInt(`${whole || '0'}${frac}`);
  const scale = 10n ** BigInt(frac.length);
  let num = digits * NANO;
  let den = scale;
  let format: QuantityFormat;
  if (suffix in BINARY) {
    num *= 1024n ** BigInt(BINARY[suffix]!);
    format = 'BinarySI';
  } else if (suffix in DECIMAL) {
    const e = DECIMAL[suffix]!;
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
    format = 'DecimalSI';
  } else if (/^[eE]/.test(suffix)) {
    const e = Number(suffix.slice(1));
    if (Math.abs(e) > 30) return undefined;
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
    format = 'DecimalExponent';
  } else return undefined;
  const nanos = ceilDiv(num, den);
  return { nanos: sign === '-' ? -nanos : nanos, format };
}

/** add returns a + b in a's format (Go's `a.Add(b)`); a zero `a` takes b's format. */
export function add(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n && a === ZERO ? b.format : a.format };
}

/** compare returns -1, 0 or 1. */
export function compare(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** milliValue is Go's `MilliValue()`: rounded up to a whole milli-unit. */
export function milliValue(q: Quantity): number {
  return Number(ceilDiv(q.nanos, 1_000_000n));
}

/** value is Go's `Value()`: rounded up to a whole unit. */
export function value(q: Quantity): number {
  return Number(ceilDiv(q.nanos, NANO));
}

function decimalString(nanos: bigint, exponentStyle: boolean): string {
  let exp = -9;
  let mant = nanos;
  while (exp < 18 && mant % 1000n === 0n) {
    mant /= 1000n;
    exp += 3;
  }
  if (exponentStyle) return exp === 0 ? `${mant}` : `${mant}e${exp}`;
  return `${mant}${DECIMAL_SUFFIX.get(exp) ?? ''}`;
}

/** formatQuantity prints the canonical form, as Go's `Quantity.String()`. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  if (q.format === 'BinarySI') {
    const whole = q.nanos % NANO === 0n;
    const units = q.nanos / NANO;
    if (whole && (units >= 1024n || units <= -1024n)) {
      let n = 0;
      let mant = units;
      while (n < 6 && mant % 1024n === 0n) {
        mant /= 1024n;
        n++;
      }
      return `${mant}${BINARY_SUFFIX[n]}`;
    }
    return decimalString(q.nanos, false);
  }
  return decimalString(q.nanos, q.format === 'DecimalExponent');
}

/** canonical re-prints a quantity string in canonical form; unparseable text is returned as-is. */
export function canonical(v: unknown): string {
  const q = parseQuantity(v);
  return q ? formatQuantity(q) : typeof v === 'string' ? v : '';
}

/** ResourceList is a parsed map of resource name to quantity. */
export type ResourceList = Map<string, Quantity>;

/** resourceList parses a `{cpu: "100m", ...}` map, skipping malformed entries. */
export function resourceList(v: unknown): ResourceList {
  const out: ResourceList = new Map();
  if (v === null || typeof v !== 'object') return out;
  for (const [k, raw] of Object.entries(v as Record<string, unknown>)) {
    const q = parseQuantity(raw);
    if (q) out.set(k, q);
  }
  return out;
}

/** addInto adds every entry of `b` to `a` (in place). */
export function addInto(a: ResourceList, b: ResourceList): void {
  for (const [k, q] of b) a.set(k, a.has(k) ? add(a.get(k)!, q) : q);
}

/** maxInto raises every entry of `a` to at least `b`'s (in place). */
export function maxInto(a: ResourceList, b: ResourceList): void {
  for (const [k, q] of b) if (!a.has(k) || compare(q, a.get(k)!) > 0) a.set(k, q);
}
