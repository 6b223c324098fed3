/** Stable error codes shared by the HTTP API and the socket protocol. Clients switch on these, never on messages. */
export const ErrorCode = {
  INVALID_PAYLOAD: 'INVALID_PAYLOAD',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'RATE_LIMITED',
  CONFLICT: 'CONFLICT',
  PROTOCOL_MISMATCH: 'PROTOCOL_MISMATCH',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The body of every failed HTTP response and every failed socket acknowledgement. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level detail for INVALID_PAYLOAD: path → message. */
  issues?: { path: string; message: string }[];
}
