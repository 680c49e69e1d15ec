// The checklist file format `xiaobao.checklist/1` (ARCHITECTURE §4): the zod schema is the single source
// of truth; TypeScript types, parsing and the published JSON Schema all derive from it.
//
// Every object is strict: an unknown key is reported, never dropped, because a typo such as
// "requirment" or "artcle" would otherwise lose the text or the article number without a word.
// Rules that need the whole document (unique codes, cited documents exist, real dates, total counts)
// live in validate.ts; messages for every failure live in messages.ts.
import { z } from 'zod';

export const CHECKLIST_FORMAT = 'xiaobao.checklist/1';
export const SEVERITIES = ['一般', '较重', '重大'] as const;
export const VERDICTS = ['compliant', 'partial', 'noncompliant', 'na'] as const;

export const LIMITS = {
  sections: 100,
  itemsPerSection: 500,
  itemsTotal: 2000,
  documents: 200,
  basisPerItem: 10,
  title: 200,
  sectionTitle: 100,
  issuer: 100,
  description: 2000,
  requirement: 500,
  method: 500,
  evidence: 500,
  itemNote: 1000,
  basisNote: 500,
  documentNote: 500,
  documentNumber: 100,
  article: 64,
} as const;

/** Codes appear in ledgers, file names and finding numbers: keep them to a safe, short alphabet. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,31}$/;
export const DOC_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Shape only; validate.ts checks that the date exists on the calendar. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Mark refinement failures so zod-issues.ts can map them to the `blank` and `badCharacters` problem codes. */
export const BLANK_ISSUE = 'blank';
export const BAD_CHARACTERS_ISSUE = 'badCharacters';

const isNotBlank = (s: string): boolean => s.trim().length > 0;

/**
 * Control characters other than tab and line feed (a carriage return included), U+FFFE/U+FFFF and lone
 * surrogates: invisible, never intended in a checklist, and an .xlsx cell cannot keep them, so a checklist
 * that contained them could not survive its Excel round trip.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const BAD_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const hasNoBadCharacters = (s: string): boolean => !BAD_CHARACTERS.test(s);

/**
 * Required human text: not empty, not only spaces, no invisible control characters, at most `max` UTF-16
 * units. `description` (Chinese / English) goes into the published JSON Schema, for editors' hover help.
 */
const text = (max: number, description: string) =>
  z
    .string()
    .max(max)
    .refine(isNotBlank, { params: { code: BLANK_ISSUE } })
    .refine(hasNoBadCharacters, { params: { code: BAD_CHARACTERS_ISSUE } })
    // JSON Schema cannot run the refinements; this pattern says the same "something other than spaces".
    .meta({ description, pattern: '\\S' });

const code = (description: string) => z.string().regex(CODE_PATTERN).meta({ description });

export const severitySchema = z.enum(SEVERITIES).meta({
  description: '不符合时的默认风险等级：一般、较重、重大 / Default severity of a failure: 一般 minor, 较重 serious, 重大 major',
});

export const basisSchema = z
  .strictObject({
    doc: z.string().regex(DOC_KEY_PATTERN).meta({ description: '依据文件代号，须列在 documents 中 / Key of a document listed under documents' }),
    /** As the rule writes it, e.g. 第十条 or 第二十八—二十九条. Absent when the article is not known. */
    article: text(LIMITS.article, '条款，按法规原文写法，如“第十条”；不知道条号时不填 / The article as the rule writes it, e.g. 第十条; omit when unknown').optional(),
    /** true only when the article number was checked against the rule's text; false shows 条号待核. */
    verified: z.boolean().meta({
      description: '条号是否已与法规文本核对；false 时界面显示“条号待核” / Whether the article was checked against the rule\'s text; false shows 条号待核',
    }),
    note: text(LIMITS.basisNote, '依据说明 / Note on this basis').optional(),
  })
  .meta({ description: '一条检查依据 / One rule an item rests on' });

export const itemSchema = z
  .strictObject({
    code: code('检查项编码，整份清单内唯一，跨版本保持不变 / Item code: unique in the checklist, stable across versions'),
    requirement: text(LIMITS.requirement, '检查要求（中文） / The requirement, in Chinese'),
    requirementEn: text(LIMITS.requirement, '检查要求的英文释义 / English gloss of the requirement').optional(),
    basis: z.array(basisSchema).max(LIMITS.basisPerItem).meta({ description: '检查依据，可为空列表 / The rules the item rests on; may be empty' }),
    method: text(LIMITS.method, '检查方法 / How to check'),
    evidence: text(LIMITS.evidence, '应留存的证据 / Evidence to keep').optional(),
    severity: severitySchema,
    sample: z.boolean().optional().meta({ description: 'true：检查人须记录抽样数量和问题笔数 / true: the inspector records sample size and exceptions' }),
    note: text(LIMITS.itemNote, '备注，如 [P] 建议项、[M] 凭回忆的依据 / Note, e.g. [P] our proposal, [M] recalled basis').optional(),
  })
  .meta({ description: '一个检查项 / One checklist item' });

export const sectionSchema = z
  .strictObject({
    code: code('章节编码，清单内唯一 / Section code, unique in the checklist'),
    title: text(LIMITS.sectionTitle, '章节名称 / Section title'),
    titleEn: text(LIMITS.sectionTitle, '章节英文名称 / English section title').optional(),
    items: z.array(itemSchema).min(1).max(LIMITS.itemsPerSection).meta({ description: '本章节的检查项，至少一项 / The section\'s items, at least one' }),
  })
  .meta({ description: '一个章节 / One section' });

export const documentSchema = z
  .strictObject({
    key: z.string().regex(DOC_KEY_PATTERN).meta({ description: '文件代号，供 basis.doc 引用 / Key that basis.doc refers to' }),
    /** Without the 《》 brackets: the UI adds them. */
    title: text(LIMITS.title, '文件全称，不带书名号 / Full title, without 《》'),
    number: text(LIMITS.documentNumber, '文号，仅在已确认时填写 / Document number, only when confirmed').optional(),
    note: text(LIMITS.documentNote, '说明，如发布与施行日期、待核事项 / Note: dates, what still needs checking').optional(),
  })
  .meta({ description: '清单引用的一份文件 / A document the checklist cites' });

export const checklistSchema = z
  .strictObject({
    format: z.literal(CHECKLIST_FORMAT).meta({ description: '格式标识 / Format marker' }),
    id: z.string().regex(ID_PATTERN).meta({ description: '清单编号，跨版本不变 / Checklist id, stable across versions' }),
    version: z.string().regex(VERSION_PATTERN).meta({ description: '版本号，如 2026.1；内容有任何改动都要换新版本号 / Version, e.g. 2026.1; any change of content needs a new version' }),
    title: text(LIMITS.title, '清单标题 / Title'),
    titleEn: text(LIMITS.title, '英文标题 / English title').optional(),
    issuer: text(LIMITS.issuer, '发布部门 / Issuing department'),
    effectiveFrom: z.string().regex(DATE_PATTERN).meta({ description: '生效日期 YYYY-MM-DD / Effective date' }),
    description: text(LIMITS.description, '说明 / Description').optional(),
    documents: z.array(documentSchema).max(LIMITS.documents).meta({ description: '检查依据引用的文件 / The documents items cite' }),
    sections: z.array(sectionSchema).min(1).max(LIMITS.sections).meta({ description: '章节，至少一个 / Sections, at least one' }),
  })
  .meta({
    title: '消保自查检查清单 / xiaobao checklist',
    description: '消保自查检查清单文件（xiaobao.checklist/1）。编写说明见 checklists/README.md / A 消保自查 checklist file; see checklists/README.md',
  });

/** The keys each strict object accepts: used to suggest the intended key for a typo. */
export const KNOWN_KEYS = {
  checklist: Object.keys(checklistSchema.shape),
  section: Object.keys(sectionSchema.shape),
  item: Object.keys(itemSchema.shape),
  basis: Object.keys(basisSchema.shape),
  doc: Object.keys(documentSchema.shape),
} as const;

export type Severity = z.infer<typeof severitySchema>;
export type Verdict = (typeof VERDICTS)[number];
export type Basis = z.infer<typeof basisSchema>;
export type ChecklistItem = z.infer<typeof itemSchema>;
export type ChecklistSection = z.infer<typeof sectionSchema>;
export type ChecklistDocument = z.infer<typeof documentSchema>;
export type Checklist = z.infer<typeof checklistSchema>;
