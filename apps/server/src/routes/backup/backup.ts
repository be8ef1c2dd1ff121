// Downloading a backup of the whole database from the web app (`trellis backup FILE` is the same
// file from the command line; restoring is the CLI's only: it needs an empty database).
import type { TrellisApp } from '../../app.js';
import { prepareBackupDownload } from '../../services/backup/backup.js';
import { contextOf } from '../context.js';

export function backupRoutes(app: TrellisApp) {
  const { db } = app.trellis;
  app.get('/api/admin/backup', {
    config: { access: 'database.backup' },
    schema: {
      tags: ['backup'],
      summary: 'A backup of the whole database (gzip’d JSON lines, first line the manifest), for `trellis restore` into an empty database. For administrators of the whole organization.',
    },
    handler: async (request, reply) => {
      const { fileName, bytes, stream } = await prepareBackupDownload(contextOf(db, request));
      return reply
        .header('content-type', 'application/gzip')
        .header('content-length', String(bytes))
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(stream);
    },
  });
}
