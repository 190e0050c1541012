/** A passage a source returned for a query, before redaction and trimming. */
export interface Passage {
  source: string;
  docId: string;
  /** The document's version when the source knows it (a hash for promptops' own documents). */
  version?: string;
  title?: string;
  text: string;
}

/** What the template sees in `retrieved`: citations name `id`. */
export interface RetrievedPassage {
  id: string;
  title: string;
  text: string;
}

/** Provenance of one passage that entered a run's prompt (never its text). */
export interface RetrievalRecord {
  id: string;
  source: string;
  docId: string;
  version?: string;
  title?: string;
  tokens: number;
  /** `passage`, `cut` (trimmed to the budget) or `summary` (a cached summary stood in). */
  form: 'passage' | 'cut' | 'summary';
}

/** The id citations use: `source:doc`. */
export function passageId(passage: Pick<Passage, 'source' | 'docId'>): string {
  return `${passage.source}:${passage.docId}`;
}

/** A passage source: the promptops-managed full-text table, a project folder, or an HTTP retriever. */
export interface Retriever {
  search(query: string, k: number): Promise<Passage[]>;
}
