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
  badOutlets: string;
  badFailureRate: string;
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
  scopeReturn: string;
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
  noPackages: string;
  noXlsx: string;
  consolidate: {
    accepted: string;
    conflict: string;
    historyConflict: string;
    gap: string;
    wrote: string;
    nothingAccepted: string;
    done: string;
    sheetTitle: string;
    kinds: Record<'orgUnits' | 'inspections' | 'answers' | 'findings', string>;
    reasons: Record<'sameRev' | 'localChange' | 'identity' | 'duplicate', string>;
  };
};

export const WORDS: Record<Lang, Words> = {
  'zh-CN': {
    usage: [
      '用法：',
      '  xiaobao checklist validate 文件... [--lang zh-CN|en-US]   校验检查清单文件（JSON）；全部有效时退出码为 0，否则逐条列出问题并以 1 退出',
      '  xiaobao checklist schema [--out 文件]                    输出检查清单格式的 JSON Schema',
      '  xiaobao ledger verify 文件... [--password-file 文件] [--json]   校验台账包的签名、文件哈希、数据格式和修改记录链；全部有效时退出码为 0，否则为 1',
      '  xiaobao ledger inspect 文件 [--password-file 文件] [--json]      显示台账包的签名清单：机构、设备、序号、范围、记录数和问题状态',
      '  xiaobao demo --branches N --out 目录 [--seed 种子] [--as-of YYYY-MM-DD] [--outlets M] [--failure-rate R] [--checklists 目录]',
      '                                                         生成演示用的模拟检查活动：每个分行一个签名台账包（N 最多 200）；同一种子生成的文件逐字节相同。',
      '                                                         --outlets 每个分行的网点数（默认 3 到 6 个）；--failure-rate 检查项不符合的比例（默认 0.12）；--checklists 改用该目录中的检查清单',
      '  xiaobao consolidate 文件|目录... --xlsx 输出文件 [--summary] [--json] [--as-of YYYY-MM-DD] [--password-file 文件]',
      '                                                         按总行导入的方式校验并合并各分行台账包，写出汇总整改台账，--summary 输出工作总结用的情况说明；有台账包被拒绝时退出码为 2',
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
    badOutlets: '--outlets 应为 1 到 {0} 之间的整数',
    badFailureRate: '--failure-rate 应为 0 到 {0} 之间的小数，例如 0.3',
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
    scopeReturn: '总行反馈（发往 {0}）',
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
    noPackages: '请至少指定一个台账包文件或目录',
    noXlsx: '请用 --xlsx 指定汇总整改台账的输出文件',
    consolidate: {
      accepted: '已接受 — {0} {1}，设备序号 {2}：问题新增 {3}、更新 {4}、未变 {5}、过期 {6}、冲突 {7}',
      conflict: '冲突：{0} {1}（{2}）— 保留先合并的版本（版本号 {3}），未采用 {4} 中的版本（版本号 {5}）',
      historyConflict: '修改记录冲突：设备 {0} 第 {1} 条与已合并的不一致（{2}），可能被篡改或记录链分叉，未采用 {3} 中的该条',
      gap: '修改记录缺口：设备 {0} 已有至第 {1} 条，{2} 从第 {3} 条开始',
      wrote: '已写入 {0}（问题 {1} 个）',
      nothingAccepted: '没有可合并的台账包，未写入 {0}',
      done: '共 {0} 个台账包，接受 {1} 个，拒绝 {2} 个；冲突 {3} 处。',
      sheetTitle: '汇总整改台账',
      kinds: { orgUnits: '机构', inspections: '检查', answers: '检查结论', findings: '问题' },
      reasons: { sameRev: '版本号相同而内容不同', localChange: '已在本地修改', identity: '编号已被另一条记录使用', duplicate: '同一台账包中重复出现' },
    },
  },
  'en-US': {
    usage: [
      'Usage:',
      '  xiaobao checklist validate FILE... [--lang zh-CN|en-US]   validate checklist files (JSON); exit 0 when all are valid, otherwise list every problem and exit 1',
      '  xiaobao checklist schema [--out FILE]                    print the JSON Schema of the checklist format',
      '  xiaobao ledger verify FILE... [--password-file FILE] [--json]   check ledger packages: signature, file hashes, data format, history chain; exit 0 when all are valid, otherwise 1',
      '  xiaobao ledger inspect FILE [--password-file FILE] [--json]      show a ledger package\'s manifest: unit, device, seq, scope, counts and finding states',
      '  xiaobao demo --branches N --out DIR [--seed SEED] [--as-of YYYY-MM-DD] [--outlets M] [--failure-rate R] [--checklists DIR]',
      '                                                         write a synthetic campaign for demos: one signed ledger package per branch (N up to 200); the same seed gives byte-identical files.',
      '                                                         --outlets: outlets per branch (default 3 to 6); --failure-rate: the share of items that fail (default 0.12); --checklists: use the checklists in that folder',
      '  xiaobao consolidate FILE|DIR... --xlsx OUT [--summary] [--json] [--as-of YYYY-MM-DD] [--password-file FILE]',
      '                                                         verify and merge branch ledger packages as head office imports them, write the consolidated 整改台账, and with --summary print the work-summary statement; exit 2 when a package is refused',
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
    badOutlets: '--outlets must be a whole number from 1 to {0}',
    badFailureRate: '--failure-rate must be a number from 0 to {0}, such as 0.3',
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
    scopeReturn: 'head office\'s return (to {0})',
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
    noPackages: 'Name at least one ledger package or folder',
    noXlsx: 'Name the consolidated 整改台账 file with --xlsx',
    consolidate: {
      accepted: 'accepted — {0} {1}, seq {2}: findings new {3}, updated {4}, unchanged {5}, stale {6}, conflicting {7}',
      conflict: 'conflict: {0} {1} ({2}) — kept the version merged first (rev {3}), not the one in {4} (rev {5})',
      historyConflict: 'history conflict: entry {1} of device {0} differs from the one merged ({2}): edited, or the chain forked; the one in {3} was not taken',
      gap: 'history gap: device {0} is held up to entry {1}; {2} starts at entry {3}',
      wrote: 'Wrote {0} ({1} findings)',
      nothingAccepted: 'No package to merge; {0} was not written',
      done: '{0} packages: {1} accepted, {2} refused; {3} conflicts.',
      sheetTitle: 'Consolidated 整改台账',
      kinds: { orgUnits: 'unit', inspections: 'inspection', answers: 'answer', findings: 'finding' },
      reasons: { sameRev: 'same rev, different content', localChange: 'changed locally', identity: 'its code or number is used by another record', duplicate: 'twice in one package' },
    },
  },
};

export const fmt = (template: string, ...values: Array<string | number>): string => template.replace(/\{(\d)\}/g, (_, i: string) => String(values[Number(i)] ?? ''));
