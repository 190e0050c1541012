import type { ArtifactKind, ArtifactStatus } from '../content/names.ts';

/** What the catalog returns; plain data, safe to serialise for the CLI's --json and the REST API. */
export interface DeploymentSummary {
  environment: string;
  stableVersion: number;
  canaryVersion: number | null;
  /** Percentage of traffic on the canary, 0–100 with two decimals. */
  canaryPercent: number | null;
  revision: number;
  updatedAt: Date;
  updatedBy: string;
}

export interface ArtifactSummary {
  kind: ArtifactKind;
  name: string;
  description: string | null;
  owner: string | null;
  risk: string | null;
  task: string | null;
  classification: string | null;
  tags: string[];
  status: ArtifactStatus;
  headVersion: number;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
}

export interface VersionSummary {
  version: number;
  parentVersion: number | null;
  contentHash: string;
  author: string;
  message: string;
  createdAt: Date;
}

export interface VersionRecord extends VersionSummary {
  kind: ArtifactKind;
  name: string;
  content: unknown;
}

export interface DeploymentEvent {
  environment: string;
  action: string;
  fromVersion: number | null;
  toVersion: number | null;
  canaryVersion: number | null;
  canaryPercent: number | null;
  actor: string;
  reason: string | null;
  at: Date;
}

export type SaveOutcome = 'created' | 'unchanged';

export interface SaveResult {
  outcome: SaveOutcome;
  kind: ArtifactKind;
  name: string;
  version: number;
  contentHash: string;
}
