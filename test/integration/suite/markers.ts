/**
 * markers: the lines the suite prints around its mocha run. The code-server runner prints what
 * lies between them and files the workbench's own chatter (connections, gallery lookups) in a log.
 */

/** suiteBegin is printed (console.log) just before mocha starts. */
export const suiteBegin = '--- kube-events extension-host tests: begin ---';

/** suiteEnd is printed when mocha has finished, whatever the result. */
export const suiteEnd = '--- kube-events extension-host tests: end ---';
