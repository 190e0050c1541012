import { AssertionError, LiquidError } from 'liquidjs';
import { PromptopsError } from '../errors/index.ts';

/** Where a template being parsed or rendered came from, so its errors can point there. */
export interface TemplatePlace {
  /** The file or artifact errors should name; the file loader maps `field` to a line. */
  file: string;
  /** Field path in the prompt content, e.g. `messages[1].content`. */
  field: string;
  /** Set when the template is itself a fragment (`support/persona@3`) included from `field`. */
  fragment?: string;
  /** Fragment texts seen while rendering `field`, to attribute errors raised inside them. */
  fragmentsByText?: ReadonlyMap<string, string>;
}

/**
 * A LiquidJS parse or render failure as a `template_error` that names the field, and the fragment
 * and line within the template when LiquidJS knows them. Anything else is a bug and is rethrown.
 */
export function templateErrorFrom(error: unknown, place: TemplatePlace): PromptopsError {
  if (PromptopsError.isInstance(error)) return error;
  // LiquidJS raises its parse-length limit as a bare AssertionError, with no position.
  if (error instanceof AssertionError) {
    return new PromptopsError(
      'template_error',
      `${error.message} (in ${place.fragment ? `fragment ${place.fragment}, included from ` : ''}${place.field})`,
      {
        location: { file: place.file, field: place.field },
      },
      { cause: error },
    );
  }
  if (!LiquidError.is(error)) throw error;
  // Errors raised inside a render tag arrive wrapped; the innermost one has the precise position.
  let innermost: LiquidError = error;
  while (LiquidError.is(innermost.originalError)) innermost = innermost.originalError;
  const [line, column] = innermost.token.getPosition();
  const fragment = place.fragmentsByText?.get(innermost.token.input) ?? place.fragment;
  const problem = (innermost.originalError?.message ?? innermost.message).replace(
    /(, file:.*)?, line:\d+, col:\d+$/s,
    '',
  );
  const position = line === undefined ? '' : `, line ${line}, column ${column}`;
  const where = fragment
    ? `in fragment ${fragment}${position}, included from ${place.field}`
    : `in ${place.field}${position}`;
  return new PromptopsError(
    'template_error',
    `${problem} (${where})`,
    {
      location: { file: place.file, field: place.field },
      template: { line, column, ...(fragment ? { fragment } : {}) },
    },
    { cause: error },
  );
}
