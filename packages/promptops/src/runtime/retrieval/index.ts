export { createRetrievalRuntime, type Retrieval, type RetrievalRuntime } from './create-retrieval.ts';
export { type Passage, passageId, type RetrievalRecord, type RetrievedPassage } from './passage.ts';
export { retrievedPassageRows } from './retrieved-passage-rows.ts';
