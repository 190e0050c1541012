import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStaticFragmentSource } from '../../templates/index.ts';
import { PromptContent, type PromptContentInput } from '../content/index.ts';
import { parsePromptFile } from '../files/load-prompt-file.ts';
import type { LoadedPrompt } from '../files/loaded-artifact.ts';
import { type Project, readProject } from '../files/read-project.ts';
import { lintProject } from './lint-project.ts';
import { type LintOptions, lintPrompt } from './lint-prompt.ts';
import type { LintFinding } from './lint-types.ts';

// A prompt written to the design principles of "Prompt Engineering for Enterprise": each test breaks
// one principle in a copy and expects exactly that rule to speak.
const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/lint-principled', import.meta.url));
const FILE = 'prompts/returns/assistant.yaml';

let project: Project;
let principled: LoadedPrompt;
const fragments = () =>
  createStaticFragmentSource(
    Object.fromEntries(
      project.artifacts.flatMap((artifact) =>
        artifact.kind === 'fragment' ? [[artifact.name, artifact.content.template]] : [],
      ),
    ),
  );

beforeAll(async () => {
  project = await readProject(FIXTURE);
  principled = project.artifacts.find((artifact): artifact is LoadedPrompt => artifact.kind === 'prompt')!;
});

/** Lints a changed copy of the principled prompt (from the catalog: no file). */
async function lintVariant(
  change: (content: PromptContentInput) => void,
  options: LintOptions = {},
): Promise<LintFinding[]> {
  const content = structuredClone(principled.content) as PromptContentInput;
  change(content);
  return lintPrompt(
    { name: 'returns/assistant', content: PromptContent.parse(content), fragments: fragments() },
    options,
  );
}

const problems = (findings: LintFinding[]) => findings.filter((finding) => finding.severity !== 'info');
const rules = (findings: LintFinding[]) => problems(findings).map((finding) => finding.rule);

describe('a prompt written to the principles', () => {
  it('has no findings but the token report', async () => {
    const report = await lintProject(project);
    expect(report.prompts).toEqual(['returns/assistant']);
    expect(report.findings.map((finding) => finding.rule)).toEqual(['section-token-cost']);
  });
});

describe('untestable-constraint', () => {
  it('flags a vague instruction with no criterion on its line, at its field', async () => {
    const findings = await lintVariant((content) => {
      content.system!.guidelines!.push('Be helpful and professional');
    });
    expect(rules(findings)).toEqual(['untestable-constraint']);
    expect(findings[0]).toMatchObject({
      severity: 'warning',
      location: { field: 'system.guidelines[3]' },
      message: expect.stringContaining('"Be helpful"'),
    });
  });

  it('accepts the same phrase made testable on its line', async () => {
    const findings = await lintVariant((content) => {
      content.system!.guidelines!.push('Use a professional tone: no slang, no emoji');
      content.system!.guidelines!.push('Be concise, at most 3 sentences');
    });
    expect(rules(findings)).toEqual([]);
  });
});

describe('missing-negative-space', () => {
  it('flags a customer-facing prompt without constraints', async () => {
    const findings = await lintVariant((content) => {
      delete content.system!.constraints;
    });
    expect(rules(findings)).toEqual(['missing-negative-space']);
    expect(findings.find((finding) => finding.rule === 'missing-negative-space')).toMatchObject({
      severity: 'error',
      location: { field: 'system' },
    });
  });

  it('accepts "never" in the system text instead, and ignores prompts that are not customer-facing', async () => {
    const inText = await lintVariant((content) => {
      delete content.system!.constraints;
      content.system!.role += '\nNever promise a refund, its amount or its date.';
    });
    expect(rules(inText)).toEqual([]);
    const internal = await lintVariant((content) => {
      delete content.system!.constraints;
      content.tags = ['returns'];
    });
    expect(rules(internal)).toEqual([]);
  });
});

describe('output-format-unstated', () => {
  it('flags a prompt that never says what its answer looks like', async () => {
    const findings = await lintVariant((content) => {
      delete content.system!.output_format;
    });
    expect(rules(findings)).toEqual(['output-format-unstated']);
  });

  it('accepts an output schema, or a format instruction in the text', async () => {
    const schema = await lintVariant((content) => {
      delete content.system!.output_format;
      content.output = { format: 'json', schema: { type: 'object' } };
    });
    expect(rules(schema)).toEqual([]);
    const stated = await lintVariant((content) => {
      delete content.system!.output_format;
      content.system!.guidelines!.push('Output only a JSON object: {"returnable": true|false}');
    });
    expect(rules(stated)).toEqual([]);
  });
});

describe('variable-unused and variable-undeclared', () => {
  it('flags a declared variable no template or fragment uses', async () => {
    const findings = await lintVariant((content) => {
      content.variables!.properties.order_number = { type: 'string', default: '' };
    });
    expect(rules(findings)).toEqual(['variable-unused']);
    expect(problems(findings)[0]?.location.field).toBe('variables.properties.order_number');
  });

  it('counts a use inside a fragment, and stays quiet when a fragment cannot be read', async () => {
    const unused = await lintVariant((content) => {
      // company_name is used only by the fragment once the role stops naming it.
      content.system!.role = "You are the returns assistant.\n{% render 'returns/policy' %}";
    });
    expect(rules(unused)).toEqual([]);
    const unread = await lintVariant((content) => {
      content.variables!.properties.order_number = { type: 'string', default: '' };
      content.system!.role += "\n{% render 'returns/missing' %}";
    });
    expect(rules(unread)).toEqual([]);
  });

  it('flags a variable used but not declared, with the line inside the template', async () => {
    const findings = await lintVariant((content) => {
      content.system!.role += '\nThe order is {{ order_number }}.';
    });
    expect(rules(findings)).toEqual(['variable-undeclared']);
    expect(problems(findings)[0]).toMatchObject({
      severity: 'error',
      location: { field: 'system.role', templateLine: 3 },
    });
  });
});

describe('untrusted-input-undelimited', () => {
  it('flags user text written into the prompt without delimiters', async () => {
    const findings = await lintVariant((content) => {
      content.messages![0]!.content = 'Customer says: {{ customer_message }}';
    });
    expect(rules(findings)).toEqual(['untrusted-input-undelimited']);
    expect(problems(findings)[0]).toMatchObject({
      severity: 'error',
      location: { field: 'messages[0].content' },
    });
  });

  it('knows user text by its name or by "untrusted" in its description; a fence also delimits', async () => {
    const byName = await lintVariant((content) => {
      content.variables!.properties.search_query = { type: 'string', default: '' };
      content.messages![0]!.content += '\nSearch: {{ search_query }}';
    });
    expect(rules(byName)).toEqual(['untrusted-input-undelimited']);
    const fenced = await lintVariant((content) => {
      content.messages![0]!.content = '```\n{{ customer_message }}\n```';
    });
    expect(rules(fenced)).toEqual([]);
    const enumerated = await lintVariant((content) => {
      content.variables!.properties.input_channel = {
        type: 'string',
        enum: ['chat', 'email'],
        default: 'chat',
      };
      content.system!.role += '\nChannel: {{ input_channel }}.';
    });
    expect(rules(enumerated)).toEqual([]);
  });
});

describe('repeated-instruction', () => {
  it('flags a near-duplicate sentence and names the first copy', async () => {
    const findings = await lintVariant((content) => {
      content.system!.guidelines!.push('Ask at most one question in a reply');
    });
    expect(rules(findings)).toEqual(['repeated-instruction']);
    expect(problems(findings)[0]?.message).toContain(
      'repeats "Ask at most one question per reply" (system.guidelines[1])',
    );
  });

  it('does not count exclusive branches of one if/case as repeats', async () => {
    const findings = await lintVariant((content) => {
      content.variables!.properties.vip = { type: 'boolean', default: false };
      content.system!.role +=
        '\n{% if vip %}Offer a free return label to this customer today.{% else %}Offer a paid return label to this customer today.{% endif %}';
    });
    expect(rules(findings)).toEqual([]);
  });
});

describe('section-token-cost', () => {
  it('reports tokens per section, fragments inlined, and grows with a section', async () => {
    const [before] = await lintVariant(() => {}, { only: ['section-token-cost'] });
    expect(before?.severity).toBe('info');
    expect(before?.sections?.map((section) => section.section)).toEqual([
      'system.role',
      'system.capabilities',
      'system.constraints',
      'system.guidelines',
      'system.output_format',
      'system.escalation',
      'messages[0] (user)',
    ]);
    expect(before?.sections?.[0]?.fragments).toEqual(['returns/policy']);
    const total = before!.sections!.reduce((sum, section) => sum + section.tokens, 0);
    expect(before?.message).toMatch(new RegExp(`^≈ ${total} tokens`));
    const [after] = await lintVariant(
      (content) => {
        content.system!.escalation!.push('The customer mentions a lawyer, a regulator or a chargeback');
      },
      { only: ['section-token-cost'] },
    );
    const escalation = (finding: LintFinding | undefined) =>
      finding?.sections?.find((section) => section.section === 'system.escalation')?.tokens ?? 0;
    expect(escalation(after)).toBeGreaterThan(escalation(before));
  });
});

describe('turning rules off and choosing them', () => {
  it('honours lint.disable in the prompt and the project, and --rule', async () => {
    const vague = (content: PromptContentInput) => {
      content.system!.guidelines!.push('Do your best');
      delete content.system!.output_format;
    };
    expect(rules(await lintVariant(vague))).toEqual(['untestable-constraint', 'output-format-unstated']);
    const inPrompt = await lintVariant((content) => {
      vague(content);
      content.lint = { disable: ['untestable-constraint'] };
    });
    expect(rules(inPrompt)).toEqual(['output-format-unstated']);
    expect(rules(await lintVariant(vague, { disable: ['output-format-unstated'] }))).toEqual([
      'untestable-constraint',
    ]);
    expect(await lintVariant(vague, { only: ['untestable-constraint'] })).toHaveLength(1);
    expect(await lintVariant(vague, { severity: 'error' })).toEqual([]);
  });

  it('refuses an unknown rule id in lint.disable, with its line', () => {
    const text = `description: x\nowner: t\nrisk: low\ntext: Hello\nlint:\n  disable: [untestable-constraints]\n`;
    expect(() => parsePromptFile(text, 'prompts/x.yaml')).toThrow(/prompts\/x\.yaml:6.*lint\.disable/);
  });
});

describe('locations from files', () => {
  it('puts a finding inside a multi-line field on its file line, and one in a fragment on the fragment file', async () => {
    const text = (await readFile(`${FIXTURE}/${FILE}`, 'utf8')).replace(
      '    You are the returns assistant for {{ company_name }}.',
      '    Do your best for {{ company_name }}.',
    );
    const edited = parsePromptFile(text, FILE);
    const policy = project.artifacts.find((artifact) => artifact.name === 'returns/policy')!;
    const findings = await lintPrompt({
      name: edited.name,
      content: edited.content,
      fragments: createStaticFragmentSource({ 'returns/policy': '{{ company_name }} returns: be helpful.' }),
      locate: (field) => edited.locate(field),
      locateFragment: () => ({ file: policy.file, line: policy.locate('template').line! }),
    });
    const lines = text.split('\n');
    const vague = problems(findings).filter((finding) => finding.rule === 'untestable-constraint');
    expect(vague.map((finding) => finding.location)).toEqual([
      {
        file: FILE,
        line: lines.indexOf('    Do your best for {{ company_name }}.') + 1,
        field: 'system.role',
      },
      { file: 'fragments/returns/policy.liquid', line: 6, field: 'system.role', fragment: 'returns/policy' },
    ]);
  });
});
