// The checklist module's public surface: parse untrusted input, explain problems, read parsed checklists.
export {
  CHECKLIST_FORMAT,
  SEVERITIES,
  VERDICTS,
  LIMITS,
  checklistSchema,
  type Basis,
  type Checklist,
  type ChecklistDocument,
  type ChecklistItem,
  type ChecklistSection,
  type Severity,
  type Verdict,
} from './schema';
export { parseChecklist, parseChecklistText, MAX_CHECKLIST_BYTES, type ChecklistResult } from './parse';
export { validateChecklist, isCalendarDate } from './validate';
export {
  CHECKLIST_PROBLEM_CODES,
  type ChecklistProblem,
  type ChecklistProblemCode,
  type ProblemParams,
  type ProblemWhere,
} from './problems';
export {
  formatChecklistProblem,
  describeChecklistProblem,
  formatProblemWhere,
  zhCN,
  enUS,
  CHECKLIST_MESSAGES,
  type ChecklistLang,
  type ChecklistMessages,
} from './messages';
export { checklistFingerprint } from './fingerprint';
export { allItems, findItem, findEntry, itemCodes, basisLabel, type BasisLabel, type FlatItem } from './items';
export { compareVersions, newestOf } from './versions';
export { diffChecklists, isEmptyDiff, type ChecklistDiff, type ItemChange, type ItemRef, type FieldChange } from './diff';
export { checklistToSheets, checklistFromSheets, SHEETS, type SheetProblem, type SheetProblemCode } from './sheets';
export { formatSheetProblem, sheetProblemLocation, sheetProblemReason } from './sheet-messages';
export { checklistJsonSchema, checklistJsonSchemaText } from './json-schema';
export {
  buildChecklistPackage,
  openChecklistPackage,
  checklistPackageName,
  CHECKLIST_PACKAGE_CAPS,
  CHECKLIST_PACKAGE_EXTENSION,
  CHECKLIST_PACKAGE_FORMAT,
  type ChecklistPackageManifest,
  type OpenedChecklistPackage,
} from './package';
