// Taking a photo with the laptop's camera (getUserMedia): a live preview, one button to capture. The
// stream is stopped as soon as the dialog closes, so the camera light goes off.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { EvidenceFile } from '../../io/evidence';

export const cameraSupported = (): boolean => typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';

export function CameraModal({ onCapture, onClose }: { onCapture: (file: EvidenceFile) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let opened: MediaStream | null = null;
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false })
      .then((s) => {
        if (cancelled) {
          s.getTracks().forEach((track) => track.stop());
          return;
        }
        opened = s;
        setStream(s);
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play().catch(() => undefined);
        }
      })
      .catch((e: unknown) => {
        const name = e instanceof DOMException ? e.name : '';
        setProblem(name === 'NotAllowedError' || name === 'SecurityError' ? 'errors.evidence.cameraDenied' : 'errors.evidence.cameraUnavailable');
      });
    return () => {
      cancelled = true;
      opened?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  const capture = () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob(
      (blob) => {
        if (blob) onCapture({ name: `${t('evidence.photoName')}-${dayjs().format('YYYYMMDD-HHmmss')}.jpg`, data: blob });
      },
      'image/jpeg',
      0.9,
    );
  };

  return (
    <Modal
      open
      title={t('evidence.camera')}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>
          {t('common.close')}
        </Button>,
        <Button key="take" type="primary" disabled={!stream} onClick={capture}>
          {t('evidence.takePhoto')}
        </Button>,
      ]}
    >
      {problem ? (
        <Alert type="warning" showIcon title={t(problem)} />
      ) : (
        <video ref={video} className="camera-preview" aria-label={t('evidence.cameraPreview')} playsInline muted />
      )}
    </Modal>
  );
}
