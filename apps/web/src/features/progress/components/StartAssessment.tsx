// Starting a benchmark assessment of a unit for a period with an instrument the unit may use (the
// shipped checklist or one its agency built, retired ones left out). When the unit already has one
// for that period and instrument, it offers to open it instead.
import { useState } from 'react';
import { Button, NativeSelect, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { BENCHMARK_ASSESSMENT_STATUS_LABELS, BENCHMARK_DEFAULT_INSTRUMENT, type UnitDetail } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { instrumentRef, unitInstrumentsQuery } from '../api/instrumentQueries';
import { useStartAssessment } from '../api/progressMutations';
import { assessmentsQuery, type AssessmentRecord } from '../api/progressQueries';
import { periodLabel, recentQuarters } from './labels';

export function StartAssessment({ unit, onOpen, initialInstrument }: { unit: UnitDetail; onOpen: (a: AssessmentRecord) => void; initialInstrument?: string | undefined }) {
  const instruments = useQuery(unitInstrumentsQuery(unit.id));
  const assessments = useQuery(assessmentsQuery(unit.id));
  const start = useStartAssessment();
  const announce = useAnnounce();
  const quarters = recentQuarters(8);
  const [period, setPeriod] = useState(quarters[0]!);
  const [chosen, setChosen] = useState(initialInstrument ?? instrumentRef(BENCHMARK_DEFAULT_INSTRUMENT));
  const usable = (instruments.data?.benchmark ?? [BENCHMARK_DEFAULT_INSTRUMENT]).filter((i) => !('retiredAt' in i) || !i.retiredAt);
  const instrument = usable.find((i) => instrumentRef(i) === chosen) ?? usable[0]!;
  const existing = assessments.data?.find((a) => a.period === period && a.instrumentId === instrument.id);

  const begin = () =>
    start.mutate(
      { unitId: unit.id, period, instrument: { id: instrument.id, version: instrument.version }, assessorIds: [], ratings: [] },
      {
        onSuccess: (a) => {
          announce(`Started the ${a.period} assessment of ${unit.name} with ${instrument.name}.`);
          onOpen(a);
        },
      },
    );

  return (
    <Stack gap="sm" align="flex-start">
      <NativeSelect
        label="Instrument"
        description={usable.length > 1 ? 'The shipped checklist, or one your agency built' : 'Your agency has built no instrument of its own yet'}
        data={usable.map((i) => ({ value: instrumentRef(i), label: `${i.name} (${i.version})` }))}
        value={instrumentRef(instrument)}
        onChange={(e) => setChosen(e.currentTarget.value)}
        style={{ maxWidth: '40rem', width: '100%' }}
      />
      <NativeSelect label="Period" description="Calendar quarters" data={quarters.map((q) => ({ value: q, label: periodLabel(q) }))} value={period} onChange={(e) => setPeriod(e.currentTarget.value)} />
      {existing ? (
        <Text size="sm">
          {unit.name} already has an assessment for {period} with this instrument ({BENCHMARK_ASSESSMENT_STATUS_LABELS[existing.status].toLowerCase()}).{' '}
          <AnchorLink to="/benchmark-assessments/$assessmentId" params={{ assessmentId: existing.id }}>
            Open the {period} assessment
          </AnchorLink>
        </Text>
      ) : (
        <Button onClick={begin} loading={start.isPending} disabled={assessments.isPending}>
          Start the {period} assessment
        </Button>
      )}
      <ProblemAlert error={start.error} title="Could not start the assessment" />
    </Stack>
  );
}
