import { describe, expect, it } from 'vitest';
import { rejection } from '../../../test/support/rejection.ts';
import { useFileLoader } from '../../../test/support/use-file-loader.ts';
import { loadExampleBankFile } from './load-example-bank-file.ts';

const file = 'examples/support/intents.yaml';

const { load } = useFileLoader(file, loadExampleBankFile);

describe('loadExampleBankFile', () => {
  it('reads examples with text or structured outputs', async () => {
    const bank = await load(
      'description: Intents\nexamples:\n  - input: Where is my parcel?\n    output: { intent: order_status }\n  - input: Hi\n    output: greeting\n',
    );
    expect(bank).toMatchObject({ kind: 'example-bank', name: 'support/intents', file });
    expect(bank.content.examples).toHaveLength(2);
    expect(bank.locate('examples[1].output')).toMatchObject({ line: 6, column: 5 });
  });

  it('names the example and field that are wrong', async () => {
    const error = await rejection(
      load('examples:\n  - input: Hi\n    output: greeting\n  - input: ""\n    output: x\n    note: typo\n'),
    );
    expect(error.details.issues).toEqual([
      {
        message: 'Too small: expected string to have >=1 characters',
        location: { file, line: 4, column: 5, field: 'examples[1].input' },
      },
      {
        message: 'unknown key "note"; did you mean "notes"?',
        location: { file, line: 6, column: 5, field: 'examples[1].note' },
      },
    ]);
  });

  it('says an empty bank needs an example', async () => {
    expect((await rejection(load('examples: []\n'))).message).toBe(
      `${file}:1:1 (examples): an example bank needs at least one example`,
    );
  });
});
