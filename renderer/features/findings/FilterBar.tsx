// The register's filters; every change is a new RegisterFilter handed to the pure filter in core.
// The choices are built once per list: head office has thousands of units, and a new options array
// makes each Select take all of them in again on every keystroke in the search box.
import { useMemo } from 'react';
import { Button, Checkbox, DatePicker, Segmented, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { OrgUnit } from '../../db/types';
import { EMPTY_FILTER, type DueFilter, type RegisterFilter, type RepeatFilter } from '../../core/finding/register';
import { FINDING_STATUSES, SEVERITIES } from '../../core/finding/model';
import { SearchInput } from '../../components/SearchInput';

type Props = {
  filter: RegisterFilter;
  onChange: (next: RegisterFilter) => void;
  units: OrgUnit[];
  categories: string[];
  checklists: string[];
};

export function FilterBar({ filter, onChange, units, categories, checklists }: Props) {
  const { t } = useTranslation();
  const unitOptions = useMemo(() => units.map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` })), [units]);
  const categoryOptions = useMemo(() => categories.map((c) => ({ value: c, label: c })), [categories]);
  const checklistOptions = useMemo(() => checklists.map((c) => ({ value: c, label: c })), [checklists]);
  const severityOptions = useMemo(() => SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) })), [t]);
  const statusOptions = useMemo(() => FINDING_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })), [t]);
  const set = <K extends keyof RegisterFilter>(key: K, value: RegisterFilter[K]) => onChange({ ...filter, [key]: value });
  type ListKey = 'orgUnits' | 'categories' | 'checklists' | 'severities' | 'statuses';
  const multi = (key: ListKey, label: string, options: { value: string; label: string }[], width = 200) => (
    <Select
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      aria-label={label}
      placeholder={label}
      style={{ width }}
      showSearch={{ optionFilterProp: 'label' }}
      value={filter[key] as string[]}
      // The options offered are exactly the values of that list's type.
      onChange={(v: string[]) => onChange({ ...filter, [key]: v })}
      options={options}
    />
  );
  // A date range whose ends are each optional, stored as two calendar dates.
  const range = (from: 'dueFrom' | 'inspectedFrom', to: 'dueTo' | 'inspectedTo', label: string, placeholder: [string, string]) => (
    <DatePicker.RangePicker
      aria-label={label}
      placeholder={placeholder}
      allowEmpty={[true, true]}
      value={[filter[from] ? dayjs(filter[from]) : null, filter[to] ? dayjs(filter[to]) : null]}
      onChange={(r) => onChange({ ...filter, [from]: r?.[0]?.format('YYYY-MM-DD') ?? null, [to]: r?.[1]?.format('YYYY-MM-DD') ?? null })}
    />
  );
  return (
    <div className="register-filters">
      <Space wrap>
        <SearchInput label={t('findings.search')} width={280} value={filter.text} onChange={(text) => set('text', text)} />
        {multi('orgUnits', t('findings.filter.orgUnit'), unitOptions, 220)}
        {multi('categories', t('findings.filter.category'), categoryOptions)}
        {multi('severities', t('findings.filter.severity'), severityOptions, 160)}
        {multi('statuses', t('findings.filter.status'), statusOptions)}
      </Space>
      <Space wrap>
        <Segmented<DueFilter>
          aria-label={t('findings.filter.due')}
          value={filter.due}
          onChange={(v) => set('due', v)}
          options={[
            { value: 'all', label: t('findings.filter.dueAll') },
            { value: 'overdue', label: t('findings.filter.overdue') },
            { value: 'dueSoon', label: t('findings.filter.dueSoon') },
            { value: 'open', label: t('findings.filter.notClosed') },
          ]}
        />
        {range('dueFrom', 'dueTo', t('findings.filter.dueRange'), [t('findings.filter.dueFrom'), t('findings.filter.dueTo')])}
        {range('inspectedFrom', 'inspectedTo', t('findings.filter.inspectedRange'), [t('findings.filter.inspectedFrom'), t('findings.filter.inspectedTo')])}
        {multi('checklists', t('findings.filter.checklist'), checklistOptions, 180)}
        <Select<RepeatFilter>
          aria-label={t('findings.filter.repeat')}
          style={{ width: 150 }}
          value={filter.repeat}
          onChange={(v) => set('repeat', v)}
          options={[
            { value: 'all', label: t('findings.filter.repeatAll') },
            { value: 'repeat', label: t('findings.filter.repeatOnly') },
            { value: 'first', label: t('findings.filter.repeatNot') },
          ]}
        />
        <Checkbox checked={filter.includeVoided} onChange={(e) => set('includeVoided', e.target.checked)}>
          {t('findings.filter.includeVoided')}
        </Checkbox>
        <Button onClick={() => onChange(EMPTY_FILTER)}>{t('findings.filter.reset')}</Button>
      </Space>
    </div>
  );
}
