import type { YamlDocument } from '../../catalog/files/yaml-document.ts';
import type { SuiteCaseSpec } from './suite-case-spec.ts';

/** A case as read from the suite file or a case file, before defaults and ids are applied. */
export interface CaseRecord {
  spec: SuiteCaseSpec;
  /** `evals/support/intents.yaml:42`, `evals/support/intents-extra.csv:7`. */
  source: string;
  /** The id when none is given: `case-3` inline, `<file stem>-<line>` from a case file. */
  fallbackId: string;
  locate: YamlDocument['locate'];
}
