// The command line's own words (usage, summaries, labels), in both languages. Why a package was refused
// comes from the app's catalogues instead (messages.ts), so the CLI and the app say the same thing.
import type { ChecklistLang } from '../../renderer/core/checklist/messages';
import type { FindingStatus } from '../../renderer/core/finding/model';

export type Lang = ChecklistLang;

type Words = {
  usage: readonly string[];
  unknownCommand: string;
  unknownOption: string;
  missingValue: string;
  noFiles: string;
  oneFile: string;
  badLang: string;
  badBranches: string;
  badAsOf: string;
  noOut: string;
  unreadable: string;
  notUtf8: string;
  allValid: string;
  someInvalid: string;
  written: string;
  passwordUnreadable: string;
  ledgerValid: string;
  ledgerVoided: string;
  ledgersAllValid: string;
  ledgersSomeInvalid: string;
  checklistsMissing: string;
  checklistBroken: string;
  demoWrote: string;
  demoDone: string;
  statuses: Record<FindingStatus, string>;
  scopeFull: string;
  scopeDelta: string;
  none: string;
  inspect: {
    file: string;
    format: string;
    unit: string;
    device: string;
    seq: string;
    prev: string;
    scope: string;
    exported: string;
    counts: string;
    checklists: string;
    files: string;
    attachmentsIn: string;
    attachmentsOut: string;
    findings: string;
    voided: string;
    overdue: string;
    auditHead: string;
    packageSha256: string;
    sealed: string;
    generator: string;
  };
  countNames: Record<'orgUnits' | 'inspections' | 'answers' | 'findings' | 'history' | 'attachments', string>;
};

export const WORDS: Record<Lang, Words> = {
  'zh-CN': {
    usage: [
      '用法：',
      '  xiaobao checklist validate 文件... [--lang zh-CN|en-US]   校验检查清单文件（JSON）；全部有效时退出码为 0，否则逐条列出问题并以 1 退出',
      '  xiaobao checklist schema [--out 文件]                    输出检查清单格式的 JSON Schema',
      '  xiaobao ledger verify 文件... [--password-file 文件] [--json]   校验台账包的签名、文件哈希、数据格式和修改记录链；全部有效时退出码为 0，否则为 1',
      '  xiaobao ledger inspect 文件 [--password-file 文件] [--json]      显示台账包的签名清单：机构、设备、序号、范围、记录数和问题状态',
      '  xiaobao demo --branches N --out 目录 [--seed 种子] [--as-of YYYY-MM-DD]',
      '                                                         生成演示用的模拟检查活动：每个分行一个签名台账包（N 最多 200）；同一种子生成的文件逐字节相同',
      '  --lang zh-CN|en-US 选择输出语言；--password-file 指定存放加密台账包密码的文本文件。参数有误时退出码为 2。',
    ],
    unknownCommand: '无法识别的命令：{0}',
    unknownOption: '无法识别的选项：{0}',
    missingValue: '选项 {0} 缺少取值',
    noFiles: '请至少指定一个要校验的文件',
    oneFile: '请指定一个台账包文件',
    badLang: '--lang 只能是 zh-CN 或 en-US',
    badBranches: '--branches 应为 1 到 {0} 之间的整数',
    badAsOf: '--as-of 应为有效日期，格式 YYYY-MM-DD',
    noOut: '请用 --out 指定输出目录',
    unreadable: '无法读取文件（{0}）',
    notUtf8: '文件不是 UTF-8 编码的文本；请用 UTF-8 编码另存后重试',
    allValid: '共校验 {0} 个文件，全部有效。',
    someInvalid: '共校验 {0} 个文件，其中 {1} 个有问题，共 {2} 处。',
    written: '已写入 {0}',
    passwordUnreadable: '无法读取密码文件 {0}（{1}）',
    ledgerValid: '有效 — {0} {1}，设备序号 {2}，问题 {3} 个{4}，修改记录 {5} 条，密钥指纹 {6}',
    ledgerVoided: '（另有作废 {0} 个）',
    ledgersAllValid: '共校验 {0} 个台账包，全部有效。',
    ledgersSomeInvalid: '共校验 {0} 个台账包，其中 {1} 个无效。',
    checklistsMissing: '在 {0} 中找不到检查清单（*.json）',
    checklistBroken: '检查清单 {0} 无效：{1}',
    demoWrote: '已写入 {0}（{1}，问题 {2} 个，{3} KB）',
    demoDone: '共写入 {0} 个台账包，合计 {1} MB（种子 {2}，截至 {3}）。',
    statuses: { open: '待整改', in_progress: '整改中', rectified: '已整改待验收', verified: '已验收', long_term: '长期整改' },
    scopeFull: '全量',
    scopeDelta: '增量（自第 {0} 包之后）',
    none: '无',
    inspect: {
      file: '文件',
      format: '格式',
      unit: '机构',
      device: '设备',
      seq: '序号',
      prev: '上一包 SHA-256',
      scope: '范围',
      exported: '导出',
      counts: '记录数',
      checklists: '检查清单',
      files: '文件数',
      attachmentsIn: '含佐证材料',
      attachmentsOut: '未含佐证材料',
      findings: '问题状态',
      voided: '作废',
      overdue: '截至 {0} 逾期',
      auditHead: '审计链末端',
      packageSha256: '台账包 SHA-256',
      sealed: '已加密',
      generator: '生成程序',
    },
    countNames: { orgUnits: '机构', inspections: '检查', answers: '检查结论', findings: '问题', history: '修改记录', attachments: '佐证材料' },
  },
  'en-US': {
    usage: [
      'Usage:',
      '  xiaobao checklist validate FILE... [--lang zh-CN|en-US]   validate checklist files (JSON); exit 0 when all are valid, otherwise list every problem and exit 1',
      '  xiaobao checklist schema [--out FILE]                    print the JSON Schema of the checklist format',
      '  xiaobao ledger verify FILE... [--password-file FILE] [--json]   check ledger packages: signature, file hashes, data format, history chain; exit 0 when all are valid, otherwise 1',
      '  xiaobao ledger inspect FILE [--password-file FILE] [--json]      show a ledger package\'s manifest: unit, device, seq, scope, counts and finding states',
      '  xiaobao demo --branches N --out DIR [--seed SEED] [--as-of YYYY-MM-DD]',
      '                                                         write a synthetic campaign for demos: one signed ledger package per branch (N up to 200); the same seed gives byte-identical files',
      '  --lang zh-CN|en-US chooses the language; --password-file names a text file holding the password of sealed packages. Usage errors exit 2.',
    ],
    unknownCommand: 'Unknown command: {0}',
    unknownOption: 'Unknown option: {0}',
    missingValue: 'Option {0} needs a value',
    noFiles: 'Name at least one file to validate',
    oneFile: 'Name one ledger package',
    badLang: '--lang must be zh-CN or en-US',
    badBranches: '--branches must be a whole number from 1 to {0}',
    badAsOf: '--as-of must be a calendar date YYYY-MM-DD',
    noOut: 'Name the output folder with --out',
    unreadable: 'cannot read the file ({0})',
    notUtf8: 'the file is not UTF-8 text; save it as UTF-8 and try again',
    allValid: '{0} files checked, all valid.',
    someInvalid: '{0} files checked; {1} with problems, {2} problems in all.',
    written: 'Wrote {0}',
    passwordUnreadable: 'cannot read the password file {0} ({1})',
    ledgerValid: 'valid — {0} {1}, seq {2}, {3} findings{4}, {5} history entries, key {6}',
    ledgerVoided: ' (and {0} voided)',
    ledgersAllValid: '{0} ledger packages checked, all valid.',
    ledgersSomeInvalid: '{0} ledger packages checked; {1} not valid.',
    checklistsMissing: 'no checklists (*.json) in {0}',
    checklistBroken: 'checklist {0} is not valid: {1}',
    demoWrote: 'Wrote {0} ({1}, {2} findings, {3} KB)',
    demoDone: '{0} ledger packages written, {1} MB in all (seed {2}, as of {3}).',
    statuses: { open: 'open', in_progress: 'in progress', rectified: 'awaiting verification', verified: 'verified', long_term: 'long-term' },
    scopeFull: 'full',
    scopeDelta: 'delta (after package {0})',
    none: 'none',
    inspect: {
      file: 'File',
      format: 'Format',
      unit: 'Unit',
      device: 'Device',
      seq: 'Seq',
      prev: 'Previous package SHA-256',
      scope: 'Scope',
      exported: 'Exported',
      counts: 'Records',
      checklists: 'Checklists',
      files: 'Files',
      attachmentsIn: 'attachments included',
      attachmentsOut: 'attachments left out',
      findings: 'Findings',
      voided: 'voided',
      overdue: 'overdue on {0}',
      auditHead: 'Audit head',
      packageSha256: 'Package SHA-256',
      sealed: 'password-sealed',
      generator: 'Generator',
    },
    countNames: { orgUnits: 'units', inspections: 'inspections', answers: 'answers', findings: 'findings', history: 'history entries', attachments: 'attachments' },
  },
};

export const fmt = (template: string, ...values: Array<string | number>): string => template.replace(/\{(\d)\}/g, (_, i: string) => String(values[Number(i)] ?? ''));
