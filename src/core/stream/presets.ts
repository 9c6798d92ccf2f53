// Saved filter presets: a bounded list of named filter sets. Pure: the host keeps the list in
// globalState and validates whatever it reads back.
import { type FilterPreset, isFilterPreset, isPresetName, LIMITS, type UiState } from '../../protocol/events';

/** presetState is the part of a view's state a preset keeps: everything but the object filter. */
export function presetState(ui: UiState): UiState {
  return { ...ui, object: null };
}

/**
 * parsePresets reads a stored list (untrusted: another version, a hand edit): invalid entries
 * and repeated names are dropped, at most LIMITS.maxPresets kept.
 */
export function parsePresets(v: unknown): FilterPreset[] {
  if (!Array.isArray(v)) return [];
  const out: FilterPreset[] = [];
  const seen = new Set<string>();
  for (const p of v) {
    if (out.length >= LIMITS.maxPresets) break;
    if (!isFilterPreset(p) || seen.has(p.name)) continue;
    seen.add(p.name);
    out.push(p);
  }
  return out;
}

/** presetNameProblem explains why a name cannot be used, or returns undefined when it can. */
export function presetNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Enter a name.';
  if (name.trim().length > LIMITS.maxPresetName)
    return `At most ${LIMITS.maxPresetName} characters (this one has ${name.trim().length}).`;
  return undefined;
}

/**
 * savePreset returns the list with `ui` saved under `name` (trimmed): an existing preset of that
 * name is replaced in place; a new one goes last. Throws when the name is invalid or the list
 * already holds LIMITS.maxPresets other presets.
 */
export function savePreset(list: readonly FilterPreset[], name: string, ui: UiState): FilterPreset[] {
  const problem = presetNameProblem(name);
  const n = name.trim();
  if (problem || !isPresetName(n)) throw new Error(problem ?? 'Invalid name.');
  const preset: FilterPreset = { name: n, ui: presetState(ui) };
  const at = list.findIndex((p) => p.name === n);
  if (at >= 0) return list.map((p, i) => (i === at ? preset : p));
  if (list.length >= LIMITS.maxPresets)
    throw new Error(`At most ${LIMITS.maxPresets} presets: delete one first.`);
  return [...list, preset];
}

/** deletePreset returns the list without the preset named `name` (the same list when absent). */
export function deletePreset(list: readonly FilterPreset[], name: string): FilterPreset[] {
  return list.filter((p) => p.name !== name);
}
