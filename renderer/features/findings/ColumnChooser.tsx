// Which register columns are shown; remembered on this device for the current inspector.
import { Button, Checkbox, Popover } from 'antd';
import { useTranslation } from 'react-i18next';
import { COLUMN_KEYS, DEFAULT_COLUMNS, FIXED_COLUMN, type ColumnKey } from './register-columns';

export function ColumnChooser({ visible, onChange }: { visible: readonly ColumnKey[]; onChange: (columns: ColumnKey[]) => void }) {
  const { t } = useTranslation();
  const content = (
    <div className="column-chooser">
      <Checkbox.Group
        aria-label={t('findings.columnsChoose')}
        value={[...visible, FIXED_COLUMN]}
        onChange={(v) => onChange(COLUMN_KEYS.filter((k) => (v as string[]).includes(k)))}
        options={COLUMN_KEYS.map((k) => ({ value: k, label: t(`findings.columns.${k}`), disabled: k === FIXED_COLUMN }))}
      />
      <Button size="small" type="link" onClick={() => onChange(DEFAULT_COLUMNS)}>
        {t('findings.columnsDefault')}
      </Button>
    </div>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <Button>{t('findings.columnsChoose')}</Button>
    </Popover>
  );
}
