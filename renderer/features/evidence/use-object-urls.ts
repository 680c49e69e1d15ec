import { useEffect, useMemo } from 'react';
import type { Attachment } from '../../db/types';

export type AttachmentUrls = { full: string; thumb: string | null };

/** Object URLs for the attachments' blobs, revoked when the list changes or the view goes away. */
export function useObjectUrls(attachments: readonly Attachment[] | undefined): Map<string, AttachmentUrls> {
  const urls = useMemo(
    () => new Map((attachments ?? []).map((a) => [a.id, { full: URL.createObjectURL(a.blob), thumb: a.thumbnail ? URL.createObjectURL(a.thumbnail) : null }])),
    [attachments],
  );
  useEffect(
    () => () => {
      for (const u of urls.values()) {
        URL.revokeObjectURL(u.full);
        if (u.thumb) URL.revokeObjectURL(u.thumb);
      }
    },
    [urls],
  );
  return urls;
}
