// The map itself: the framework as a table, arenas as rows and levels as columns, each cell with
// its count, staff FTE and cost, shaded by how much of the student population it reaches (and
// labelled in words, so colour is never the only cue). Choosing a cell lists its resources.
import { Group, List, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { interventionCellKey, interventionCellName, type InterventionFramework } from '@trellis/core';
import { plural } from '../../../lib/format';
import type { ResourceMapAnswer, ResourceRecord } from '../api/resourceQueries';
import { COVERAGE_BANDS, coverageBand, formatCost, formatFte, formatPercent, type CoverageBand } from './labels';

interface Props {
  framework: InterventionFramework;
  answer: ResourceMapAnswer;
  resources: ResourceRecord[];
  selected: string | null;
  onSelect: (cell: string | null) => void;
}

const cellStyle = { border: '1px solid var(--mantine-color-gray-4)', padding: 0, verticalAlign: 'top' } as const;
const headStyle = { border: '1px solid var(--mantine-color-gray-4)', padding: '0.5rem', textAlign: 'left', background: 'var(--mantine-color-gray-0)' } as const;

export function MapMatrix({ framework, answer, resources, selected, onSelect }: Props) {
  const tallies = new Map(answer.map.cells.map((c) => [c.cell, c]));
  const minCoverage = answer.minCoverage;
  const selectedTally = selected ? tallies.get(selected) : undefined;
  const inCell = selected ? resources.filter((r) => r.cells.includes(selected)) : [];
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
      {selected && (
        <section aria-labelledby="cell-resources-heading" data-testid="cell-resources">
          <Title order={3} id="cell-resources-heading" size="h4" mb="xs">
            {interventionCellName(framework, selected)}
          </Title>
          {inCell.length === 0 && (selectedTally?.count ?? 0) === 0 ? (
            <Text size="sm">Nothing is mapped in this cell: a gap.</Text>
          ) : (
            <>
              {inCell.length > 0 && (
                <List size="sm" spacing={4}>
                  {inCell.map((r) => (
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
              )}
              {(selectedTally?.count ?? 0) > inCell.length && (
                <Text size="sm" mt="xs">
                  {plural((selectedTally?.count ?? 0) - inCell.length, 'more resource')} {(selectedTally?.count ?? 0) - inCell.length === 1 ? 'is' : 'are'} mapped at
                  units under {answer.unitName}: open their resource maps to see them.
                </Text>
              )}
            </>
          )}
        </section>
      )}
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
