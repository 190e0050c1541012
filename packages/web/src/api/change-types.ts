import type { ArtifactKind, Risk } from './types.ts';

export type ChangeState = 'open' | 'approved' | 'rejected' | 'deployed' | 'withdrawn';

export interface ChangeSummary {
  id: number;
  kind: ArtifactKind;
  name: string;
  version: number;
  environment: string;
  baseVersion: number | null;
  title: string;
  author: string;
  state: ChangeState;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface ChangeDetail extends ChangeSummary {
  risk: Risk;
  events: { kind: string; actor: string; role: string | null; body: string | null; at: string }[];
  evalResults: { suite: string; passRate: number; passed: number; total: number; recordedAt?: string }[];
  approvals: { count: number; needed: number; approverRoles: string[] };
  requirements: {
    reasonRequired: boolean;
    allowSelfApproval: boolean;
    requiredSuites: { suite: string; minPassRate: number }[];
    canary: { required: boolean; minPercent: number; minMinutes: number };
  };
}
