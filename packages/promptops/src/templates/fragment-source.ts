import {
  ARTIFACT_NAME_MAX_LENGTH,
  ARTIFACT_NAME_PATTERN,
  ENVIRONMENT_NAME_PATTERN,
} from '../catalog/content/names.ts';

/** A fragment as a template names it: `support/persona`, `support/persona@3`, `support/persona@staging`. */
export interface FragmentReference {
  name: string;
  /** Absent: the source decides (the catalog resolves at the including environment's label). */
  pin?: { version: number } | { label: string };
}

export interface ResolvedFragment {
  name: string;
  version: number;
  template: string;
}

/**
 * Where templates get fragments from. Rendering never reads files or the database itself: the
 * catalog, the file loader and tests each provide one of these.
 */
export interface FragmentSource {
  /** The fragment, or undefined when there is none by that reference. */
  resolve(reference: FragmentReference): Promise<ResolvedFragment | undefined>;
}

export type ParseFragmentReferenceResult =
  | { ok: true; reference: FragmentReference }
  | { ok: false; message: string };

const VERSION_PATTERN = /^[1-9][0-9]*$/;

/**
 * Reads the text of a `{% render '...' %}` tag. A number after `@` is a version; a label starts
 * with a letter (environment names do, so the two can never be confused).
 *
 * @example
 * parseFragmentReference('support/persona@3'); // { ok: true, reference: { name: 'support/persona', pin: { version: 3 } } }
 */
export function parseFragmentReference(text: string): ParseFragmentReferenceResult {
  const at = text.lastIndexOf('@');
  const name = at === -1 ? text : text.slice(0, at);
  const pin = at === -1 ? undefined : text.slice(at + 1);
  if (name.length > ARTIFACT_NAME_MAX_LENGTH || !ARTIFACT_NAME_PATTERN.test(name)) {
    return {
      ok: false,
      message: `'${text}' is not a fragment name (expected a catalog name such as support/persona, optionally @version or @label)`,
    };
  }
  if (pin === undefined) return { ok: true, reference: { name } };
  if (VERSION_PATTERN.test(pin)) return { ok: true, reference: { name, pin: { version: Number(pin) } } };
  if (ENVIRONMENT_NAME_PATTERN.test(pin)) return { ok: true, reference: { name, pin: { label: pin } } };
  return {
    ok: false,
    message: `'${text}': '@${pin}' is neither a version (a positive number) nor a label (starting with a letter)`,
  };
}

/** The reference written back as text, the inverse of parseFragmentReference. */
export function formatFragmentReference(reference: FragmentReference): string {
  if (!reference.pin) return reference.name;
  return 'version' in reference.pin
    ? `${reference.name}@${reference.pin.version}`
    : `${reference.name}@${reference.pin.label}`;
}

/**
 * One fragment in a static source: a plain string is a working copy not yet pushed (version 0,
 * answering unpinned and label references); the object form gives numbered versions and labels.
 */
export type StaticFragment = string | { versions: Record<number, string>; labels?: Record<string, number> };

/**
 * An in-memory FragmentSource, for tests and for rendering files before they are pushed.
 * Unpinned references get the highest version.
 *
 * @example
 * const fragments = createStaticFragmentSource({
 *   'support/persona': 'You are a support agent for {{ company }}.',
 *   'support/policy': { versions: { 1: 'Old policy.', 2: 'New policy.' }, labels: { production: 1 } },
 * });
 */
export function createStaticFragmentSource(fragments: Record<string, StaticFragment>): FragmentSource {
  return {
    async resolve(reference) {
      const entry = Object.hasOwn(fragments, reference.name) ? fragments[reference.name] : undefined;
      if (entry === undefined) return undefined;
      if (typeof entry === 'string') {
        if (reference.pin && 'version' in reference.pin) return undefined;
        return { name: reference.name, version: 0, template: entry };
      }
      const version = pickVersion(entry, reference.pin);
      const template = version === undefined ? undefined : entry.versions[version];
      if (version === undefined || template === undefined) return undefined;
      return { name: reference.name, version, template };
    },
  };
}

function pickVersion(
  entry: { versions: Record<number, string>; labels?: Record<string, number> },
  pin: FragmentReference['pin'],
): number | undefined {
  if (pin === undefined) return Math.max(...Object.keys(entry.versions).map(Number));
  if ('version' in pin) return pin.version;
  return entry.labels && Object.hasOwn(entry.labels, pin.label) ? entry.labels[pin.label] : undefined;
}
