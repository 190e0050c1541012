import type { PromptopsClientError } from './client-error.ts';

/**
 * A prompt version's content: the YAML prompt file's fields (docs/prompt-files.md), as stored. Typed
 * loosely on purpose: the server's schema is the authority and grows.
 */
export interface PromptContent {
  messages?: { role: string; content: string }[];
  text?: string;
  variables?: Record<string, unknown>;
  model?: unknown;
  output?: unknown;
  [field: string]: unknown;
}

/** One immutable version, as `GET /api/artifacts/prompt/NAME` answers it. */
export interface PromptVersion {
  kind: 'prompt';
  name: string;
  version: number;
  parentVersion: number | null;
  /** sha256 of the canonical content. */
  contentHash: string;
  author: string;
  message: string;
  createdAt: string;
  content: PromptContent;
}

export interface PromptDeployment {
  environment: string;
  stableVersion: number;
  canaryVersion: number | null;
  canaryPercent: number | null;
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

/** The prompt's catalog entry, as it was when its version was last fetched. */
export interface PromptArtifact {
  kind: 'prompt';
  name: string;
  description: string | null;
  owner: string | null;
  risk: string | null;
  task: string | null;
  classification: string | null;
  tags: string[];
  status: 'active' | 'retired';
  headVersion: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  deployments: PromptDeployment[];
}

/** The body of `GET /api/artifacts/prompt/NAME`. */
export interface PromptBody {
  artifact: PromptArtifact;
  version: PromptVersion;
}

/**
 * Where an answer came from:
 * - `server`: fetched (or revalidated by ETag) during this call;
 * - `cache`: memory, within its TTL (`stale: false`) or past it while one background refresh runs
 *   (`stale: true`, stale-while-revalidate);
 * - `last-known-good`: memory, because the server could not be reached or failed (5xx) — `error` says how;
 * - `snapshot`: the snapshot file, on a cold start with the server unreachable — `error` says how.
 */
export type PromptSource = 'server' | 'cache' | 'last-known-good' | 'snapshot';

export interface PromptResult {
  prompt: PromptVersion;
  artifact: PromptArtifact;
  source: PromptSource;
  /** True when the server has not confirmed this version within the TTL. */
  stale: boolean;
  /** When the server last confirmed it. */
  fetchedAt: Date;
  /** Why the server was not asked or did not answer (`last-known-good`, `snapshot`). */
  error?: PromptopsClientError;
}
