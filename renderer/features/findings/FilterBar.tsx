// The register's filters; every change is a new RegisterFilter handed to the pure filter in core.
// The choices are built once per list: head office has thousands of units, and a new options array
// makes each Select take all of them in again on every keystroke in the search box.
// A Select or date range that was never used and holds nothing is a plain button that looks like it
// (StandIn): the first of each costs its styles and a measured layout of its input, and seven of them
// were a large part of opening the register; the real one takes the button's place on the first press
// or focus, open when pressed.
import { useMemo, useState, type ReactNode } from 'react';
import { Button, Checkbox, DatePicker, Segmented, Select, Space } from 'antd';
import { CalendarOutlined, DownOutlined, SwapRightOutlined } from '@ant-design/icons';
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

type Wake = 'focus' | 'open';

type StandInProps = {
  /** The accessible name of the button. */
  /** The live control's own accessible name, so the control is found by the same name before and after. */
  name: string;
  /** What it holds, read after the name (the live control reads it as its value). */
  description?: string;
  /** What the control opens: a list of choices, or a calendar. */
  popup: 'listbox' | 'dialog';
  width?: number;
  /** The control is needed from the start (it holds a choice only it can show). */
  needed: boolean;
  live: (wake: Wake | null) => ReactNode;
  /** What the button shows, drawn like the control's own empty state. */
  children: ReactNode;
};

/**
 * Until it is pressed or focused, a button with the control's name and what it shows; then the control
 * itself (`live`), focused, and open when it was pressed. Once there, it stays.
 */
function StandIn({ name, description, popup, width, needed, live, children }: StandInProps) {
  const [wake, setWake] = useState<Wake | null>(null);
  if (wake !== null || needed) return live(wake);
  return (
    <button
      type="button"
      className="filter-stand-in"
      aria-label={name}
      aria-description={description}
      aria-haspopup={popup}
      style={width === undefined ? undefined : { width }}
      // Not on mousedown: the control would mount during that event, and its own outside-press listener
      // would take the rest of it for a press elsewhere and close again. A press does not focus the button.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => setWake('open')}
      onFocus={() => setWake('focus')}
    >
      {children}
    </button>
  );
}

const dim = (text: string) => <span className="filter-stand-in-text filter-stand-in-placeholder">{text}</span>;

export function FilterBar({ filter, onChange, units, categories, checklists }: Props) {
  const { t } = useTranslation();
  const unitOptions = useMemo(() => units.map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` })), [units]);
  const categoryOptions = useMemo(() => categories.map((c) => ({ value: c, label: c })), [categories]);
  const checklistOptions = useMemo(() => checklists.map((c) => ({ value: c, label: c })), [checklists]);
  const severityOptions = useMemo(() => SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) })), [t]);
  const statusOptions = useMemo(() => FINDING_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })), [t]);
  const repeatOptions = useMemo<{ value: RepeatFilter; label: string }[]>(
    () => [
      { value: 'all', label: t('findings.filter.repeatAll') },
      { value: 'repeat', label: t('findings.filter.repeatOnly') },
      { value: 'first', label: t('findings.filter.repeatNot') },
    ],
    [t],
  );
  const repeatText = repeatOptions.find((o) => o.value === filter.repeat)?.label ?? '';
  const set = <K extends keyof RegisterFilter>(key: K, value: RegisterFilter[K]) => onChange({ ...filter, [key]: value });
  type ListKey = 'orgUnits' | 'categories' | 'checklists' | 'severities' | 'statuses';
  const multi = (key: ListKey, label: string, options: { value: string; label: string }[], width = 200) => {
    const value = filter[key] as string[];
    const select = (wake: Wake | null) => (
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        aria-label={label}
        placeholder={label}
        style={{ width }}
        showSearch={{ optionFilterProp: 'label' }}
        value={value}
        autoFocus={wake !== null}
        defaultOpen={wake === 'open'}
        // The options offered are exactly the values of that list's type.
        onChange={(v: string[]) => onChange({ ...filter, [key]: v })}
        options={options}
      />
    );
    return (
      <StandIn name={label} popup="listbox" width={width} needed={value.length > 0} live={select}>
        {dim(label)}
        <DownOutlined className="filter-stand-in-icon" />
      </StandIn>
    );
  };
  // A date range whose ends are each optional, stored as two calendar dates.
  const range = (from: 'dueFrom' | 'inspectedFrom', to: 'dueTo' | 'inspectedTo', label: string, placeholder: [string, string]) => (
    <StandIn
      name={label}
      popup="dialog"
      needed={filter[from] !== null || filter[to] !== null}
      live={(wake) => (
        <DatePicker.RangePicker
          aria-label={label}
          placeholder={placeholder}
          allowEmpty={[true, true]}
          autoFocus={wake !== null}
          defaultOpen={wake === 'open'}
          value={[filter[from] ? dayjs(filter[from]) : null, filter[to] ? dayjs(filter[to]) : null]}
          onChange={(r) => onChange({ ...filter, [from]: r?.[0]?.format('YYYY-MM-DD') ?? null, [to]: r?.[1]?.format('YYYY-MM-DD') ?? null })}
        />
      )}
    >
      {dim(placeholder[0])}
      <SwapRightOutlined className="filter-stand-in-icon" />
      {dim(placeholder[1])}
      <CalendarOutlined className="filter-stand-in-icon" />
    </StandIn>
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
        <StandIn
          name={t('findings.filter.repeat')}
          description={repeatText}
          popup="listbox"
          width={150}
          needed={false}
          live={(wake) => (
            <Select<RepeatFilter>
              aria-label={t('findings.filter.repeat')}
              style={{ width: 150 }}
              value={filter.repeat}
              autoFocus={wake !== null}
              defaultOpen={wake === 'open'}
              onChange={(v) => set('repeat', v)}
              options={repeatOptions}
            />
          )}
        >
          <span className="filter-stand-in-text">{repeatText}</span>
          <DownOutlined className="filter-stand-in-icon" />
        </StandIn>
        <Checkbox checked={filter.includeVoided} onChange={(e) => set('includeVoided', e.target.checked)}>
          {t('findings.filter.includeVoided')}
        </Checkbox>
        <Button onClick={() => onChange(EMPTY_FILTER)}>{t('findings.filter.reset')}</Button>
      </Space>
    </div>
  );
}
