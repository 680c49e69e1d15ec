// A new password and its confirmation, as two Form.Items named `password` and `confirm`: used wherever a
// file is sealed with a password (ledger packages, backups). The hint says the password cannot be
// recovered and must travel apart from the file.
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

export const MIN_PASSWORD_LENGTH = 8;

export function NewPasswordFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="password"
        label={t('password.password')}
        extra={t('password.hint')}
        rules={[
          { required: true, message: t('password.required') },
          { min: MIN_PASSWORD_LENGTH, message: t('password.short', { min: MIN_PASSWORD_LENGTH }) },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value) => (value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
