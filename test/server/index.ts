/**
 * The Kubernetes-protocol test API server: start one in-process with startTestServer and drive
 * it through the returned TestServer. Object builders live in ./fixtures.
 */
export { startTestServer } from './server';
export type {
  FailFault,
  Faults,
  KubeconfigOptions,
  RbacRule,
  RequestRecord,
  ServerCounters,
  TestServer,
  TestServerOptions,
  WatchFilter,
} from './types';
