/** The files `promptops init` writes: a small, valid project to grow from. */
export function initFiles(projectName: string): Record<string, string> {
  return {
    'promptops.yaml': `# yaml-language-server: $schema=https://unpkg.com/promptops/schemas/promptops.schema.json
project:
  name: ${projectName}

environments: [development, staging, production]

# Model providers. Keys are read from the named environment variables when a call is made; never
# write a key in this file.
providers:
  openai:
    protocol: openai
    base_url: https://api.openai.com/v1
    api_key_env: OPENAI_API_KEY

routes:
  default:
    model: openai/gpt-4o-mini
`,
    'policies.yaml': `# yaml-language-server: $schema=https://unpkg.com/promptops/schemas/policies.schema.json
# Governance as code: approvals, eval gates and canaries per risk tier.
tiers:
  low:
    approvals: 1
    approver_roles: [reviewer, approver]
  medium:
    approvals: 1
    approver_roles: [reviewer, approver]
    reason_required: true
  high:
    approvals: 2
    approver_roles: [approver]
    reason_required: true
    canary: { required: true, min_percent: 10, min_minutes: 30 }
`,
    'prompts/hello/greet.yaml': `# yaml-language-server: $schema=https://unpkg.com/promptops/schemas/prompt.schema.json
description: Greets a customer by name and offers help.
owner: my-team
risk: low
tags: [sample]
task: generation

variables:
  type: object
  required: [customer_name]
  properties:
    customer_name: { type: string, minLength: 1 }
    company_name: { type: string, default: Example Corp }

system:
  role: You are a friendly assistant for {{ company_name }}.
  constraints:
    - Ask for passwords or payment details.
  guidelines:
    - Keep the greeting under 40 words.
  output_format: One or two sentences of plain text, no markdown.

messages:
  - role: user
    content: Greet {{ customer_name }} and ask how you can help.

model:
  route: default
  params: { temperature: 0.3, max_tokens: 120 }
`,
    '.gitignore': '.promptops/\n',
  };
}
