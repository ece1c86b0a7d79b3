// Coded errors of the use cases. Each carries a message key and its parameters, so every
// surface (CLI, Slack, Teams) shows the same translated sentence; logs get the code and details.

export type AppErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'ambiguous'
  | 'conflict'
  | 'forbidden'
  | 'store_unavailable';

export interface Suggestion {
  id: string;
  label: string;
  /** What distinguishes homonyms: the account of a contact, the e-mail of a member. */
  detail?: string;
}

export interface FieldError {
  /** Input field that is wrong, as named in the use case's input schema. */
  field: string;
  messageKey: string;
  params?: Record<string, unknown>;
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly messageKey: string,
    readonly params: Record<string, unknown> = {},
    readonly extra: { suggestions?: Suggestion[]; fieldErrors?: FieldError[]; cause?: unknown } = {},
  ) {
    super(`${code}: ${messageKey} ${JSON.stringify(params)}`, { cause: extra.cause });
    this.name = 'AppError';
  }

  get suggestions(): Suggestion[] {
    return this.extra.suggestions ?? [];
  }

  get fieldErrors(): FieldError[] {
    return this.extra.fieldErrors ?? [];
  }
}

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'CONNECTION_ENDED', 'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/** Whether an error means the store cannot be reached, as opposed to a bad query or input. */
export function isStoreUnavailable(error: unknown): boolean {
  for (let current = error as { code?: string; cause?: unknown } | undefined, depth = 0; current && depth < 5; depth++) {
    if (current.code && CONNECTION_ERROR_CODES.has(current.code)) return true;
    current = current.cause as typeof current;
  }
  return false;
}
