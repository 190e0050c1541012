import { PromptopsError } from '../../errors/index.ts';

export type TracesExporter = 'otlp' | 'console';
export type OtlpProtocol = 'http/protobuf' | 'http/json';
export type TracesSampler =
  | { kind: 'always_on' | 'always_off' | 'parentbased_always_on' | 'parentbased_always_off' }
  | { kind: 'traceidratio' | 'parentbased_traceidratio'; ratio: number };

/** Tracing as the standard OpenTelemetry environment variables configure it, read once at start. */
export type TracingConfig =
  | { enabled: false }
  | {
      enabled: true;
      exporter: TracesExporter;
      /** The full URL spans are posted to (…/v1/traces). */
      url: string;
      protocol: OtlpProtocol;
      /** OTEL_EXPORTER_OTLP_(TRACES_)HEADERS: may hold credentials, so never logged. */
      headers: Record<string, string>;
      serviceName: string;
      resourceAttributes: Record<string, string>;
      sampler: TracesSampler;
    };

const DEFAULT_ENDPOINT = 'http://localhost:4318';
const SAMPLERS = new Set([
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
]);

/**
 * Off by default: tracing starts only when OTEL_TRACES_EXPORTER names an exporter (`otlp`,
 * `console`) or an OTLP endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), and OTEL_SDK_DISABLED is not `true`. A value promptops cannot
 * honour (an exporter or protocol it does not ship, a bad URL or ratio) is an error naming the
 * variable, not a silent fallback.
 *
 * @example tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }) // enabled, …/v1/traces
 */
export function tracingConfigFromEnv(env: Record<string, string | undefined>): TracingConfig {
  const value = (name: string) => {
    const text = env[name]?.trim();
    return text ? text : undefined;
  };
  if (value('OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return { enabled: false };
  const specificEndpoint = value('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const endpoint = value('OTEL_EXPORTER_OTLP_ENDPOINT');
  const exporters = value('OTEL_TRACES_EXPORTER')
    ?.split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (exporters === undefined && specificEndpoint === undefined && endpoint === undefined) {
    return { enabled: false };
  }
  const exporter = exporterOf(exporters ?? ['otlp']);
  if (exporter === undefined) return { enabled: false };
  const protocol = protocolOf(
    value('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ?? value('OTEL_EXPORTER_OTLP_PROTOCOL'),
    value('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL')
      ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
      : 'OTEL_EXPORTER_OTLP_PROTOCOL',
  );
  const url = specificEndpoint
    ? checkedUrl(specificEndpoint, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT')
    : `${checkedUrl(endpoint ?? DEFAULT_ENDPOINT, 'OTEL_EXPORTER_OTLP_ENDPOINT').replace(/\/+$/, '')}/v1/traces`;
  const resourceAttributes = keyValues(value('OTEL_RESOURCE_ATTRIBUTES'), 'OTEL_RESOURCE_ATTRIBUTES');
  return {
    enabled: true,
    exporter,
    url,
    protocol,
    headers: {
      ...keyValues(value('OTEL_EXPORTER_OTLP_HEADERS'), 'OTEL_EXPORTER_OTLP_HEADERS'),
      ...keyValues(value('OTEL_EXPORTER_OTLP_TRACES_HEADERS'), 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'),
    },
    serviceName: value('OTEL_SERVICE_NAME') ?? resourceAttributes['service.name'] ?? 'promptops',
    resourceAttributes,
    sampler: samplerOf(value('OTEL_TRACES_SAMPLER'), value('OTEL_TRACES_SAMPLER_ARG')),
  };
}

function invalid(variable: string, message: string): PromptopsError {
  return new PromptopsError('config_invalid', `${variable}: ${message}`, { parameter: variable });
}

function exporterOf(names: string[]): TracesExporter | undefined {
  const known = names.filter((name) => name !== 'none');
  if (names.includes('none') && known.length === 0) return undefined;
  if (known.length > 1) {
    throw invalid('OTEL_TRACES_EXPORTER', `one exporter at a time, got ${known.join(', ')}`);
  }
  const name = known[0];
  if (name === 'otlp' || name === 'console') return name;
  throw invalid('OTEL_TRACES_EXPORTER', `"${name}" is not supported (otlp, console or none)`);
}

function protocolOf(text: string | undefined, variable: string): OtlpProtocol {
  if (text === undefined || text === 'http/protobuf') return 'http/protobuf';
  if (text === 'http/json') return 'http/json';
  throw invalid(
    variable,
    `"${text}" is not supported (http/protobuf or http/json; promptops ships no gRPC exporter)`,
  );
}

function checkedUrl(text: string, variable: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(variable, `"${text}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(variable, `"${text}" must be an http or https URL`);
  }
  return text;
}

/** `key1=value1,key2=value2`, values percent-encoded (the OTel environment variable format). */
function keyValues(text: string | undefined, variable: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  if (text === undefined) return pairs;
  for (const [index, item] of text.split(',').entries()) {
    if (!item.trim()) continue;
    const equals = item.indexOf('=');
    const key = equals === -1 ? '' : item.slice(0, equals).trim();
    // The entry is not quoted: a headers variable holds credentials.
    if (!key) throw invalid(variable, `entry ${index + 1} is not key=value`);
    try {
      pairs[key] = decodeURIComponent(item.slice(equals + 1).trim());
    } catch {
      throw invalid(variable, `the value of ${key} is not percent-encoded correctly`);
    }
  }
  return pairs;
}

function samplerOf(name: string | undefined, argument: string | undefined): TracesSampler {
  const kind = name?.toLowerCase() ?? 'parentbased_always_on';
  if (!SAMPLERS.has(kind)) {
    throw invalid('OTEL_TRACES_SAMPLER', `"${name}" is not supported (${[...SAMPLERS].join(', ')})`);
  }
  if (kind === 'traceidratio' || kind === 'parentbased_traceidratio') {
    const ratio = argument === undefined ? 1 : Number(argument);
    if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
      throw invalid('OTEL_TRACES_SAMPLER_ARG', `"${argument}" is not a ratio from 0 to 1`);
    }
    return { kind, ratio };
  }
  return { kind } as TracesSampler;
}
