// Entity types

// Custom recognizers
export type { ValidatorName } from './checksums.ts';
export { passesAbnChecksum, passesLuhn, passesMod97, passesTfnChecksum, VALIDATORS } from './checksums.ts';
export type {
  CompileRecognizerResult,
  CustomRecognizerIssue,
  CustomRecognizerSpec,
} from './custom-recognizer.ts';
export { compileCustomRecognizer } from './custom-recognizer.ts';
// Detectors
export type { Detector, DetectorContext, Finding } from './detector.ts';
export { DEFAULT_PHONE_REGIONS } from './detector.ts';
export { DETECTORS } from './detectors.ts';
export type { CustomEntityType, EntityType, FindingType } from './entity-type.ts';
export { ENTITY_TYPES, entityLabel } from './entity-type.ts';
// Normalisation
export type { NormalisedText } from './normalise-text.ts';
export { normaliseText, toOriginalSpan } from './normalise-text.ts';
// Redaction
export type { RedactionOperator, RedactionPolicy, RedactionResult } from './redact.ts';
export { pseudonymFor, redact } from './redact.ts';
// Scanning
export type { ScanOptions, ScanResult } from './scan-text.ts';
export { DEFAULT_MAX_SCAN_CHARS, resolveOverlaps, scanText } from './scan-text.ts';
export type { TokenVault } from './token-vault.ts';
export { createTokenVault, restoreTokens } from './token-vault.ts';
