// The `xiaobao` command line (ARCHITECTURE §7): the same renderer/core code as the app, under Node,
// without Electron. `run` takes its arguments and surroundings as parameters so tests can also call it
// in-process; index.ts is the executable.
import { formatChecklistProblem, type ChecklistLang } from '../../renderer/core/checklist/messages';
import { MAX_CHECKLIST_BYTES, parseChecklistText } from '../../renderer/core/checklist/parse';
import type { ChecklistProblem } from '../../renderer/core/checklist/problems';
import { checklistJsonSchemaText } from '../../renderer/core/checklist/json-schema';

export type CliIo = {
  out: (line: string) => void;
  err: (line: string) => void;
  /** The file's bytes, or null when it is larger than `limit` (not read). Throws when it cannot be read. */
  readFile: (path: string, limit: number) => Promise<Uint8Array | null>;
  writeFile: (path: string, text: string) => Promise<void>;
};

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

const WORDS = {
  'zh-CN': {
    usage: [
      '用法：',
      '  xiaobao checklist validate 文件... [--lang zh-CN|en-US]   校验检查清单文件（JSON）；全部有效时退出码为 0，否则逐条列出问题并以 1 退出',
      '  xiaobao checklist schema [--out 文件]                    输出检查清单格式的 JSON Schema',
    ],
    unknownCommand: '无法识别的命令：{0}',
    noFiles: '请至少指定一个要校验的文件',
    badLang: '--lang 只能是 zh-CN 或 en-US',
    unreadable: '无法读取文件（{0}）',
    notUtf8: '文件不是 UTF-8 编码的文本；请用 UTF-8 编码另存后重试',
    allValid: '共校验 {0} 个文件，全部有效。',
    someInvalid: '共校验 {0} 个文件，其中 {1} 个有问题，共 {2} 处。',
    written: '已写入 {0}',
  },
  'en-US': {
    usage: [
      'Usage:',
      '  xiaobao checklist validate FILE... [--lang zh-CN|en-US]   validate checklist files (JSON); exit 0 when all are valid, otherwise list every problem and exit 1',
      '  xiaobao checklist schema [--out FILE]                    print the JSON Schema of the checklist format',
    ],
    unknownCommand: 'Unknown command: {0}',
    noFiles: 'Name at least one file to validate',
    badLang: '--lang must be zh-CN or en-US',
    unreadable: 'cannot read the file ({0})',
    notUtf8: 'the file is not UTF-8 text; save it as UTF-8 and try again',
    allValid: '{0} files checked, all valid.',
    someInvalid: '{0} files checked; {1} with problems, {2} problems in all.',
    written: 'Wrote {0}',
  },
} as const;

const fmt = (template: string, ...values: Array<string | number>): string => template.replace(/\{(\d)\}/g, (_, i: string) => String(values[Number(i)] ?? ''));

type Parsed = { positional: string[]; lang: ChecklistLang; out: string | null; error: string | null };

function parseArgs(args: readonly string[]): Parsed {
  const parsed: Parsed = { positional: [], lang: 'zh-CN', out: null, error: null };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a === '--lang' ? args[++i] : a.slice('--lang='.length);
      if (v === 'zh-CN' || v === 'en-US') parsed.lang = v;
      else parsed.error = 'badLang';
    } else if (a === '--out' || a.startsWith('--out=')) {
      parsed.out = (a === '--out' ? args[++i] : a.slice('--out='.length)) ?? null;
    } else parsed.positional.push(a);
  }
  return parsed;
}

export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  const w = WORDS[parsed.lang];
  const usage = (): number => {
    for (const line of w.usage) io.err(line);
    return EXIT_USAGE;
  };
  if (parsed.error === 'badLang') {
    io.err(w.badLang);
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
    if (parsed.out) {
      await io.writeFile(parsed.out, text);
      io.err(fmt(w.written, parsed.out));
    } else io.out(text.trimEnd());
    return EXIT_OK;
  }
  io.err(fmt(w.unknownCommand, parsed.positional.join(' ')));
  return usage();
}

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
    const reason = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : String(e);
    return [fmt(w.unreadable, reason)];
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
