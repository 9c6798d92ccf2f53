import type { CorpusCase } from './corpusCase';
export const CLUSTER: CorpusCase[] = [];
