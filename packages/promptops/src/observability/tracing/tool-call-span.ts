import { type Context, SpanKind, trace } from '@opentelemetry/api';
import { ERROR_TYPE, GEN_AI, OPERATION } from './attributes.ts';
import { markFailed, parentContext, promptopsTracer } from './tracer.ts';

/**
 * The hook for the tool loop (DESIGN.md section 4, not built yet): runs one tool call inside an
 * `execute_tool {name}` span (INTERNAL, GenAI semantic conventions) under the run's span. Records
 * the tool's name and call id, never its arguments or result. A thrown error ends the span as
 * failed (`error.type` is the error's name, or the `code` of a PromptopsError) and is rethrown.
 *
 * @example
 * const weather = await traceToolCall(run.context, { name: 'get_weather', callId: call.id }, () => tools.get_weather(args));
 */
export async function traceToolCall<T>(
  parent: Context | undefined,
  tool: { name: string; callId?: string; type?: 'function' | 'extension' | 'datastore' },
  execute: (context: Context) => Promise<T>,
): Promise<T> {
  const outer = parentContext(parent);
  const span = promptopsTracer().startSpan(
    `${OPERATION.executeTool} ${tool.name}`,
    { kind: SpanKind.INTERNAL },
    outer,
  );
  if (span.isRecording()) {
    span.setAttributes({
      [GEN_AI.operationName]: OPERATION.executeTool,
      [GEN_AI.toolName]: tool.name,
      [GEN_AI.toolType]: tool.type ?? 'function',
    });
    if (tool.callId !== undefined) span.setAttribute(GEN_AI.toolCallId, tool.callId);
  }
  try {
    return await execute(trace.setSpan(outer, span));
  } catch (error) {
    if (span.isRecording()) {
      const code = (error as { code?: unknown })?.code;
      span.setAttribute(
        ERROR_TYPE,
        typeof code === 'string' ? code : error instanceof Error ? error.name : '_OTHER',
      );
      markFailed(span);
    }
    throw error;
  } finally {
    span.end();
  }
}
