// The entry of dist/client-node.js: the parts of @kubernetes/client-node we use, as one
// CommonJS file, loaded by src/kube/clientNode.ts when the first context connects.
export { KubeConfig, bufferFromFileOrString } from '@kubernetes/client-node';
