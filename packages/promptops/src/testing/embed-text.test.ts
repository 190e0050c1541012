import { afterAll, expect, test } from 'vitest';
import { cosineSimilarity, embedText } from './embed-text.ts';
import { startScriptedModelServer } from './scripted-model-server.ts';

/** The wire is untyped JSON: tests read it loosely and assert on its shape. */
async function readJson(response: Response) {
  return JSON.parse(await response.text());
}

const server = await startScriptedModelServer();
afterAll(() => server.close());

function embeddings(body: Record<string, unknown>) {
  return fetch(`${server.openaiBaseUrl}/embeddings`, {
    method: 'POST',
    body: JSON.stringify({ model: 'text-embedding-3-small', ...body }),
  });
}

test('vectors are unit length, the same for the same text, and closer for texts that share words', () => {
  const question = embedText('Where is my order?');
  expect(question).toHaveLength(64);
  expect(cosineSimilarity(question, question)).toBeCloseTo(1, 5);
  expect(Array.from(embedText('Where is my order?'))).toEqual(Array.from(question));
  const near = cosineSimilarity(question, embedText('where is my order #1234'));
  const far = cosineSimilarity(question, embedText('Cancel the subscription today'));
  expect(near).toBeGreaterThan(0.6);
  expect(near).toBeGreaterThan(far + 0.3);
  expect(Math.hypot(...embedText(''))).toBeCloseTo(1, 5);
});

test('POST /v1/embeddings answers deterministically, in floats or base64, at the dimensions asked', async () => {
  const body = await readJson(await embeddings({ input: ['refund please', 'hello'] }));
  expect(body).toMatchObject({
    object: 'list',
    model: 'text-embedding-3-small',
    usage: { prompt_tokens: 6 }, // ceil(13 / 4) + ceil(5 / 4),
  });
  expect(body.data.map((item: { index: number }) => item.index)).toEqual([0, 1]);
  const vector = body.data[0].embedding as number[];
  expect(vector).toHaveLength(64);
  expect(vector).toEqual(Array.from(embedText('refund please')));
  const again = await readJson(await embeddings({ input: 'refund please' }));
  expect(again.data[0].embedding).toEqual(vector);

  const encoded = await readJson(
    await embeddings({ input: 'refund please', encoding_format: 'base64', dimensions: 16 }),
  );
  const bytes = Buffer.from(encoded.data[0].embedding, 'base64');
  const decoded = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  expect(Array.from(decoded)).toEqual(Array.from(embedText('refund please', 16)));

  const bad = await embeddings({ input: [] });
  expect(bad.status).toBe(400);
  expect((await readJson(bad)).error.type).toBe('invalid_request_error');
});
