// What if the cadre were smaller or larger: years to scale against cadre size, with the lower bound
// as a second line, and the same figures as a table (the chart's text alternative).
import { Stack, Table, Text } from '@mantine/core';
import type { RolloutSweepRow } from '@trellis/core';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatLoad, formatMonth, formatPercent, formatYears } from './labels';

const SCHEDULE_COLOR = '#1f6b44';
const BOUND_COLOR = '#495057';

export function WhatIfChart({ sweep, cadreSize, named }: { sweep: RolloutSweepRow[]; cadreSize: number; named: boolean }) {
  const points = sweep.flatMap((r) => ('refused' in r ? [] : [{ cadreSize: r.cadreSize, years: r.yearsToScale, bound: r.lowerBoundYears }]));
  const first = points[0];
  const last = points.at(-1);
  const description =
    first && last
      ? `With ${first.cadreSize} ${first.cadreSize === 1 ? 'facilitator' : 'facilitators'} scale takes ${formatYears(first.years)}; with ${last.cadreSize}, ${formatYears(last.years)}. The table below has every figure.`
      : 'No cadre size could be planned.';
  return (
    <Stack gap="sm">
      <figure style={{ margin: 0 }} aria-labelledby="what-if-caption">
        {points.length > 0 && (
          <div style={{ width: '100%', height: 340 }} data-testid="what-if-chart">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={points} margin={{ top: 24, right: 24, bottom: 8, left: 8 }} title="Years to scale by cadre size" desc={description}>
                <CartesianGrid stroke="#dee2e6" strokeDasharray="3 3" />
                <XAxis dataKey="cadreSize" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tickCount={points.length} label={{ value: 'Facilitators in the cadre', position: 'insideBottom', offset: -12, fill: '#343a40' }} tick={{ fill: '#343a40' }} />
                <YAxis allowDecimals domain={[0, 'auto']} label={{ value: 'Years', angle: -90, position: 'insideLeft', fill: '#343a40' }} tick={{ fill: '#343a40' }} />
                <Tooltip formatter={(value, name) => [formatYears(Number(value)), name]} labelFormatter={(v) => `${v} facilitators`} />
                <Legend verticalAlign="bottom" wrapperStyle={{ paddingTop: 28 }} />
                <ReferenceLine x={cadreSize} stroke="#862e9c" strokeDasharray="2 4" label={{ value: 'This scenario', position: 'top', fill: '#862e9c' }} />
                <Line type="monotone" dataKey="years" name="Years to scale" stroke={SCHEDULE_COLOR} strokeWidth={3} dot={{ r: 4 }} isAnimationActive={false} />
                <Line type="monotone" dataKey="bound" name="Lower bound (years)" stroke={BOUND_COLOR} strokeWidth={2} strokeDasharray="6 4" dot={{ r: 3, strokeDasharray: '' }} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        )}
        <Text component="figcaption" id="what-if-caption" size="sm" c="dimmed" mt="xs">
          Years to scale (solid line) and the lower bound no schedule can beat (dashed line) for cadres of {sweep[0]?.cadreSize ?? '?'} to{' '}
          {sweep.at(-1)?.cadreSize ?? '?'} facilitators,{' '}
          {named ? 'keeping the first of the named facilitators, or adding facilitators with the capacity most of them have' : 'each with the same capacity'}. {description}
        </Text>
      </figure>
      <Table.ScrollContainer minWidth={560} scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': 'Cadre size against years to scale (scrolls sideways)' } }}>
        <Table striped data-testid="what-if-table">
          <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600, paddingBottom: 4 }}>Cadre size against years to scale</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Facilitators</Table.Th>
              <Table.Th scope="col">Capacity a month</Table.Th>
              <Table.Th scope="col">Years to scale</Table.Th>
              <Table.Th scope="col">Scale by</Table.Th>
              <Table.Th scope="col">Lower bound</Table.Th>
              <Table.Th scope="col">Gap</Table.Th>
              <Table.Th scope="col">Peak load</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sweep.map((r) => (
              <Table.Tr key={r.cadreSize} aria-current={r.cadreSize === cadreSize ? 'true' : undefined} fw={r.cadreSize === cadreSize ? 700 : undefined}>
                <Table.Th scope="row" fw={r.cadreSize === cadreSize ? 700 : 500}>
                  {r.cadreSize}
                  {r.cadreSize === cadreSize ? ' (this scenario)' : ''}
                </Table.Th>
                {'refused' in r ? (
                  <Table.Td colSpan={6}>Cannot be planned: {r.refused}</Table.Td>
                ) : (
                  <>
                    <Table.Td>{formatLoad(r.totalCapacity)}</Table.Td>
                    <Table.Td>
                      {formatYears(r.yearsToScale)} ({r.monthsToScale} months)
                    </Table.Td>
                    <Table.Td>{formatMonth(r.scaleMonth)}</Table.Td>
                    <Table.Td>
                      {formatYears(r.lowerBoundYears)} ({r.lowerBoundMonths} months)
                    </Table.Td>
                    <Table.Td>{formatPercent(r.gapPercent)}</Table.Td>
                    <Table.Td>{formatPercent(r.peakUtilizationPercent)}</Table.Td>
                  </>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
