// The fields of an organisation unit, shared by first-start set-up and the unit editor.
import type { ReactNode } from 'react';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ORG_LEVELS } from '../../core/org/model';
import { orgFieldRules } from './org-field-rules';

/** `parent` replaces the default free-text parent-code field (the editor offers a list of known units). */
export function OrgUnitFields({ codeLocked = false, autoFocus = false, parent }: { codeLocked?: boolean; autoFocus?: boolean; parent?: ReactNode }) {
  const { t } = useTranslation();
  const rules = orgFieldRules(t);
  return (
    <>
      <Form.Item name="code" label={t('org.code')} rules={rules.code}>
        <Input autoFocus={autoFocus} maxLength={32} disabled={codeLocked} />
      </Form.Item>
      <Form.Item name="name" label={t('org.name')} rules={rules.name}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="level" label={t('org.level')} rules={[{ required: true, message: t('common.required') }]}>
        <Select aria-label={t('org.level')} options={ORG_LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))} />
      </Form.Item>
      {parent ?? (
        <Form.Item name="parentCode" label={t('org.parentCode')} rules={rules.parentCode}>
          <Input maxLength={32} />
        </Form.Item>
      )}
    </>
  );
}
