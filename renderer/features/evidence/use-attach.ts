// Attaching files to a finding or an answer: prepare (outside any transaction), then store in one,
// and tell the user about every file that could not be taken.
import { useCallback } from 'react';
import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDb, type XbDb } from '../../db/queries';
import { attachToAnswer, attachToFinding, type EvidenceInput } from '../../db/repos/attachments';
import { errorMessage } from '../../i18n';
import type { EvidenceFile } from '../../io/evidence';
import type { AppError, Result } from '../../core/result';
import { prepareFiles } from './prepare';

type Store = (db: XbDb, inputs: EvidenceInput[]) => Promise<Result<unknown, AppError>>;

function useAttachWith(store: Store) {
  const db = useDb();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  return useCallback(
    async (files: EvidenceFile[]) => {
      const { inputs, errors } = await prepareFiles(db, files);
      for (const e of errors) void message.error(errorMessage(t, e));
      if (inputs.length === 0) return;
      const r = await store(db, inputs);
      if (r.ok) void message.success(t('evidence.added', { count: inputs.length }));
      else void message.error(errorMessage(t, r.error));
    },
    [db, store, t, message],
  );
}

export function useAttachToFinding(findingId: string) {
  return useAttachWith(useCallback((db, inputs) => attachToFinding(db, findingId, inputs), [findingId]));
}

export function useAttachToAnswer(inspectionId: string, itemCode: string) {
  return useAttachWith(useCallback((db, inputs) => attachToAnswer(db, inspectionId, itemCode, inputs), [inspectionId, itemCode]));
}
