// vscodeOnce: an esbuild plugin that makes the bundle copy the `vscode` API object once.
// esbuild turns each module's `import * as vscode from 'vscode'` (an external CommonJS module)
// into its own `__toESM(require('vscode'))`, and each of those copies every property of the
// API object (hundreds, as getters): 43 copies cost ~43 ms of the extension's activation in
// VS Code's extension host (bench 9b, --profile). Here every import of `vscode` resolves to one
// ES module that re-exports it, so the copy is made once, when the bundle loads.

/** @type {import('esbuild').Plugin} */
export const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once'
        ? { path: 'vscode', external: true }
        : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /^vscode$/, namespace: 'vscode-once' }, () => ({
      contents: "export * from 'vscode';",
      loader: 'js',
    }));
  },
};
