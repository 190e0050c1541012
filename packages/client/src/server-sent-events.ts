export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Splits a text/event-stream into events as bytes arrive (the WHATWG format: `event:` and `data:`
 * fields, a blank line ends an event, `:` lines are comments such as keep-alives). Chunks may cut an
 * event, a line or a UTF-8 character anywhere.
 */
export async function* parseServerSentEvents(
  chunks: AsyncIterable<Uint8Array>,
  onChunk: () => void = () => {},
): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  for await (const chunk of chunks) {
    onChunk();
    buffer += decoder.decode(chunk, { stream: true });
    let end = lineEnd(buffer);
    while (end !== -1) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(buffer[end] === '\r' && buffer[end + 1] === '\n' ? end + 2 : end + 1);
      if (line === '') {
        if (data.length > 0) yield { event: event || 'message', data: data.join('\n') };
        event = '';
        data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      end = lineEnd(buffer);
    }
  }
}

/** The index of the first line break, or -1; a `\r` at the very end waits for a possible `\n`. */
function lineEnd(text: string): number {
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '\n') return index;
    if (character === '\r') return index + 1 < text.length ? index : -1;
  }
  return -1;
}
