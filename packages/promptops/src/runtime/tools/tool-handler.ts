/**
 * What an application plugs in to serve a tool (docs/tools.md): a function the runtime calls with
 * the model's arguments, already validated against the tool's schema and allowed by policy.
 *
 * A call succeeds when the handler returns; it fails when it throws or returns `{ ok: false }`
 * (a `verify_identity` that does not match, say), and a failed call does not count for another
 * tool's `requires`.
 *
 * @example
 * promptops.runtime.registerTool('lookup_order', async ({ order_id }) => orders.find(order_id));
 */
export type ToolHandler = (
  args: Record<string, unknown>,
  context: ToolCallContext,
) => unknown | Promise<unknown>;

export interface ToolCallContext {
  tool: string;
  prompt: string;
  runId: string;
  environment: string | null;
  /** The model's id for this call. */
  callId: string;
  /** Aborted when the call's timeout passes or the run is cancelled. */
  signal: AbortSignal;
}

/** Handlers by tool name: registered by the application, or HTTP tools from promptops.yaml. */
export interface ToolRegistry {
  get(name: string): ToolHandler | undefined;
  register(name: string, handler: ToolHandler): void;
  names(): string[];
}

export function createToolRegistry(initial: Record<string, ToolHandler> = {}): ToolRegistry {
  const handlers = new Map(Object.entries(initial));
  return {
    get: (name) => handlers.get(name),
    register(name, handler) {
      if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
        throw new TypeError(`registerTool: "${name}" is not a tool name (letters, digits, _ and -)`);
      }
      handlers.set(name, handler);
    },
    names: () => [...handlers.keys()],
  };
}

/** A handler's answer that reports failure without throwing. */
export function reportsFailure(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}
