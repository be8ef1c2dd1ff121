// Reading the mail outbox: a system administrator reads all of it (with no SMTP configured, that is
// where mail waits); anyone else reads only the messages addressed to them.
import { listOutboxMessages } from '@trellis/db';
import type { ServiceContext } from '../../context.js';

export async function listOutbox(ctx: ServiceContext, opts: { limit: number; smtpConfigured: boolean }) {
  const messages = await listOutboxMessages(ctx.db, { limit: opts.limit, ...(ctx.caller.isSystemAdmin ? {} : { toPersonId: ctx.caller.personId }) });
  return { smtpConfigured: opts.smtpConfigured, messages };
}
