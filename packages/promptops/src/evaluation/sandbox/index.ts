export { pairChanged, summariseReplay } from './replay-summary.ts';
export { type ReplayDeps, replayTraffic } from './replay-traffic.ts';
export {
  DEFAULT_REPLAY_CONCURRENCY,
  MAX_REPLAY_LIMIT,
  type ReplayInput,
  type ReplayItem,
  type ReplayResult,
  type ReplaySide,
  type ReplaySkip,
  type ReplaySource,
  type ReplaySummary,
  type ReplayTarget,
  type SideFigures,
} from './replay-types.ts';
export { listSandboxRuns, type SandboxHistoryQuery } from './sandbox-history.ts';
