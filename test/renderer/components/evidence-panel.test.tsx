// The evidence list of a finding imported from a package sent without its files: the files that are
// only listed are said to be missing, instead of the panel claiming there is no evidence.
import { render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createDb } from '../../../renderer/db/db';
import { openDb } from '../../../renderer/db/open';
import { DbProvider } from '../../../renderer/db/queries';
import { HostContext } from '../../../renderer/app/contexts';
import { EvidencePanel } from '../../../renderer/features/evidence/EvidencePanel';
import { fakeHost } from '../fake-host';
import { initI18n } from '../../../renderer/i18n';

describe('EvidencePanel', () => {
  it('says how many listed files were not sent with the ledger', async () => {
    await initI18n('zh-CN');
    const db = createDb({ name: 'evidence-panel', indexedDB: new IDBFactory(), IDBKeyRange });
    expect((await openDb(db, { onBlocked: () => undefined, onVersionChange: () => undefined })).ok).toBe(true);
    render(
      <HostContext.Provider value={fakeHost([])}>
        <DbProvider db={db}>
          <AntApp>
            <EvidencePanel label="整改佐证" ids={['b'.repeat(64), 'c'.repeat(64), 'b'.repeat(64)]} readOnly />
          </AntApp>
        </DbProvider>
      </HostContext.Provider>,
    );
    expect(await screen.findByText(/另有 2 个佐证文件未随台账报送/)).toBeTruthy();
    expect(screen.queryByText('还没有文件')).toBeNull();
    db.close();
  });
});
