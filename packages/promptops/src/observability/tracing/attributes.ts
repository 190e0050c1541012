/**
 * Span attribute names. The `gen_ai.*` and `error.type` names are those of the OpenTelemetry GenAI
 * semantic conventions v1.37.0 (the release that replaced `gen_ai.system` with
 * `gen_ai.provider.name`); `promptops.*` are our own. Attribute values never carry prompt or answer
 * text, variables, tool arguments or results, or secrets: only names, numbers and codes.
 */
export const SEMCONV_SCHEMA_URL = 'https://opentelemetry.io/schemas/1.37.0';

export const GEN_AI = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  requestTemperature: 'gen_ai.request.temperature',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  requestTopP: 'gen_ai.request.top_p',
  requestSeed: 'gen_ai.request.seed',
  requestPresencePenalty: 'gen_ai.request.presence_penalty',
  requestFrequencyPenalty: 'gen_ai.request.frequency_penalty',
  outputType: 'gen_ai.output.type',
  responseModel: 'gen_ai.response.model',
  responseId: 'gen_ai.response.id',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  toolName: 'gen_ai.tool.name',
  toolCallId: 'gen_ai.tool.call.id',
  toolType: 'gen_ai.tool.type',
} as const;

/** The stable `error.type`: a low-cardinality class of error, never a message. */
export const ERROR_TYPE = 'error.type';

export const PROMPTOPS = {
  runId: 'promptops.run.id',
  runKind: 'promptops.run.kind',
  parentRunId: 'promptops.run.parent_id',
  requestId: 'promptops.request.id',
  promptName: 'promptops.prompt.name',
  promptVersion: 'promptops.prompt.version',
  environment: 'promptops.environment',
  arm: 'promptops.arm',
  status: 'promptops.status',
  errorCode: 'promptops.error.code',
  model: 'promptops.model',
  costAmount: 'promptops.cost.amount',
  costCurrency: 'promptops.cost.currency',
  costKnown: 'promptops.cost.known',
  usageInputTokens: 'promptops.usage.input_tokens',
  usageOutputTokens: 'promptops.usage.output_tokens',
  usageEstimated: 'promptops.usage.estimated',
  attempts: 'promptops.attempts',
  validationRetries: 'promptops.validation_retries',
  guards: 'promptops.guards',
  decision: 'promptops.decision',
  timeToFirstTokenMs: 'promptops.time_to_first_token_ms',
  attempt: 'promptops.attempt',
  fallbackIndex: 'promptops.fallback_index',
  providerProtocol: 'promptops.provider.protocol',
  chainName: 'promptops.chain.name',
  chainOutcome: 'promptops.chain.outcome',
  chainStage: 'promptops.chain.stage',
  chainEndedAt: 'promptops.chain.ended_at',
} as const;

/** Our names for `gen_ai.operation.name` values of the conventions that we use. */
export const OPERATION = { chat: 'chat', executeTool: 'execute_tool' } as const;
