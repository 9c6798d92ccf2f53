/**
 * sections: splits `kubectl describe` text into its top-level sections, for comparisons. A
 * section starts at a line with no indentation that opens with `Key:`; the lines up to the next
 * such line belong to it.
 */

export interface Section {
  key: string;
  text: string;
}

const TOP = /^([A-Za-z][A-Za-z0-9 ()./_-]*):/;

export function splitSections(text: string): Section[] {
  const out: Section[] = [];
  for (const line of text.replace(/\n$/, '').split('\n')) {
    const m = TOP.exec(line);
    if (m) out.push({ key: m[1]!, text: line });
    else if (out.length > 0) out[out.length - 1]!.text += `\n${line}`;
    else out.push({ key: '', text: line });
  }
  return out;
}
