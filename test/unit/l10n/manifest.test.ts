/**
 * manifest l10n: every user-facing string of package.json is a `%key%` whose English text is in
 * package.nls.json, and package.nls.json holds no key the manifest does not use. A command (or
 * setting, view, walkthrough step…) added later with a literal title fails here.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

/** USER_FACING are the manifest keys whose string (or string list) values VS Code shows. */
const USER_FACING = new Set([
  'title',
  'shortTitle',
  'category',
  'name',
  'contextualTitle',
  'description',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'enumItemLabels',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'contents',
  'label',
  'altText',
]);
/** Top-level keys VS Code shows (the rest of the top level is metadata: name, publisher, scripts…). */
const TOP_LEVEL = ['displayName', 'description'];
const NLS_KEY = /^%([\w.-]+)%$/;

/** Found is one user-facing string: where it is, and its value. */
interface Found {
  where: string;
  value: string;
}

/**
 * userFacing walks a manifest subtree and returns its user-facing strings. `name` counts only in
 * `views` (elsewhere it is an id: a grammar's, a property's). Setting names (the keys of
 * `properties`) are walked into, never read as text.
 */
export function userFacing(node: unknown, where: string, inViews = false): Found[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => userFacing(v, `${where}[${i}]`, inViews));
  if (!node || typeof node !== 'object') return [];
  const out: Found[] = [];
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const at = `${where}.${key}`;
    const shown = USER_FACING.has(key) && (key !== 'name' || inViews);
    if (shown && typeof value === 'string') out.push({ where: at, value });
    else if (shown && Array.isArray(value) && value.every((v) => typeof v === 'string'))
      value.forEach((v: string, i) => out.push({ where: `${at}[${i}]`, value: v }));
    else userFacing(value, at, inViews || where === 'contributes.views').forEach((f) => out.push(f));
  }
  return out;
}

function manifestStrings(pkg: Record<string, unknown>): Found[] {
  const top = TOP_LEVEL.filter((k) => typeof pkg[k] === 'string').map((k) => ({
    where: k,
    value: pkg[k] as string,
  }));
  return [
    ...top,
    ...userFacing(pkg.capabilities, 'capabilities'),
    ...userFacing(pkg.contributes, 'contributes'),
  ];
}

/** allNlsRefs lists every `%key%` string anywhere in the manifest. */
function allNlsRefs(node: unknown): string[] {
  if (typeof node === 'string') return NLS_KEY.test(node) ? [NLS_KEY.exec(node)![1]!] : [];
  if (Array.isArray(node)) return node.flatMap(allNlsRefs);
  if (node && typeof node === 'object') return Object.values(node).flatMap(allNlsRefs);
  return [];
}

describe('l10n: package.json and package.nls.json', () => {
  const pkg = readJson('package.json') as Record<string, unknown>;
  const nls = readJson('package.nls.json') as Record<string, unknown>;

  it('finds the user-facing strings of the manifest (the walk is not vacuous)', () => {
    const found = manifestStrings(pkg).map((f) => f.where);
    for (const expected of [
      'displayName',
      'contributes.commands[0].title',
      'contributes.commands[0].category',
      'contributes.views.kubeEvents[0].name',
      'contributes.viewsContainers.activitybar[0].title',
      'contributes.configuration.title',
      'contributes.configuration.properties.kubeEvents.kubeconfig.markdownDescription',
      'contributes.viewsWelcome[0].contents',
      'contributes.walkthroughs[0].steps[0].media.altText',
      'capabilities.untrustedWorkspaces.description',
    ])
      assert.ok(found.includes(expected), `${expected} not among ${found.length} strings`);
  });

  it('a literal command title, setting description or submenu label is caught', () => {
    const literal = userFacing(
      {
        commands: [{ command: 'x.y', title: 'Do It', category: '%command.category%' }],
        submenus: [{ id: 's', label: 'More' }],
        configuration: [{ properties: { 'x.z': { enumDescriptions: ['One', '%ok%'] } } }],
        grammars: [{ name: 'not text' }],
      },
      'contributes',
    )
      .filter((f) => !NLS_KEY.test(f.value))
      .map((f) => f.where);
    assert.deepEqual(literal, [
      'contributes.commands[0].title',
      'contributes.submenus[0].label',
      'contributes.configuration[0].properties.x.z.enumDescriptions[0]',
    ]);
  });

  it('every user-facing string is a %key%, not a literal', () => {
    const literals = manifestStrings(pkg).filter((f) => !NLS_KEY.test(f.value));
    assert.deepEqual(
      literals.map((f) => `${f.where}: ${f.value}`),
      [],
      'move these to package.nls.json and write "%key%" in package.json',
    );
  });

  it('every %key% has its English text in package.nls.json', () => {
    const missing = allNlsRefs(pkg).filter((k) => typeof nls[k] !== 'string' || nls[k] === '');
    assert.deepEqual(missing, []);
  });

  it('package.nls.json has no unused key', () => {
    const used = new Set(allNlsRefs(pkg));
    assert.deepEqual(
      Object.keys(nls).filter((k) => !used.has(k)),
      [],
    );
  });

  it('declares the runtime bundle folder, which holds the English bundle', () => {
    assert.equal(pkg.l10n, './l10n');
    assert.ok(fs.existsSync(path.join(root, 'l10n', 'bundle.l10n.json')));
  });

  it('packages the bundle and package.nls.json in the VSIX (.vscodeignore)', () => {
    const rules = fs
      .readFileSync(path.join(root, '.vscodeignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    assert.ok(rules.includes('!package.nls.json'), '.vscodeignore must keep package.nls.json');
    assert.ok(rules.includes('!l10n/**'), '.vscodeignore must keep l10n/');
  });
});
