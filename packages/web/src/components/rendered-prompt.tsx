import type { ChatMessage } from '../api/types.ts';

/** A rendered prompt as the model receives it: each message under its role, or the completion text. */
export function RenderedPrompt({
  messages,
  text,
  tokens,
}: {
  messages?: ChatMessage[] | undefined;
  text?: string | undefined;
  tokens?: { estimate: number; encoding: string } | undefined;
}) {
  return (
    <div data-testid="rendered-prompt">
      {tokens && (
        <p className="small" data-testid="token-estimate">
          <strong>≈ {tokens.estimate.toLocaleString()} tokens</strong>{' '}
          <span className="muted">({tokens.encoding})</span>
        </p>
      )}
      {text !== undefined && (
        <div className="message">
          <div className="message-role">text</div>
          <pre>{text}</pre>
        </div>
      )}
      {messages?.map((message, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: messages have no id; their order is their identity
        <div className="message" key={index}>
          <div className="message-role">{message.role}</div>
          <pre>{message.content}</pre>
        </div>
      ))}
    </div>
  );
}
