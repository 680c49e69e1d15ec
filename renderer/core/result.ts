// The one way fallible operations report failure across layers (core, repositories, IPC).
export type Ok<T> = { ok: true; value: T };
export type Err<E> = { ok: false; error: E };
export type Result<T, E = AppError> = Ok<T> | Err<E>;

/**
 * A failure a user can act on. `code` selects the translated message (i18n key `errors.<code>`);
 * `params` fill its placeholders; `detail` carries the technical cause for logs and "details" panes.
 */
export type AppError = {
  code: string;
  params?: Record<string, string | number>;
  detail?: string;
};

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });
export const appError = (code: string, params?: Record<string, string | number>, detail?: string): AppError => ({
  code,
  ...(params ? { params } : {}),
  ...(detail !== undefined ? { detail } : {}),
});
