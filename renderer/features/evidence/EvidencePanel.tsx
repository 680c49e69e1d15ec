// Evidence of an answer or a finding: thumbnails that open a viewer for images, a list with download for
// other files; add by the file picker, drag and drop, paste (Ctrl+V on the focused area) or the camera.
import { useState, type ClipboardEvent, type DragEvent } from 'react';
import { App as AntApp, Button, Image, Popconfirm, Space, Spin, Typography } from 'antd';
import { CameraOutlined, DeleteOutlined, DownloadOutlined, FileOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAttachments } from '../../db/queries';
import { useHost } from '../../app/contexts';
import { errorMessage } from '../../i18n';
import type { EvidenceFile } from '../../io/evidence';
import { EVIDENCE_MAX_BYTES, isImage } from '../../io/evidence';
import { CameraModal, cameraSupported } from './CameraModal';
import { useObjectUrls } from './use-object-urls';

type Props = {
  /** Names the area for screen readers and heads it. */
  label: string;
  ids: readonly string[];
  readOnly?: boolean;
  /** Stores the files and links them; resolves when done (errors are shown by the caller). */
  onAdd?: (files: EvidenceFile[]) => Promise<void>;
  onRemove?: (id: string) => Promise<void>;
};

const sizeText = (bytes: number): string => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export function EvidencePanel({ label, ids, readOnly = false, onAdd, onRemove }: Props) {
  const { t } = useTranslation();
  const host = useHost();
  const { message } = AntApp.useApp();
  const attachments = useAttachments(ids);
  const urls = useObjectUrls(attachments);
  const [busy, setBusy] = useState(false);
  const [camera, setCamera] = useState(false);
  const [dragging, setDragging] = useState(false);
  const editable = !readOnly && onAdd !== undefined;

  const add = async (files: EvidenceFile[]) => {
    if (!onAdd || files.length === 0) return;
    setBusy(true);
    try {
      await onAdd(files);
    } finally {
      setBusy(false);
    }
  };

  const pick = async () => {
    const r = await host.openFiles({ filters: [{ name: t('evidence.allFiles'), extensions: ['*'] }], multiple: true });
    if (!r.ok) {
      void message.error(errorMessage(t, r.error));
      return;
    }
    await add(r.value.map((f) => ({ name: f.name, data: new Blob([f.bytes as Uint8Array<ArrayBuffer>]) })));
  };

  const fromList = (list: FileList | null | undefined): EvidenceFile[] => Array.from(list ?? []).map((f) => ({ name: f.name || t('evidence.pasted'), data: f }));

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (editable) void add(fromList(e.dataTransfer.files));
  };
  const onPaste = (e: ClipboardEvent) => {
    if (!editable) return;
    const files = fromList(e.clipboardData.files);
    if (files.length > 0) {
      e.preventDefault();
      void add(files);
    }
  };

  const images = (attachments ?? []).filter((a) => isImage(a.mime) && urls.get(a.id));
  const others = (attachments ?? []).filter((a) => !isImage(a.mime) || !urls.get(a.id));

  const download = async (id: string) => {
    const a = attachments?.find((x) => x.id === id);
    if (!a) return;
    const r = await host.saveFile(a.name, new Uint8Array(await a.blob.arrayBuffer()), []);
    if (!r.ok) void message.error(errorMessage(t, r.error));
  };

  const remove = (id: string, name: string) =>
    onRemove && !readOnly ? (
      <Popconfirm title={t('evidence.removeConfirm')} okText={t('evidence.remove')} cancelText={t('common.cancel')} onConfirm={() => onRemove(id)}>
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('evidence.removeNamed', { name })} />
      </Popconfirm>
    ) : null;

  return (
    <section
      className={`evidence-panel${dragging ? ' is-dragging' : ''}`}
      aria-label={label}
      tabIndex={editable ? 0 : undefined}
      onPaste={onPaste}
      onDragOver={(e) => {
        if (!editable) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="evidence-head">
        <Typography.Text strong>{label}</Typography.Text>
        {editable && (
          <Space wrap>
            <Button size="small" icon={<PaperClipOutlined />} onClick={() => void pick()} disabled={busy}>
              {t('evidence.add')}
            </Button>
            {cameraSupported() && (
              <Button size="small" icon={<CameraOutlined />} onClick={() => setCamera(true)} disabled={busy}>
                {t('evidence.camera')}
              </Button>
            )}
          </Space>
        )}
      </div>
      {editable && <div className="hint">{t('evidence.dropHint', { limitMb: EVIDENCE_MAX_BYTES / 1048576 })}</div>}
      {busy && <Spin size="small" aria-label={t('evidence.storing')} />}
      {attachments !== undefined && attachments.length === 0 && ids.length === 0 && !busy && <div className="hint">{t('evidence.none')}</div>}
      {/* A ledger package sent without its evidence files lists them by hash only. */}
      {attachments !== undefined && attachments.length < new Set(ids).size && <div className="hint">{t('evidence.notSent', { count: new Set(ids).size - attachments.length })}</div>}
      {images.length > 0 && (
        <Image.PreviewGroup>
          <ul className="evidence-thumbs">
            {images.map((a) => (
              <li key={a.id} className="evidence-thumb">
                <Image
                  src={urls.get(a.id)?.thumb ?? urls.get(a.id)?.full}
                  preview={{ src: urls.get(a.id)?.full }}
                  alt={a.name}
                  width={96}
                  height={96}
                  data-testid="evidence-thumb"
                  data-width={a.width ?? ''}
                  data-height={a.height ?? ''}
                />
                <div className="evidence-thumb-foot">
                  <span className="evidence-name" title={`${a.name} · ${a.width}×${a.height} · ${sizeText(a.size)}`}>
                    {a.name}
                  </span>
                  {remove(a.id, a.name)}
                </div>
              </li>
            ))}
          </ul>
        </Image.PreviewGroup>
      )}
      {others.length > 0 && (
        <ul className="evidence-files">
          {others.map((a) => (
            <li key={a.id}>
              <FileOutlined /> <span className="evidence-name">{a.name}</span> <span className="hint">{sizeText(a.size)}</span>
              <Button size="small" type="text" icon={<DownloadOutlined />} aria-label={t('evidence.downloadNamed', { name: a.name })} onClick={() => void download(a.id)} />
              {remove(a.id, a.name)}
            </li>
          ))}
        </ul>
      )}
      {camera && (
        <CameraModal
          onClose={() => setCamera(false)}
          onCapture={(file) => {
            setCamera(false);
            void add([file]);
          }}
        />
      )}
    </section>
  );
}
