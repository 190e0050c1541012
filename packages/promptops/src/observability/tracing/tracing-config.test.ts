import { describe, expect, it } from 'vitest';
import { PromptopsError } from '../../errors/index.ts';
import { tracingConfigFromEnv } from './tracing-config.ts';

function failure(env: Record<string, string>): PromptopsError {
  try {
    tracingConfigFromEnv(env);
  } catch (error) {
    if (PromptopsError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a config_invalid error');
}

describe('tracingConfigFromEnv (the standard OTEL_* variables)', () => {
  it('is off by default, with OTEL_TRACES_EXPORTER=none, and with OTEL_SDK_DISABLED=true', () => {
    expect(tracingConfigFromEnv({})).toEqual({ enabled: false });
    expect(tracingConfigFromEnv({ OTEL_SERVICE_NAME: 'x' })).toEqual({ enabled: false });
    expect(tracingConfigFromEnv({ OTEL_TRACES_EXPORTER: 'none' })).toEqual({ enabled: false });
    expect(tracingConfigFromEnv({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toEqual({
      enabled: false,
    });
  });

  it('turns on with an exporter or an endpoint; the spec defaults fill the rest', () => {
    expect(tracingConfigFromEnv({ OTEL_TRACES_EXPORTER: 'otlp' })).toEqual({
      enabled: true,
      exporter: 'otlp',
      url: 'http://localhost:4318/v1/traces',
      protocol: 'http/protobuf',
      headers: {},
      serviceName: 'promptops',
      resourceAttributes: {},
      sampler: { kind: 'parentbased_always_on' },
    });
    expect(tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toMatchObject({
      enabled: true,
      url: 'http://collector:4318/v1/traces',
    });
  });

  it('takes the traces-specific endpoint as is, and traces-specific headers over the general ones', () => {
    const config = tracingConfigFromEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://general:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.com/otlp/spans',
      OTEL_EXPORTER_OTLP_HEADERS: 'api-key=general,team=a%20b',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'api-key=traces',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'support-gateway',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
    });
    expect(config).toEqual({
      enabled: true,
      exporter: 'otlp',
      url: 'https://traces.example.com/otlp/spans',
      protocol: 'http/json',
      headers: { 'api-key': 'traces', team: 'a b' },
      serviceName: 'support-gateway',
      resourceAttributes: { 'deployment.environment.name': 'prod' },
      sampler: { kind: 'parentbased_traceidratio', ratio: 0.25 },
    });
  });

  it('refuses what it cannot honour, naming the variable and never quoting a header', () => {
    expect(failure({ OTEL_TRACES_EXPORTER: 'zipkin' })).toMatchObject({
      code: 'config_invalid',
      details: { parameter: 'OTEL_TRACES_EXPORTER' },
    });
    expect(failure({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }).message).toMatch(
      /^OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" is not supported/,
    );
    expect(failure({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }).message).toContain(
      'OTEL_EXPORTER_OTLP_ENDPOINT',
    );
    expect(
      failure({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_TRACES_SAMPLER: 'traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '2',
      }).message,
    ).toContain('OTEL_TRACES_SAMPLER_ARG');
    const headers = failure({
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_HEADERS: 'Bearer sk-live-123',
    });
    expect(headers.message).toContain('OTEL_EXPORTER_OTLP_HEADERS');
    expect(headers.message).not.toContain('sk-live-123');
  });
});
