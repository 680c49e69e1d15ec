// The report itself, laid out for A4 paper (styles.css, "Inspection report"): cover, scope, summary,
// results per section, every finding with its evidence pictures, and the signature lines. Plain HTML
// tables and images rather than antd widgets, so what prints is exactly what is written here and reads
// the same in black and white. Every figure comes from core/report; this only lays it out.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { InspectionReport, ReportFinding, ReportItem } from '../../core/report/model';
import { SEVERITIES } from '../../core/checklist/schema';
import { FINDING_STATUSES } from '../../core/finding/model';
import type { Attachment } from '../../db/types';
import { isImage } from '../../io/evidence';

export type ReportImage = { attachment: Attachment; src: string | null };

type Props = {
  report: InspectionReport;
  /** The attachments the findings show, by id, with the URL to show each (null: not an image). */
  files: ReadonlyMap<string, ReportImage>;
  /** Image sources that failed to load: shown as a caption instead of a broken picture. */
  failed: ReadonlySet<string>;
  onImage: (src: string, ok: boolean) => void;
};

export function ReportDocument({ report, files, failed, onImage }: Props) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en-US';
  const { cover, scope, summary } = report;
  const unit = cover.orgUnitName === null ? cover.orgUnitCode : t('report.unitWithCode', { name: cover.orgUnitName, code: cover.orgUnitCode });
  const sectionTitle = (s: { title: string; titleEn: string | null }) => (english && s.titleEn ? s.titleEn : s.title);
  const time = (iso: string | null) => (iso === null ? null : dayjs(iso).format('YYYY-MM-DD HH:mm'));
  const sampleItems = scope.sections.reduce((n, s) => n + s.sampleItems, 0);

  return (
    <article className="report-doc" aria-label={t('report.title')} data-testid="report-doc">
      <section className="report-cover" aria-label={t('report.title')}>
        <p className="report-cover-org">{unit}</p>
        <h1 className="report-cover-title">{t('report.title')}</h1>
        <p className="report-cover-sub">{cover.checklistTitle}</p>
        {cover.draft && (
          <p className="report-draft" role="note" data-testid="report-draft">
            {t('report.draftNotice')}
          </p>
        )}
        <table className="report-table report-facts">
          <tbody>
            <Fact label={t('report.cover.unit')}>{unit}</Fact>
            <Fact label={t('report.cover.checklist')}>{t('report.cover.checklistValue', { title: cover.checklistTitle, version: cover.checklistVersion })}</Fact>
            <Fact label={t('report.cover.issuer')}>{cover.checklistIssuer}</Fact>
            <Fact label={t('report.cover.effectiveFrom')}>{cover.checklistEffectiveFrom}</Fact>
            <Fact label={t('report.cover.fingerprint')}>
              <span className="report-mono">{cover.checklistSha256}</span>
            </Fact>
            <Fact label={t('report.cover.kind')}>{t(`kinds.${cover.kind}`)}</Fact>
            <Fact label={t('report.cover.inspectors')}>{cover.inspectors.join('、')}</Fact>
            <Fact label={t('report.cover.date')}>{cover.date}</Fact>
            <Fact label={t('report.cover.startedAt')}>{time(cover.startedAt)}</Fact>
            <Fact label={t('report.cover.finishedAt')}>{time(cover.finishedAt) ?? t('report.cover.notFinished')}</Fact>
            <Fact label={t('report.cover.status')}>
              <strong>{cover.draft ? t('report.cover.draft') : t('report.cover.final')}</strong>
            </Fact>
            <Fact label={t('report.cover.generated')}>{cover.asOf}</Fact>
          </tbody>
        </table>
      </section>

      <section className="report-part report-break" aria-labelledby="report-scope">
        <h2 id="report-scope">{t('report.scope.title')}</h2>
        <p>
          {t('report.scope.intro', {
            checklist: cover.checklistTitle,
            version: cover.checklistVersion,
            issuer: cover.checklistIssuer,
            effectiveFrom: cover.checklistEffectiveFrom,
            sections: scope.sections.length,
            items: scope.items,
            sample: sampleItems,
          })}
        </p>
        <table className="report-table">
          <thead>
            <tr>
              <th className="col-no">{t('report.scope.no')}</th>
              <th className="col-code">{t('report.scope.code')}</th>
              <th>{t('report.scope.section')}</th>
              <th className="col-num">{t('report.scope.items')}</th>
              <th className="col-num">{t('report.scope.sampleItems')}</th>
            </tr>
          </thead>
          <tbody>
            {scope.sections.map((s, i) => (
              <tr key={s.code}>
                <td className="col-no">{i + 1}</td>
                <td className="col-code">{s.code}</td>
                <td>{sectionTitle(s)}</td>
                <td className="col-num">{s.items}</td>
                <td className="col-num">{s.sampleItems}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={3}>{t('report.scope.total')}</th>
              <td className="col-num">{scope.items}</td>
              <td className="col-num">{sampleItems}</td>
            </tr>
          </tfoot>
        </table>
      </section>

      <section className="report-part" aria-labelledby="report-summary">
        <h2 id="report-summary">{t('report.summary.title')}</h2>
        <h3>{t('report.summary.items')}</h3>
        <p>{t('report.summary.sentence', summary.items)}</p>
        <table className="report-table report-counts" data-testid="report-summary-items">
          <thead>
            <tr>
              <th>{t('report.summary.section')}</th>
              <th className="col-num">{t('report.summary.total')}</th>
              <th className="col-num">{t('verdicts.compliant')}</th>
              <th className="col-num">{t('verdicts.partial')}</th>
              <th className="col-num">{t('verdicts.noncompliant')}</th>
              <th className="col-num">{t('verdicts.na')}</th>
              <th className="col-num">{t('verdicts.none')}</th>
              <th className="col-num">{t('report.summary.findingsCount')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.sections.map((s) => (
              <tr key={s.code}>
                <td>{sectionTitle(s)}</td>
                <td className="col-num">{s.total}</td>
                <td className="col-num">{s.compliant}</td>
                <td className="col-num">{s.partial}</td>
                <td className="col-num">{s.noncompliant}</td>
                <td className="col-num">{s.na}</td>
                <td className="col-num">{s.unanswered}</td>
                <td className="col-num">{s.findings}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>{t('report.summary.sum')}</th>
              <td className="col-num">{summary.items.total}</td>
              <td className="col-num">{summary.items.compliant}</td>
              <td className="col-num">{summary.items.partial}</td>
              <td className="col-num">{summary.items.noncompliant}</td>
              <td className="col-num">{summary.items.na}</td>
              <td className="col-num">{summary.items.unanswered}</td>
              <td className="col-num">{summary.findings.total}</td>
            </tr>
          </tfoot>
        </table>

        <div className="report-keep">
          <h3>{t('report.summary.findings')}</h3>
          {summary.findings.total === 0 ? (
            <p>{t('report.summary.none')}</p>
          ) : (
            <>
              <p>
                {t('report.summary.findingsSentence', {
                  count: summary.findings.total,
                  asOf: cover.asOf,
                  overdue: summary.findings.overdue,
                  repeat: summary.findings.repeat,
                })}
              </p>
              <table className="report-table report-counts report-finding-counts" data-testid="report-summary-findings">
                <thead>
                  <tr>
                    <th rowSpan={2}>{t('report.summary.findingsTotal')}</th>
                    <th colSpan={SEVERITIES.length}>{t('report.summary.bySeverity')}</th>
                    <th colSpan={FINDING_STATUSES.length}>{t('report.summary.byStatus')}</th>
                    <th rowSpan={2}>{t('report.summary.overdue')}</th>
                    <th rowSpan={2}>{t('report.summary.repeat')}</th>
                    <th rowSpan={2}>{t('report.summary.verdictWithdrawn')}</th>
                  </tr>
                  <tr>
                    {SEVERITIES.map((s) => (
                      <th key={s}>{t(`severity.${s}`)}</th>
                    ))}
                    {FINDING_STATUSES.map((s) => (
                      <th key={s}>{t(`status.${s}`)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <td className="col-num">{summary.findings.total}</td>
                    {SEVERITIES.map((s) => (
                      <td key={s} className="col-num">
                        {summary.findings.bySeverity[s]}
                      </td>
                    ))}
                    {FINDING_STATUSES.map((s) => (
                      <td key={s} className="col-num">
                        {summary.findings.byStatus[s]}
                      </td>
                    ))}
                    <td className="col-num">{summary.findings.overdue}</td>
                    <td className="col-num">{summary.findings.repeat}</td>
                    <td className="col-num">{summary.findings.verdictWithdrawn}</td>
                  </tr>
                </tbody>
              </table>
            </>
          )}
        </div>
      </section>

      <section className="report-part" aria-labelledby="report-results">
        <h2 id="report-results">{t('report.results.title')}</h2>
        {report.sections.map((s, i) => (
          <section key={s.code} className="report-section" aria-label={sectionTitle(s)}>
            <h3>{t('report.results.section', { n: i + 1, title: sectionTitle(s), code: s.code })}</h3>
            <table className="report-table report-results" data-testid="report-results">
              <thead>
                <tr>
                  <th className="col-item">{t('report.results.code')}</th>
                  <th>{t('report.results.requirement')}</th>
                  <th className="col-verdict">{t('report.results.verdict')}</th>
                  <th className="col-record">{t('report.results.record')}</th>
                  <th className="col-ledger">{t('report.results.finding')}</th>
                </tr>
              </thead>
              <tbody>
                {s.items.map((item) => (
                  <ResultRow key={item.code} item={item} english={english} />
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </section>

      <section className="report-part report-break" aria-labelledby="report-findings">
        <h2 id="report-findings">{t('report.findings.title')}</h2>
        {report.findings.length === 0 ? (
          <p>{t('report.findings.none')}</p>
        ) : (
          <>
            <p>{t('report.findings.intro', { count: report.findings.length, asOf: cover.asOf })}</p>
            {report.findings.map((f) => (
              <FindingBlock key={f.id} finding={f} files={files} failed={failed} onImage={onImage} />
            ))}
          </>
        )}
      </section>

      <section className="report-part report-signatures" aria-labelledby="report-sign">
        <h2 id="report-sign">{t('report.sign.title')}</h2>
        <p>{t('report.sign.confirm')}</p>
        <div className="report-signature-grid">
          <SignatureLine label={t('report.sign.inspector')} />
          <SignatureLine label={t('report.sign.head')} />
        </div>
      </section>
    </article>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

function SignatureLine({ label }: { label: string }) {
  const { t } = useTranslation();
  return (
    <p className="report-signature" data-testid="report-signature">
      <span>{label}</span>
      <span className="report-blank report-blank-name" aria-hidden />
      <span>{t('report.sign.date')}</span>
      <span className="report-blank report-blank-date" aria-hidden />
    </p>
  );
}

function ResultRow({ item, english }: { item: ReportItem; english: boolean }) {
  const { t } = useTranslation();
  const failed = item.verdict === 'partial' || item.verdict === 'noncompliant';
  const record: string[] = [];
  if (item.note !== '') record.push(item.note);
  if (item.sample && item.verdict !== null && item.verdict !== 'na') {
    record.push(
      item.sampleSize === null ? t('report.results.sampleMissing') : t('report.results.sample', { size: item.sampleSize, exceptions: item.exceptions ?? 0 }),
    );
  }
  if (item.attachments.length > 0) record.push(t('report.results.attachments', { count: item.attachments.length }));
  return (
    <tr className={failed ? 'is-failed' : item.verdict === null ? 'is-unanswered' : undefined}>
      <td className="col-item report-mono">{item.code}</td>
      <td>{english && item.requirementEn ? item.requirementEn : item.requirement}</td>
      <td className="col-verdict">{t(`verdicts.${item.verdict ?? 'none'}`)}</td>
      <td className="col-record">
        {record.map((line, i) => (
          <div key={i} className="pre-wrap">
            {line}
          </div>
        ))}
      </td>
      <td className="col-ledger report-mono">{item.ledgerNo ?? ''}</td>
    </tr>
  );
}

function FindingBlock({ finding: f, files, failed, onImage }: { finding: ReportFinding } & Omit<Props, 'report'>) {
  const { t } = useTranslation();
  const text = (value: string) => (value.trim() === '' ? <span className="report-empty">{t('report.findings.empty')}</span> : <span className="pre-wrap">{value}</span>);
  const deadline =
    f.deadline === null
      ? t('report.findings.noDeadline')
      : f.status === 'long_term' && f.deadline !== f.dueDate
        ? t('report.findings.milestone', { date: f.deadline })
        : f.deadline;
  const due = f.overdue ? t('report.findings.deadlineOverdue', { date: deadline, count: f.overdueDays ?? 0 }) : deadline;
  const status = f.completedAt === null ? t(`status.${f.status}`) : t('report.findings.statusCompleted', { status: t(`status.${f.status}`), date: f.completedAt });
  const titleId = `report-finding-${f.id}`;
  return (
    <section className="report-finding" aria-labelledby={titleId} data-testid="report-finding">
      <h3 id={titleId} className="report-finding-title">
        <span className="report-mono">{f.ledgerNo}</span>
        <span>
          {t(`severity.${f.severity}`)} · {t(`status.${f.status}`)}
          {f.overdue && ` · ${t('report.findings.overdueDays', { count: f.overdueDays ?? 0 })}`}
          {f.repeat && ` · ${t('findings.repeat')}`}
        </span>
      </h3>
      <table className="report-table report-kv">
        <colgroup>
          <col className="kv-label" />
          <col className="kv-value" />
          <col className="kv-label" />
          <col className="kv-value" />
        </colgroup>
        <tbody>
          <Wide label={t('report.findings.item')}>
            {f.itemCode === null ? (
              text('')
            ) : (
              <>
                <span className="report-mono">{f.itemCode}</span> {f.requirement ?? ''}
              </>
            )}
          </Wide>
          <Pair
            left={[t('findings.fields.category'), text(f.category)]}
            right={[
              t('findings.fields.verdict'),
              f.verdict === null ? t('verdicts.none') : `${t(`verdicts.${f.verdict}`)}${f.verdictWithdrawn ? `（${t('report.findings.withdrawn')}）` : ''}`,
            ]}
          />
          <Wide label={t('findings.fields.description')}>{text(f.description)}</Wide>
          <Wide label={t('findings.fields.basis')}>{text(f.basis)}</Wide>
          <Pair
            left={[t('findings.fields.severity'), t(`severity.${f.severity}`)]}
            right={[
              t('findings.repeat'),
              f.repeat ? (f.repeatOfLedgerNo ? t('report.findings.repeatOf', { ledgerNo: f.repeatOfLedgerNo }) : t('report.findings.repeatYes')) : t('report.findings.repeatNo'),
            ]}
          />
          {f.rootCause.trim() !== '' && <Wide label={t('findings.fields.rootCause')}>{text(f.rootCause)}</Wide>}
          {f.correction.trim() !== '' && <Wide label={t('findings.fields.correction')}>{text(f.correction)}</Wide>}
          <Wide label={t('findings.fields.measures')}>{text(f.measures)}</Wide>
          <Pair left={[t('findings.fields.responsibleDept'), text(f.responsibleDept)]} right={[t('findings.fields.responsiblePerson'), text(f.responsiblePerson)]} />
          <Pair left={[t('findings.fields.dueDate'), due]} right={[t('findings.fields.status'), status]} />
        </tbody>
      </table>
      <Evidence label={t('report.findings.answerEvidence')} ids={f.answerAttachments} files={files} failed={failed} onImage={onImage} />
      <Evidence label={t('report.findings.findingEvidence')} ids={f.evidence} files={files} failed={failed} onImage={onImage} />
    </section>
  );
}

function Wide({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td colSpan={3}>{children}</td>
    </tr>
  );
}

function Pair({ left, right }: { left: [string, ReactNode]; right: [string, ReactNode] }) {
  return (
    <tr>
      <th scope="row">{left[0]}</th>
      <td>{left[1]}</td>
      <th scope="row">{right[0]}</th>
      <td>{right[1]}</td>
    </tr>
  );
}

function Evidence({ label, ids, files, failed, onImage }: { label: string; ids: readonly string[] } & Omit<Props, 'report'>) {
  const { t } = useTranslation();
  const present = ids.flatMap((id) => files.get(id) ?? []);
  const images = present.filter((f) => isImage(f.attachment.mime) && f.src !== null);
  const others = present.filter((f) => !images.includes(f));
  return (
    <div className="report-evidence" role="group" aria-label={label}>
      <div className="report-evidence-label">
        {label}
        {t('report.findings.colon')}
        {present.length === 0 && <span className="report-evidence-none">{t('report.findings.noEvidence')}</span>}
        {others.length > 0 && <span className="report-evidence-files">{t('report.findings.otherFiles', { names: others.map((f) => f.attachment.name).join('、') })}</span>}
      </div>
      {images.length > 0 && (
        <ul className="report-thumbs">
          {images.map(({ attachment: a, src }) => (
            <li key={a.id} className="report-thumb">
              <figure>
                {src !== null && failed.has(src) ? (
                  <div className="report-thumb-failed">{t('report.findings.imageFailed')}</div>
                ) : (
                  <img
                    src={src ?? undefined}
                    alt={a.name}
                    data-testid="report-thumb"
                    onLoad={() => src && onImage(src, true)}
                    onError={() => src && onImage(src, false)}
                  />
                )}
                <figcaption>{a.name}</figcaption>
              </figure>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
