/** One server-sent event: `event` is undefined for OpenAI-style `data:`-only events. */
export interface ServerSentEvent {
  event: string | undefined;
  data: string;
}

/**
 * Splits a complete server-sent-events text into events, for assertions on a stream's sequence
 * (the `[DONE]` sentinel is an event like any other).
 *
 * @example
 * parseServerSentEvents('event: ping\ndata: {}\n\ndata: [DONE]\n\n');
 * // [{ event: 'ping', data: '{}' }, { event: undefined, data: '[DONE]' }]
 */
export function parseServerSentEvents(text: string): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  for (const block of text.replace(/\r\n/g, '\n').split('\n\n')) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length > 0 || event !== undefined) events.push({ event, data: data.join('\n') });
  }
  return events;
}
