// "Download these units as CSV or Excel": the two links every list offers, to the list's export
// route with its filters. The sentence gives each link its purpose (WCAG 2.4.4, link in context).
import { Anchor, Text } from '@mantine/core';
import { withQuery } from '../../../lib/api';

export type ExportParams = Record<string, string | number | undefined | null>;

/** The export route with its filters and a format. */
export const exportUrl = (path: string, params: ExportParams, format: 'csv' | 'xlsx') => withQuery(path, { ...params, format });

interface DownloadLinksProps {
  /** The export route, e.g. /api/people/export. */
  path: string;
  /** The list's filters, as the list route takes them. */
  params?: ExportParams;
  /** What is downloaded, e.g. "these people" — finishes "Download … as CSV or Excel". */
  what: string;
  testId?: string;
}

export function DownloadLinks({ path, params = {}, what, testId }: DownloadLinksProps) {
  return (
    <Text size="sm" mt="xs" data-testid={testId}>
      Download {what} as{' '}
      <Anchor href={exportUrl(path, params, 'csv')} download data-testid={testId ? `${testId}-csv` : undefined}>
        CSV
      </Anchor>{' '}
      or{' '}
      <Anchor href={exportUrl(path, params, 'xlsx')} download data-testid={testId ? `${testId}-xlsx` : undefined}>
        Excel (.xlsx)
      </Anchor>
      .
    </Text>
  );
}
