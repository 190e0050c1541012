// What POST /api/drafts/compress answers (issue 10, item 3): `promptops compress`'s rule-based
// rewrites of the editor's file text, with tokens (docs/compress.md).

/** One template of the prompt that got shorter. */
export interface CompressSuggestion {
  /** `text`, `system.guidelines[2]`, `messages[0].content`… */
  field: string;
  before: string;
  /** `''` when the whole list item was a repeat and goes. */
  after: string;
  /** The rewrite rules that fired (docs/compress.md). */
  rules: string[];
  tokensBefore: number;
  tokensAfter: number;
}

export interface DraftIssue {
  message: string;
  line: number | null;
  column: number | null;
  field: string | null;
}

export type CompressResult =
  | {
      ok: true;
      suggestions: CompressSuggestion[];
      /** Rewrites left out because they would change a variable, a fragment tag or a delimiter. */
      rejected: { field: string; source: string; reason: string }[];
      content: Record<string, unknown>;
      /** The prompt's file with the shorter wording, as `pull` writes it. */
      text: string;
      tokens: { before: number; after: number; rendered: { before: number; after: number } | null };
    }
  | { ok: false; issues: DraftIssue[] };
