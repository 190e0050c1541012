import { describe, expect, it } from 'vitest';
import { parseServerSentEvents, type ServerSentEvent } from './sse-parser.ts';

async function parse(chunks: (string | Uint8Array)[]): Promise<ServerSentEvent[]> {
  async function* body() {
    yield* chunks;
  }
  const events: ServerSentEvent[] = [];
  for await (const event of parseServerSentEvents(body())) events.push(event);
  return events;
}

/** Every way of cutting `text` in two, as bytes: events must not depend on where chunks end. */
async function everySplit(text: string): Promise<ServerSentEvent[][]> {
  const bytes = new TextEncoder().encode(text);
  const results: ServerSentEvent[][] = [];
  for (let cut = 0; cut <= bytes.length; cut += 1) {
    results.push(await parse([bytes.slice(0, cut), bytes.slice(cut)]));
  }
  return results;
}

describe('parseServerSentEvents', () => {
  it('reads OpenAI-style data-only events', async () => {
    const events = await parse(['data: {"a":1}\n\ndata: [DONE]\n\n']);
    expect(events).toEqual([
      { event: 'message', data: '{"a":1}' },
      { event: 'message', data: '[DONE]' },
    ]);
  });

  it('reads Anthropic-style named events', async () => {
    const events = await parse([
      'event: message_start\ndata: {"type":"message_start"}\n\nevent: ping\ndata: {}\n\n',
    ]);
    expect(events).toEqual([
      { event: 'message_start', data: '{"type":"message_start"}' },
      { event: 'ping', data: '{}' },
    ]);
  });

  it('gives the same events wherever the body is split, multi-byte characters and CRLF included', async () => {
    const text =
      'event: delta\r\ndata: {"text":"é€😀"}\r\n\r\n: keep-alive\r\n\r\ndata: line one\rdata: line two\r\r';
    const expected = [
      { event: 'delta', data: '{"text":"é€😀"}' },
      { event: 'message', data: 'line one\nline two' },
    ];
    for (const events of await everySplit(text)) expect(events).toEqual(expected);
  });

  it('handles one byte per chunk', async () => {
    const bytes = new TextEncoder().encode('data: héllo\n\ndata: [DONE]\n\n');
    const events = await parse([...bytes].map((byte) => new Uint8Array([byte])));
    expect(events.map((event) => event.data)).toEqual(['héllo', '[DONE]']);
  });

  it('skips comments, ids, retry and blank events; keeps a value without its one leading space', async () => {
    const events = await parse([': ping\n\nid: 7\nretry: 100\n\ndata:no-space\n\ndata:  two spaces\n\n']);
    expect(events.map((event) => event.data)).toEqual(['no-space', ' two spaces']);
  });

  it('dispatches a last event whose blank line never came, but drops a half-received line', async () => {
    expect(await parse(['data: [DONE]\n'])).toEqual([{ event: 'message', data: '[DONE]' }]);
    expect(await parse(['data: {"a":1}\n\ndata: {"b":'])).toEqual([{ event: 'message', data: '{"a":1}' }]);
  });
});
