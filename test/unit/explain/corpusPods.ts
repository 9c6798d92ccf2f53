import type { CorpusCase } from './corpusCase';
export const PODS: CorpusCase[] = [];
