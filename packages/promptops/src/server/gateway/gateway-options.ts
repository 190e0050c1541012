/** Settings of the OpenAI-compatible gateway (`createServer({ gateway })`). */
export interface GatewayOptions {
  /**
   * A streamed answer that has sent nothing for this long gets an SSE comment (`: keep-alive`), and
   * a stream still waiting for its first token after it gets its headers. Default 5,000 ms.
   */
  keepAliveMs: number;
}

export const DEFAULT_GATEWAY_OPTIONS: GatewayOptions = { keepAliveMs: 5_000 };
