import { z } from 'zod';
import type { TrellisApp } from '../app.js';

export function healthRoutes(app: TrellisApp) {
  app.get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: 'Is the server up?', response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });
}
