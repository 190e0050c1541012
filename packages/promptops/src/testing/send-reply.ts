import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { StreamEvent } from './protocol-adapter.ts';
import type { ScriptedFaults } from './script-types.ts';

/** One response in flight; `signal` aborts when the client goes away or the server closes. */
export interface Exchange {
  response: ServerResponse;
  signal: AbortSignal;
  /** Sent with every answer: content type aside, the request id header. */
  headers: OutgoingHttpHeaders;
}

/** Waits, unless the exchange ends first; says whether the response should still be written. */
export async function pause(exchange: Exchange, milliseconds: number | undefined): Promise<boolean> {
  if (milliseconds !== undefined && milliseconds > 0 && !exchange.signal.aborted) {
    await delay(milliseconds, undefined, { signal: exchange.signal }).catch(() => undefined);
  }
  if (!exchange.signal.aborted) return true;
  exchange.response.destroy();
  return false;
}

/** Never answers: waits until the client disconnects or the server closes, then drops the socket. */
export async function hang(exchange: Exchange): Promise<void> {
  if (!exchange.signal.aborted) {
    await new Promise((resolve) => exchange.signal.addEventListener('abort', resolve, { once: true }));
  }
  exchange.response.destroy();
}

function write(response: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => response.write(text, () => resolve()));
}

// Data is handed to the kernel before the socket goes, so the client gets it and then the cut.
async function writeThenCut(response: ServerResponse, text: string): Promise<void> {
  if (text !== '') await write(response, text);
  response.destroy();
}

function truncate(json: string): string {
  return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
}

export function sendJson(
  exchange: Exchange,
  status: number,
  body: string,
  headers?: OutgoingHttpHeaders,
): void {
  exchange.response.writeHead(status, {
    ...exchange.headers,
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  exchange.response.end(body);
}

/** A 200 JSON body, truncated by `malformedJson` or cut part-way by `cutStream`. */
export async function sendBody(exchange: Exchange, body: string, faults: ScriptedFaults): Promise<void> {
  if (faults.malformedJson) return sendJson(exchange, 200, truncate(body));
  if (!faults.cutStream) return sendJson(exchange, 200, body);
  exchange.response.writeHead(200, {
    ...exchange.headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  await writeThenCut(exchange.response, truncate(body));
}

function format(event: StreamEvent): string {
  return event.event === undefined
    ? `data: ${event.data}\n\n`
    : `event: ${event.event}\ndata: ${event.data}\n\n`;
}

// Where `cutStream` stops: before the content event numbered `afterChunks` (default half of them),
// or, when there are fewer, before the closing events.
function cutIndex(events: readonly StreamEvent[], cut: NonNullable<ScriptedFaults['cutStream']>): number {
  const contentIndexes = events.flatMap((event, index) => (event.content ? [index] : []));
  const afterChunks =
    cut === true ? Math.floor(contentIndexes.length / 2) : cut === false ? 0 : cut.afterChunks;
  return contentIndexes[afterChunks] ?? Math.max(1, (contentIndexes.at(-1) ?? 0) + 1);
}

/** Server-sent events, with the stream faults: delays, one truncated JSON event, a cut. */
export async function sendStream(
  exchange: Exchange,
  events: StreamEvent[],
  faults: ScriptedFaults,
): Promise<void> {
  const { response } = exchange;
  response.writeHead(200, {
    ...exchange.headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  });
  const paced = Boolean(faults.ttftMs || faults.chunkDelayMs);
  if (!paced && !faults.malformedJson && !faults.cutStream) {
    response.end(events.map(format).join('')); // one write: the fast path benchmarks take
    return;
  }
  const stopAt = faults.cutStream ? cutIndex(events, faults.cutStream) : events.length;
  const malformedAt = faults.malformedJson
    ? Math.max(
        0,
        events.findIndex((event) => event.content),
      )
    : -1;
  let contentSent = 0;
  let pending = '';
  for (let index = 0; index < stopAt; index += 1) {
    const event = events[index]!;
    if (event.content && paced) {
      if (pending !== '') await write(response, pending);
      pending = '';
      if (!(await pause(exchange, contentSent === 0 ? faults.ttftMs : faults.chunkDelayMs))) return;
    }
    if (event.content) contentSent += 1;
    pending += format(index === malformedAt ? { ...event, data: truncate(event.data) } : event);
  }
  if (stopAt < events.length) return writeThenCut(response, pending);
  response.end(pending);
}
