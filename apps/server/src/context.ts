// What a service needs to act for a request: the database, who is asking, and the request id
// that ties log lines and audit events together.
import type { Caller } from '@trellis/core';
import type { Db } from '@trellis/db';

export interface ServiceContext {
  db: Db;
  caller: Caller;
  requestId: string;
  /** The client's address (for limits on password attempts). */
  ip?: string;
}
