// Types for mime.mjs.
export declare const MIME_TYPES: Readonly<Record<string, string>>;
