import { describe, expect, it } from 'vitest';
import { PromptContent, type PromptContentInput } from '../../catalog/content/prompt-content.ts';
import { applyEnvironmentOverrides } from './environment-overrides.ts';

function content(extra: Partial<PromptContentInput> = {}): PromptContent {
  return PromptContent.parse({
    description: 'Replies to a support ticket',
    owner: 'customer-support',
    risk: 'low',
    messages: [{ role: 'user', content: 'Reply to {{ ticket }} in a {{ tone }} tone' }],
    variables: {
      type: 'object',
      properties: {
        ticket: { type: 'string' },
        tone: { type: 'string', enum: ['friendly', 'formal'], default: 'friendly' },
      },
      required: ['ticket'],
    },
    model: {
      id: 'openai/gpt-4o',
      params: { temperature: 0.7, max_tokens: 800 },
      fallbacks: ['anthropic/claude-haiku-4-5'],
    },
    ...extra,
  });
}

describe('applyEnvironmentOverrides', () => {
  it('returns the content unchanged without an environment or without an override for it', () => {
    const base = content({ environments: { staging: { model: { params: { temperature: 0 } } } } });
    expect(applyEnvironmentOverrides(base, undefined)).toBe(base);
    expect(applyEnvironmentOverrides(base, 'production')).toBe(base);
    const plain = content();
    expect(applyEnvironmentOverrides(plain, 'staging')).toBe(plain);
  });

  it('merges model parameters: the override’s win, the others stay', () => {
    const base = content({ environments: { staging: { model: { params: { temperature: 0, seed: 7 } } } } });
    const staging = applyEnvironmentOverrides(base, 'staging');
    expect(staging.model?.params).toEqual({ temperature: 0, max_tokens: 800, seed: 7 });
    expect(staging.model?.id).toBe('openai/gpt-4o');
    expect(staging.model?.fallbacks).toEqual(['anthropic/claude-haiku-4-5']);
  });

  it('lets a route in the override replace a fixed model id', () => {
    const base = content({ environments: { development: { model: { route: 'cheap' } } } });
    const development = applyEnvironmentOverrides(base, 'development');
    expect(development.model?.route).toBe('cheap');
    expect(development.model?.id).toBeUndefined();
    expect(development.model?.params).toEqual({ temperature: 0.7, max_tokens: 800 });
  });

  it('lets a fixed model id in the override replace a route', () => {
    const base = content({
      model: { route: 'cheap', params: { temperature: 0.2 } },
      environments: { production: { model: { id: 'openai/gpt-4.1', timeout_ms: 20_000 } } },
    });
    const production = applyEnvironmentOverrides(base, 'production');
    expect(production.model?.id).toBe('openai/gpt-4.1');
    expect(production.model?.route).toBeUndefined();
    expect(production.model?.timeout_ms).toBe(20_000);
    expect(production.model?.params).toEqual({ temperature: 0.2 });
  });

  it('overrides variable defaults for the named environment only, keeping the rest of each schema', () => {
    const base = content({ environments: { production: { defaults: { tone: 'formal' } } } });
    const production = applyEnvironmentOverrides(base, 'production');
    expect(production.variables?.properties.tone).toEqual({
      type: 'string',
      enum: ['friendly', 'formal'],
      default: 'formal',
    });
    expect(production.variables?.properties.ticket).toEqual({ type: 'string' });
    expect(production.variables?.required).toEqual(['ticket']);
    // The model is left alone when the override has none.
    expect(production.model).toEqual(base.model);
  });

  it('does not change the stored content it was given', () => {
    const base = content({
      environments: { production: { model: { params: { temperature: 0 } }, defaults: { tone: 'formal' } } },
    });
    const before = structuredClone(base);
    applyEnvironmentOverrides(base, 'production');
    expect(base).toEqual(before);
    expect(applyEnvironmentOverrides(base, 'staging').variables?.properties.tone?.default).toBe('friendly');
  });
});
