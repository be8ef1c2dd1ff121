// The map itself: the framework as a table, arenas as rows and levels as columns, each cell with
// its count, staff FTE and cost, shaded by how much of the student population it reaches (and
// labelled in words, so colour is never the only cue). Choosing a cell lists its resources: the
// unit's own and those of every unit below it, grouped by unit.
import { Group, List, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { interventionCellKey, interventionCellName, type InterventionFramework } from '@trellis/core';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { plural } from '../../../lib/format';
import { CELL_RESOURCES_LIMIT, cellResourcesQuery, type ResourceMapAnswer, type ResourceRecord } from '../api/resourceQueries';
import { COVERAGE_BANDS, coverageBand, formatCost, formatFte, formatPercent, type CoverageBand } from './labels';

interface Props {
  unitId: string;
  framework: InterventionFramework;
  answer: ResourceMapAnswer;
  selected: string | null;
  onSelect: (cell: string | null) => void;
}

const cellStyle = { border: '1px solid var(--mantine-color-gray-4)', padding: 0, verticalAlign: 'top' } as const;
const headStyle = { border: '1px solid var(--mantine-color-gray-4)', padding: '0.5rem', textAlign: 'left', background: 'var(--mantine-color-gray-0)' } as const;

export function MapMatrix({ unitId, framework, answer, selected, onSelect }: Props) {
  const tallies = new Map(answer.map.cells.map((c) => [c.cell, c]));
  const minCoverage = answer.minCoverage;
  const selectedTally = selected ? tallies.get(selected) : undefined;
  const summed = answer.map.unitCount > 1;

  return (
    <Stack gap="md">
      <Text size="sm">
        {summed ? `Summed over ${plural(answer.map.unitCount, 'unit')} (${plural(answer.schools, 'school')}). ` : ''}
        {answer.map.population === null ? 'The number of students is unknown, so coverage cannot be worked out.' : `${answer.map.population.toLocaleString('en-US')} students.`}{' '}
        {plural(answer.map.totals.resources, 'resource')}, {formatFte(answer.map.totals.staffFte)} staff FTE, {formatCost(answer.map.totals.annualCost)} a year. A resource
        placed in several cells counts in each; its FTE and cost are split between them.
      </Text>
      <Legend minCoverage={minCoverage} />
      <div role="region" aria-labelledby="resource-matrix-caption" tabIndex={0} style={{ overflowX: 'auto' }}>
        <table style={{ borderCollapse: 'collapse', width: '100%', minWidth: '40rem' }} data-testid="resource-matrix">
          <caption id="resource-matrix-caption" style={{ textAlign: 'left', captionSide: 'top', padding: '0 0 0.5rem' }}>
            <Text span fw={600}>
              {framework.name} (version {framework.version})
            </Text>
            <Text span size="sm" c="dimmed" display="block">
              Content arenas down the side, levels of the continuum across the top. Choose a cell to list its resources.
            </Text>
          </caption>
          <thead>
            <tr>
              <th scope="col" style={headStyle}>
                Arena
              </th>
              {framework.levels.map((l) => (
                <th key={l.key} scope="col" style={headStyle}>
                  {l.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {framework.arenas.map((a) => (
              <tr key={a.key}>
                <th scope="row" style={headStyle}>
                  {a.name}
                </th>
                {framework.levels.map((l) => {
                  const key = interventionCellKey(a.key, l.key);
                  const t = tallies.get(key);
                  const count = t?.count ?? 0;
                  const band = coverageBand(count, t?.coverage ?? null, minCoverage);
                  const look = COVERAGE_BANDS[band];
                  const isSelected = selected === key;
                  return (
                    <td key={key} style={{ ...cellStyle, background: look.background }}>
                      <UnstyledButton
                        onClick={() => onSelect(isSelected ? null : key)}
                        aria-pressed={isSelected}
                        aria-label={`${a.shortName}, ${l.shortName}: ${plural(count, 'resource')}, ${formatFte(t?.staffFte ?? 0)} FTE, ${formatCost(t?.annualCost ?? 0)}, ${look.label}${t?.coverage != null ? ` (${formatPercent(t.coverage)} of students)` : ''}`}
                        data-cell={key}
                        style={{
                          display: 'block',
                          width: '100%',
                          height: '100%',
                          padding: '0.5rem',
                          outline: isSelected ? `3px solid ${look.border}` : undefined,
                          outlineOffset: '-3px',
                        }}
                      >
                        <Text size="sm" fw={700}>
                          {plural(count, 'resource')}
                        </Text>
                        <Text size="sm">{formatFte(t?.staffFte ?? 0)} FTE</Text>
                        <Text size="sm">{formatCost(t?.annualCost ?? 0)}</Text>
                        <Text size="xs" fw={600} mt={4} style={{ borderLeft: `4px solid ${look.border}`, paddingLeft: 4 }}>
                          {look.label}
                          {t?.coverage != null && count > 0 ? ` · ${formatPercent(t.coverage)}` : ''}
                        </Text>
                      </UnstyledButton>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected && <CellResources key={selected} unitId={unitId} unitName={answer.unitName} framework={framework} cell={selected} count={selectedTally?.count ?? 0} />}
    </Stack>
  );
}

function Legend({ minCoverage }: { minCoverage: number }) {
  const bands: CoverageBand[] = ['empty', 'low', 'some', 'broad', 'unknown'];
  return (
    <div>
      <Text size="sm" fw={600} id="coverage-legend">
        Coverage: the students the cell’s resources serve, out of all the students
      </Text>
      <Group gap="md" mt={4} component="ul" aria-labelledby="coverage-legend" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {bands.map((b) => (
          <Group key={b} gap={6} component="li" wrap="nowrap">
            <span aria-hidden style={{ display: 'inline-block', width: 18, height: 18, background: COVERAGE_BANDS[b].background, borderLeft: `4px solid ${COVERAGE_BANDS[b].border}`, border: `1px solid ${COVERAGE_BANDS[b].border}` }} />
            <Text size="sm">
              <strong>{COVERAGE_BANDS[b].label}</strong>: {COVERAGE_BANDS[b].describe(minCoverage)}
            </Text>
          </Group>
        ))}
      </Group>
    </div>
  );
}

/**
 * The resources in one cell at the unit and every unit below it (a district's lists its schools'),
 * grouped by the unit that maps them: the unit itself first, then the others by name.
 */
function CellResources({ unitId, unitName, framework, cell, count }: { unitId: string; unitName: string; framework: InterventionFramework; cell: string; count: number }) {
  const listed = useQuery(cellResourcesQuery(unitId, cell));
  const groups = new Map<string, { unitId: string; unitName: string; resources: ResourceRecord[] }>();
  for (const r of listed.data ?? []) {
    const g = groups.get(r.unitId) ?? { unitId: r.unitId, unitName: r.unitName, resources: [] };
    g.resources.push(r);
    groups.set(r.unitId, g);
  }
  const ordered = [...groups.values()].sort((a, b) => (a.unitId === unitId ? -1 : b.unitId === unitId ? 1 : a.unitName.localeCompare(b.unitName)));
  const total = listed.data?.length ?? 0;

  return (
    <section aria-labelledby="cell-resources-heading" data-testid="cell-resources" aria-busy={listed.isPending}>
      <Title order={3} id="cell-resources-heading" size="h4" mb="xs">
        {interventionCellName(framework, cell)}
      </Title>
      {listed.isPending ? (
        <Loading label="Loading the cell’s resources…" />
      ) : listed.isError ? (
        <ProblemAlert error={listed.error} title="Could not list the cell’s resources" />
      ) : total === 0 ? (
        <Text size="sm">Nothing is mapped in this cell{count > 0 ? ' any more' : ''}: a gap.</Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            {plural(total, 'resource')} at {groups.size === 1 ? ordered[0]!.unitName : `${plural(groups.size, 'unit')}: ${unitName} and the units below it`}.
            {total >= CELL_RESOURCES_LIMIT ? ` Only the first ${CELL_RESOURCES_LIMIT.toLocaleString('en-US')} are listed; open the resource maps of the units below to see the rest.` : ''}
          </Text>
          {ordered.map((g) => (
            <div key={g.unitId} data-testid="cell-unit" data-unit-id={g.unitId}>
              <Title order={4} size="h5" mb={4} id={`cell-unit-${g.unitId}`}>
                {g.unitName} ({g.resources.length})
              </Title>
              <List size="sm" spacing={4} aria-labelledby={`cell-unit-${g.unitId}`}>
                {g.resources.map((r) => (
                  <List.Item key={r.id}>
                    <Text span fw={600} size="sm">
                      {r.name}
                    </Text>{' '}
                    — {r.populationServed === null ? 'students served unknown' : `${r.populationServed.toLocaleString('en-US')} students`}, {formatFte(r.staffFte)} FTE,{' '}
                    {formatCost(r.annualCost)} a year{r.coordinated ? ', coordinated' : ', not coordinated'}
                    {r.cells.length > 1 ? ` (also in ${plural(r.cells.length - 1, 'other cell')})` : ''}
                  </List.Item>
                ))}
              </List>
            </div>
          ))}
        </Stack>
      )}
    </section>
  );
}
