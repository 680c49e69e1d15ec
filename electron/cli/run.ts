// The `xiaobao` command line (ARCHITECTURE §7): the same renderer/core code as the app, under Node,
// without Electron. `run` takes its arguments and surroundings as parameters so tests can also call it
// in-process; index.ts is the executable. Commands: checklist validate|schema, ledger verify|inspect, demo,
// consolidate.
import { formatChecklistProblem, type ChecklistLang } from '../../renderer/core/checklist/messages';
import { MAX_CHECKLIST_BYTES, parseChecklistText } from '../../renderer/core/checklist/parse';
import type { ChecklistProblem } from '../../renderer/core/checklist/problems';
import { checklistJsonSchemaText } from '../../renderer/core/checklist/json-schema';
import { isCalendarDate } from '../../renderer/core/date';
import { DEMO_DEFAULT_AS_OF, DEMO_DEFAULT_SEED, DEMO_MAX_BRANCHES, DEMO_MAX_FAILURE_RATE, DEMO_MAX_OUTLETS } from '../../renderer/core/demo/campaign';
import type { Result } from '../../renderer/core/result';
import { utf8Decode } from '../../renderer/core/utf8';
import { consolidateCommand } from './consolidate';
import { demoCommand } from './demo';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './exit-codes';
import { inspectCommand, verifyCommand } from './ledger';
import { fmt, WORDS } from './words';

export type CliIo = {
  out: (line: string) => void;
  err: (line: string) => void;
  /** The file's bytes, or null when it is larger than `limit` (not read). Throws when it cannot be read. */
  readFile: (path: string, limit: number) => Promise<Uint8Array | null>;
  writeFile: (path: string, text: string) => Promise<void>;
  /** Replaces `path` with `bytes` through a temporary file in the same folder: never a half-written file. */
  writeFileAtomic: (path: string, bytes: Uint8Array) => Promise<Result<void>>;
  /** Creates the folder and its parents; nothing when it exists. */
  makeDir: (path: string) => Promise<void>;
  listDir: (path: string) => Promise<string[]>;
  /** The bundled checklists/ folder (the demo's checklists). */
  checklistsDir: string;
};

export { EXIT_INVALID, EXIT_OK, EXIT_USAGE };

const VALUE_OPTIONS = ['--lang', '--out', '--password-file', '--branches', '--seed', '--as-of', '--xlsx', '--outlets', '--failure-rate', '--checklists'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];
const FLAG_OPTIONS = ['--json', '--summary'] as const;

type Parsed = {
  positional: string[];
  lang: ChecklistLang;
  values: Partial<Record<ValueOption, string>>;
  json: boolean;
  summary: boolean;
  /** The first usage problem, already in words. */
  error: string | null;
};

function parseArgs(args: readonly string[]): Parsed {
  const parsed: Parsed = { positional: [], lang: 'zh-CN', values: {}, json: false, summary: false, error: null };
  const problems: { key: 'unknownOption' | 'missingValue'; arg: string }[] = [];
  let badLang = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (!a.startsWith('--') || a === '--') {
      parsed.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq === -1 ? a : a.slice(0, eq);
    if ((FLAG_OPTIONS as readonly string[]).includes(name) && eq === -1) {
      if (name === '--json') parsed.json = true;
      else parsed.summary = true;
    } else if ((VALUE_OPTIONS as readonly string[]).includes(name)) {
      const value = eq === -1 ? args[++i] : a.slice(eq + 1);
      if (value === undefined) problems.push({ key: 'missingValue', arg: name });
      else if (name === '--lang') {
        if (value === 'zh-CN' || value === 'en-US') parsed.lang = value;
        else badLang = true;
      } else parsed.values[name as ValueOption] = value;
    } else problems.push({ key: 'unknownOption', arg: a });
  }
  // Reported in the language asked for, wherever --lang stood.
  const w = WORDS[parsed.lang];
  const first = problems[0];
  parsed.error = badLang ? w.badLang : first ? fmt(w[first.key], first.arg) : null;
  return parsed;
}

export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  const w = WORDS[parsed.lang];
  const usage = (): number => {
    for (const line of w.usage) io.err(line);
    return EXIT_USAGE;
  };
  if (parsed.error !== null) {
    io.err(parsed.error);
    return EXIT_USAGE;
  }
  const [group, command, ...rest] = parsed.positional;
  if (group === undefined || group === 'help' || group === '--help' || group === '-h') {
    for (const line of w.usage) io.out(line);
    return group === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (group === 'checklist' && command === 'validate') {
    if (rest.length === 0) {
      io.err(w.noFiles);
      return usage();
    }
    return validate(rest, parsed.lang, io);
  }
  if (group === 'checklist' && command === 'schema') {
    const text = checklistJsonSchemaText();
    const out = parsed.values['--out'];
    if (out) {
      await io.writeFile(out, text);
      io.err(fmt(w.written, out));
    } else io.out(text.trimEnd());
    return EXIT_OK;
  }
  if (group === 'ledger' && (command === 'verify' || command === 'inspect')) {
    if (rest.length === 0 || (command === 'inspect' && rest.length > 1)) {
      io.err(command === 'verify' ? w.noFiles : w.oneFile);
      return usage();
    }
    const password = await readPassword(parsed.values['--password-file'], parsed.lang, io);
    if (typeof password === 'object' && password !== null) return password.exit;
    const options = { lang: parsed.lang, json: parsed.json, password };
    return command === 'verify' ? verifyCommand(rest, options, io) : inspectCommand(rest[0] ?? '', options, io);
  }
  if (group === 'demo' && command === undefined) {
    const branchesText = parsed.values['--branches'] ?? '';
    const branches = /^\d{1,3}$/.test(branchesText) ? Number(branchesText) : NaN;
    const out = parsed.values['--out'];
    const asOf = parsed.values['--as-of'] ?? DEMO_DEFAULT_AS_OF;
    // Left out, each keeps the campaign as it always was (the same seed still gives the same files).
    const outletsText = parsed.values['--outlets'];
    const outlets = outletsText === undefined ? undefined : /^\d{1,3}$/.test(outletsText) ? Number(outletsText) : NaN;
    const rateText = parsed.values['--failure-rate'];
    const failureRate = rateText === undefined ? undefined : /^(0(\.\d+)?|1(\.0+)?)$/.test(rateText) ? Number(rateText) : NaN;
    const problem = !(branches >= 1 && branches <= DEMO_MAX_BRANCHES)
      ? fmt(w.badBranches, DEMO_MAX_BRANCHES)
      : !out
        ? w.noOut
        : !isCalendarDate(asOf)
          ? w.badAsOf
          : outlets !== undefined && !(outlets >= 1 && outlets <= DEMO_MAX_OUTLETS)
            ? fmt(w.badOutlets, DEMO_MAX_OUTLETS)
            : failureRate !== undefined && !(failureRate >= 0 && failureRate <= DEMO_MAX_FAILURE_RATE)
              ? fmt(w.badFailureRate, DEMO_MAX_FAILURE_RATE)
              : null;
    if (problem !== null || !out) {
      io.err(problem ?? w.noOut);
      return usage();
    }
    const checklistsDir = parsed.values['--checklists'];
    return demoCommand(
      { branches, out, seed: parsed.values['--seed'] ?? DEMO_DEFAULT_SEED, asOf, ...(outlets === undefined ? {} : { outlets }), ...(failureRate === undefined ? {} : { failureRate }) },
      parsed.lang,
      checklistsDir === undefined ? io : { ...io, checklistsDir },
    );
  }
  if (group === 'consolidate') {
    const inputs = parsed.positional.slice(1);
    const xlsx = parsed.values['--xlsx'];
    const asOf = parsed.values['--as-of'] ?? localToday();
    const problem = inputs.length === 0 ? w.noPackages : !xlsx ? w.noXlsx : !isCalendarDate(asOf) ? w.badAsOf : null;
    if (problem !== null || !xlsx) {
      io.err(problem ?? w.noXlsx);
      return usage();
    }
    const password = await readPassword(parsed.values['--password-file'], parsed.lang, io);
    if (typeof password === 'object' && password !== null) return password.exit;
    return consolidateCommand(inputs, { lang: parsed.lang, json: parsed.json, summary: parsed.summary, xlsx, asOf, password }, io);
  }
  io.err(fmt(w.unknownCommand, parsed.positional.join(' ')));
  return usage();
}

/** The day here, for overdue when --as-of is not given: the command line, unlike core, may read the clock. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const PASSWORD_FILE_LIMIT = 4096;

/** The password in --password-file (one line; a final line break is not part of it), or null without one. */
async function readPassword(path: string | undefined, lang: ChecklistLang, io: CliIo): Promise<string | null | { exit: number }> {
  if (path === undefined) return null;
  const w = WORDS[lang];
  let bytes: Uint8Array | null;
  try {
    bytes = await io.readFile(path, PASSWORD_FILE_LIMIT);
  } catch (e) {
    io.err(fmt(w.passwordUnreadable, path, errno(e)));
    return { exit: EXIT_USAGE };
  }
  const text = bytes === null ? null : utf8Decode(bytes);
  if (text === null) {
    io.err(fmt(w.passwordUnreadable, path, bytes === null ? `> ${PASSWORD_FILE_LIMIT} B` : 'UTF-8'));
    return { exit: EXIT_USAGE };
  }
  return text.replace(/\r?\n$/, '');
}

const errno = (e: unknown): string => (e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : String(e));

async function validate(files: readonly string[], lang: ChecklistLang, io: CliIo): Promise<number> {
  const w = WORDS[lang];
  let invalidFiles = 0;
  let problems = 0;
  for (const file of files) {
    const lines = await problemsOf(file, lang, io);
    if (lines.length > 0) {
      invalidFiles += 1;
      problems += lines.length;
      for (const line of lines) io.out(`${file}: ${line}`);
    }
  }
  io.err(invalidFiles === 0 ? fmt(w.allValid, files.length) : fmt(w.someInvalid, files.length, invalidFiles, problems));
  return invalidFiles === 0 ? EXIT_OK : EXIT_INVALID;
}

async function problemsOf(file: string, lang: ChecklistLang, io: CliIo): Promise<string[]> {
  const w = WORDS[lang];
  let bytes: Uint8Array | null;
  try {
    bytes = await io.readFile(file, MAX_CHECKLIST_BYTES);
  } catch (e) {
    return [fmt(w.unreadable, errno(e))];
  }
  if (bytes === null) {
    const tooLarge: ChecklistProblem = { path: '', code: 'tooLarge', params: { size: '>5', limit: MAX_CHECKLIST_BYTES / (1024 * 1024) }, where: null };
    return [formatChecklistProblem(tooLarge, lang)];
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return [w.notUtf8];
  }
  const parsed = parseChecklistText(text);
  return parsed.ok ? [] : parsed.error.map((p) => formatChecklistProblem(p, lang));
}
