// What the REST API answers (docs/server.md). The web UI shares types only with the promptops
// package (dependency-cruiser: web-over-http-only), so these are declared from the JSON the routes send.
import type { Action } from '../../../promptops/src/governance/access/actions.ts';
import type { Role } from '../../../promptops/src/governance/access/roles.ts';

export type { Action, Role };

export type ArtifactKind = 'prompt' | 'fragment' | 'example-bank';
export type Risk = 'low' | 'medium' | 'high';

export interface Session {
  actor: string;
  grants: { role: Role; prefix: string }[];
}

export interface Permissions {
  name: string;
  allowed: Action[];
}

export interface ArtifactSummary {
  kind: ArtifactKind;
  name: string;
  description: string | null;
  owner: string | null;
  risk: Risk | null;
  task: string | null;
  classification: string | null;
  tags: string[];
  status: 'active' | 'retired';
  headVersion: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface EnvironmentDeployment {
  environment: string;
  stableVersion: number | null;
  canaryVersion: number | null;
  canaryPercent: number | null;
  revision?: number;
  updatedAt?: string;
  updatedBy?: string;
}

export interface VersionRecord {
  kind: ArtifactKind;
  name: string;
  version: number;
  parentVersion: number | null;
  contentHash: string;
  author: string;
  message: string | null;
  createdAt: string;
  content: Record<string, unknown>;
}

export interface ArtifactDetail {
  artifact: ArtifactSummary & { deployments: EnvironmentDeployment[] };
  version: VersionRecord;
}

export interface Page<Item> {
  items: Item[];
  limit: number;
  next: string | number | null;
  total?: number;
}

export interface ChatMessage {
  role: string;
  content: string;
}

export interface Rendered {
  prompt: string;
  version: number;
  messages?: ChatMessage[];
  text?: string;
  variables: Record<string, unknown>;
  fragments: { name: string; version: number }[];
  tokens: { estimate: number; encoding: string };
}

export interface GuardVerdict {
  stage: string;
  guard: string;
  action: string;
  reason?: string;
  score?: number;
  [key: string]: unknown;
}

export interface RunResult {
  status: 'ok' | 'uncertain' | 'escalated' | 'blocked' | 'failed';
  runId: string;
  prompt: string;
  version: number | null;
  arm: string | null;
  output: string | null;
  parsed?: unknown;
  model: string | null;
  usage?: { inputTokens: number; outputTokens: number; estimated: boolean };
  cost: { amount: number; currency: string } | null;
  verdicts: GuardVerdict[];
  latencyMs: number;
  warnings: string[];
  decision?: string;
  confidence?: number;
  reason?: string;
}

export interface EvalResult {
  suite: string;
  version: number;
  passed: number;
  total: number;
  recordedAt?: string;
  recordedBy?: string;
  [key: string]: unknown;
}
