// Bulk entry: choose a CSV or XLSX file, see what importing it would do (and every row that cannot
// be used, with its reason) before anything is written, then import all of it; or export the map.
import { useRef, useState } from 'react';
import { Alert, Anchor, Button, Group, List, Stack, Table, Text } from '@mantine/core';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { plural } from '../../../lib/format';
import { isProblem } from '../../../lib/problem';
import { useImport, usePreviewImport } from '../api/resourceMutations';
import { exportUrl, type ImportPreview } from '../api/resourceQueries';

export function ImportPanel({ unitId, unitName, mayManage }: { unitId: string; unitName: string; mayManage: boolean }) {
  const [file, setFile] = useState<File | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const preview = usePreviewImport(unitId);
  const doImport = useImport(unitId);
  const announce = useAnnounce();

  const choose = (f: File | null) => {
    setFile(f);
    doImport.reset();
    preview.reset();
    if (f) preview.mutate(f);
  };

  const run = () => {
    if (!file) return;
    doImport.mutate(file, {
      onSuccess: (done) => {
        announce(`Imported ${plural(done.creates + done.updates, 'resource')} into ${unitName}.`);
        preview.reset();
        setFile(null);
        if (input.current) input.current.value = '';
      },
    });
  };

  return (
    <Stack gap="md">
      <Group gap="md">
        <Text size="sm">Export the resources mapped at {unitName} itself, in the layout the import reads:</Text>
        <Anchor href={exportUrl(unitId, 'csv')} download size="sm">
          Export CSV
        </Anchor>
        <Anchor href={exportUrl(unitId, 'xlsx')} download size="sm">
          Export XLSX
        </Anchor>
      </Group>
      {mayManage && (
        <Stack gap="sm">
          <div>
            <label htmlFor="resource-import-file" style={{ fontSize: 'var(--mantine-font-size-sm)', fontWeight: 500, display: 'block' }}>
              Import a CSV or XLSX file
            </label>
            <Text size="xs" id="resource-import-help" mb={4}>
              One resource a row. Nothing is written until you have seen what the file would do; a row that matches a resource by name updates it.
            </Text>
            <input id="resource-import-file" ref={input} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="resource-import-help" onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)} />
          </div>
          {preview.isPending && <Text size="sm">Reading {file?.name}…</Text>}
          <ProblemAlert error={preview.error} title="Could not read the file" />
          {preview.data && file && <PreviewResult preview={preview.data} fileName={file.name} pending={doImport.isPending} onImport={run} />}
          <ProblemAlert error={doImport.error} title="Nothing was imported" />
          {isProblem(doImport.error) && doImport.error.errors.length > 0 && (
            <List size="sm" data-testid="import-errors">
              {doImport.error.errors.map((e, i) => (
                <List.Item key={i}>
                  {e.field}: {e.message}
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      )}
    </Stack>
  );
}

function PreviewResult({ preview, fileName, pending, onImport }: { preview: ImportPreview; fileName: string; pending: boolean; onImport: () => void }) {
  const writes = preview.creates + preview.updates;
  return (
    <Stack gap="sm" data-testid="import-preview">
      <Text size="sm" fw={600}>
        {fileName}: {plural(preview.rows, 'row')} — {preview.creates} new, {preview.updates} to update, {preview.unchanged} unchanged.
      </Text>
      {preview.ok ? (
        <Group>
          <Button onClick={onImport} loading={pending} disabled={writes === 0}>
            {writes === 0 ? 'Nothing to import' : `Import ${plural(writes, 'resource')}`}
          </Button>
        </Group>
      ) : (
        <>
          <Alert color="red" variant="light" title={`${plural(preview.problems.length, 'problem')}: nothing will be imported`}>
            <Text size="sm">Fix these rows in the file and choose it again. The whole file is imported or none of it.</Text>
          </Alert>
          <Table.ScrollContainer minWidth={480}>
            <Table verticalSpacing={4} data-testid="import-problems">
              <caption style={{ textAlign: 'left', captionSide: 'top' }}>Rows that cannot be imported</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Row</Table.Th>
                  <Table.Th scope="col">Column</Table.Th>
                  <Table.Th scope="col">Problem</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.problems.map((p, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{p.row}</Table.Td>
                    <Table.Td>{p.column}</Table.Td>
                    <Table.Td>{p.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      {preview.warnings.length > 0 && (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            Worth a look (these do not stop the import)
          </Text>
          {preview.warnings.map((w, i) => (
            <Text key={i} size="sm">
              Row {w.row}, {w.column}: {w.message}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
