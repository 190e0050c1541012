import { describe, expect, it } from 'vitest';
import { parseServerSentEvents, type ServerSentEvent } from '../src/server-sent-events.ts';

async function parse(chunks: (string | Uint8Array)[]): Promise<ServerSentEvent[]> {
  const encoder = new TextEncoder();
  async function* source() {
    for (const chunk of chunks) yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
  }
  const events: ServerSentEvent[] = [];
  for await (const event of parseServerSentEvents(source())) events.push(event);
  return events;
}

describe('parseServerSentEvents', () => {
  it('reads events cut anywhere, a UTF-8 character included', async () => {
    const text = 'event: delta\ndata: {"text":"Grüße"}\n\nevent: result\ndata: {"status":"ok"}\n\n';
    const bytes = new TextEncoder().encode(text);
    const split = text.indexOf('ü') + 1; // inside the two bytes of ü
    expect(await parse([bytes.slice(0, 5), bytes.slice(5, split), bytes.slice(split)])).toEqual([
      { event: 'delta', data: '{"text":"Grüße"}' },
      { event: 'result', data: '{"status":"ok"}' },
    ]);
    const oneByOne = Array.from(bytes, (byte) => new Uint8Array([byte]));
    expect(await parse(oneByOne)).toHaveLength(2);
  });

  it('skips comments, joins data lines, and takes CRLF and CR line ends', async () => {
    expect(
      await parse([': keep-alive\r\n\r\nevent: delta\r', '\ndata: a\rdata:b\r\n\r\ndata: plain\n\n']),
    ).toEqual([
      { event: 'delta', data: 'a\nb' },
      { event: 'message', data: 'plain' },
    ]);
  });

  it('drops an event the stream cut before its blank line', async () => {
    expect(await parse(['event: delta\ndata: {"text":"a"}\n\nevent: result\ndata: {"sta'])).toEqual([
      { event: 'delta', data: '{"text":"a"}' },
    ]);
  });
});
