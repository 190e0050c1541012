import {
  type CanaryRollbackOutcome,
  rollbackCanaryForAlert,
} from '../../governance/changes/alert-rollback.ts';
import type { GovernanceDeps } from '../../governance/changes/governance-deps.ts';
import { enqueueAlertEvent } from '../../governance/events/enqueue-alert-event.ts';
import type { AlertRule } from '../../governance/policies/policies-schema.ts';
import type { RunResult } from '../../runtime/run-result.ts';
import { type AlertStatus, type AlertTransition, createAlertEvaluator } from './alert-evaluator.ts';
import type { AlertLogger } from './alert-log.ts';
import { alertReason } from './alert-reason.ts';
import type { WindowShape } from './series-window.ts';

export interface AlertMonitorOptions {
  /** policies.yaml `alerts` (the policies in force). */
  rules: readonly AlertRule[];
  /**
   * The catalog database and the policies in force: alert notices go to the webhook outbox and
   * `action: rollback` stops canaries. Without it alerts are only logged.
   */
  governance?: GovernanceDeps;
  /** Where transitions are logged; nothing is logged until `start` gives one, if not given here. */
  log?: AlertLogger;
  /** How often the rules are evaluated once started; 15 s by default. */
  intervalMs?: number;
  window?: Partial<WindowShape>;
  /** Milliseconds since the epoch (tests pass a fake clock). */
  now?: () => number;
}

/** What an automatic rollback came to, for one firing. */
export interface RollbackRecord {
  firedAt: string;
  outcome: CanaryRollbackOutcome['outcome'] | 'failed';
  at: string;
  detail?: string;
}

export type AlertStatusView = AlertStatus & {
  action: AlertRule['action'] | null;
  rollback: RollbackRecord | null;
};

export interface AlertSnapshot {
  rules: AlertRule[];
  alerts: AlertStatusView[];
  intervalMs: number;
  windowMs: number;
}

/**
 * The alert rules at work in one process (issue 7, item 6): `observe` is the runtime's observer
 * (constant time per run); every `intervalMs` the rules are evaluated off the run path, each move
 * to firing or resolved is logged and queued for webhooks (`alert.firing`, `alert.resolved`), and a
 * firing rule with `action: rollback` on a canary arm stops that canary as `system:alerts` — once
 * per firing, and once across replicas (governance/changes/alert-rollback.ts).
 *
 * Each replica judges the runs it served: with several replicas behind a balancer each sees a share
 * of the traffic, and each may notify the same alert; the rollback still happens once.
 *
 * @example
 * const alerts = createAlertMonitor({ rules: policies.alerts, governance: { db, policies } });
 * const runtime = await createRuntime({ ..., observers: [alerts.observe] });
 * alerts.start(logger);
 */
export function createAlertMonitor(options: AlertMonitorOptions) {
  const now = options.now ?? Date.now;
  const windowMs = options.window?.windowMs ?? 5 * 60_000;
  const evaluator = createAlertEvaluator({
    rules: options.rules,
    now,
    window: {
      windowMs,
      ...(options.window?.bucketMs !== undefined && { bucketMs: options.window.bucketMs }),
    },
  });
  const intervalMs = options.intervalMs ?? 15_000;
  let log = options.log;
  /** Per rule and series: the rollback of its latest firing. */
  const rollbacks = new Map<string, RollbackRecord>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<AlertTransition[]> | undefined;

  const keyOf = (status: AlertStatus) =>
    `${status.rule}\u0000${status.prompt}\u0000${status.environment ?? ''}\u0000${status.version}\u0000${status.arm}`;

  const notify = async (transition: AlertTransition): Promise<void> => {
    const { status } = transition;
    if (status.state !== 'firing' && status.state !== 'resolved') return;
    const fired = status.state === 'firing';
    const reason = alertReason(status, fired ? 'fired' : 'resolved');
    const fields = { alert: status };
    if (!fired) log?.info(fields, reason);
    else if (status.severity === 'critical') log?.error(fields, reason);
    else log?.warn(fields, reason);
    if (!options.governance) return;
    try {
      await enqueueAlertEvent(options.governance.db, {
        event: fired ? 'alert.firing' : 'alert.resolved',
        at: new Date(now()),
        target: status.prompt,
        reason,
        details: { ...status },
      });
    } catch (error) {
      log?.error(
        { alert: status, err: String(error) },
        `alert ${status.rule}: the webhook notice was not queued`,
      );
    }
  };

  const rollBack = async (status: AlertStatus, rule: AlertRule): Promise<void> => {
    const governance = options.governance;
    if (!governance || rule.action !== 'rollback' || status.arm !== 'canary' || !status.environment) return;
    const key = keyOf(status);
    const previous = rollbacks.get(key);
    if (previous && previous.firedAt === status.firedAt && previous.outcome !== 'failed') return;
    const reason = alertReason(status, 'fired');
    let record: RollbackRecord;
    try {
      const result = await rollbackCanaryForAlert(governance, {
        kind: 'prompt',
        name: status.prompt,
        environment: status.environment,
        canaryVersion: status.version,
        reason,
        details: {
          alert: {
            rule: status.rule,
            severity: status.severity,
            condition: status.condition,
            value: status.value,
            threshold: status.threshold,
            runs: status.runs,
            fired_at: status.firedAt,
          },
        },
      });
      record = { firedAt: status.firedAt ?? '', outcome: result.outcome, at: new Date(now()).toISOString() };
      const fields = { alert: status, rollback: result.outcome };
      if (result.outcome === 'rolled-back') log?.warn(fields, `canary stopped: ${reason}`);
      else if (result.outcome === 'not-allowed') {
        record.detail = `${result.risk} risk tier sets canary.auto_rollback: false`;
        log?.warn(fields, `canary not stopped (${record.detail}): ${reason}`);
      } else log?.info(fields, `canary already gone: ${reason}`);
    } catch (error) {
      // Tried again at the next evaluation while the alert still fires.
      record = {
        firedAt: status.firedAt ?? '',
        outcome: 'failed',
        at: new Date(now()).toISOString(),
        detail: error instanceof Error ? error.message : String(error),
      };
      log?.error({ alert: status, err: record.detail }, `canary rollback failed: ${reason}`);
    }
    rollbacks.set(key, record);
  };

  const evaluateOnce = async (): Promise<AlertTransition[]> => {
    const transitions = evaluator.evaluate();
    for (const transition of transitions) await notify(transition);
    const byName = new Map(evaluator.rules.map((rule) => [rule.name, rule]));
    for (const status of evaluator.statuses()) {
      const rule = byName.get(status.rule);
      if (status.state === 'firing' && rule) await rollBack(status, rule);
    }
    return transitions;
  };

  /** Evaluates now (one evaluation at a time) and waits for its notices and rollbacks. */
  const evaluateNow = async (): Promise<AlertTransition[]> => {
    while (running) await running.catch(() => undefined);
    running = evaluateOnce();
    try {
      return await running;
    } finally {
      running = undefined;
    }
  };

  return {
    rules: evaluator.rules,
    /** The runtime's observer: constant time, never throws. */
    observe(result: RunResult): void {
      try {
        evaluator.observe(result);
      } catch {
        // Alerts never fail a run.
      }
    },
    evaluateNow,
    snapshot(): AlertSnapshot {
      const actions = new Map(evaluator.rules.map((rule) => [rule.name, rule.action ?? null]));
      return {
        rules: [...evaluator.rules],
        intervalMs,
        windowMs,
        alerts: evaluator.statuses().map((status) => ({
          ...status,
          action: actions.get(status.rule) ?? null,
          rollback: rollbacks.get(keyOf(status)) ?? null,
        })),
      };
    },
    /** Starts evaluating every `intervalMs` (the timer does not keep the process alive). */
    start(logger?: AlertLogger): void {
      if (logger) log = logger;
      if (timer || evaluator.rules.length === 0) return;
      timer = setInterval(() => {
        if (running) return;
        evaluateNow().catch((error) => log?.error({ err: String(error) }, 'alert evaluation failed'));
      }, intervalMs);
      timer.unref();
    },
    /** Stops the timer and waits for an evaluation in progress. */
    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}

export type AlertMonitor = ReturnType<typeof createAlertMonitor>;
