// The analysis in plain words, grouped by kind: gaps, redundancies, fragmentation, funding and
// economies of scale. Each finding can become a recommendation, and a gap a ranked priority need.
import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { RESOURCE_FINDING_LABELS } from '@trellis/core';
import { plural } from '../../../lib/format';
import type { Finding } from '../api/resourceQueries';
import { FINDING_GROUPS } from './labels';

const SHOWN = 8;

/** The findings a priority need can be ranked from: the gaps, where something is missing. */
const NEED_CODES = new Set(['no_resources_mapped', 'gap_empty', 'gap_low_coverage']);

interface Actions {
  mayRecommend: boolean;
  onRecommend: (f: Finding) => void;
  /** Ranks a priority need from a gap. */
  onPrioritize: (f: Finding) => void;
}

export function Findings({ findings, mayRecommend, onRecommend, onPrioritize }: { findings: Finding[] } & Actions) {
  if (findings.length === 0) return <Text size="sm">The analysis found nothing to act on.</Text>;
  return (
    <Stack gap="lg">
      {FINDING_GROUPS.map((g) => (
        <FindingGroup key={g.key} id={`findings-${g.key}`} title={g.title} findings={findings.filter((f) => g.codes.includes(f.code))} mayRecommend={mayRecommend} onRecommend={onRecommend} onPrioritize={onPrioritize} />
      ))}
    </Stack>
  );
}

function FindingGroup({ id, title, findings, mayRecommend, onRecommend, onPrioritize }: { id: string; title: string; findings: Finding[] } & Actions) {
  const [all, setAll] = useState(false);
  const shown = all ? findings : findings.slice(0, SHOWN);
  return (
    <section aria-labelledby={id} data-testid={id}>
      <Title order={3} size="h4" id={id} mb="xs">
        {title} ({findings.length})
      </Title>
      {findings.length === 0 ? (
        <Text size="sm" c="dimmed">
          None found.
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {shown.map((f) => (
            <Paper key={f.key} component="li" withBorder p="sm" radius="sm" data-testid="finding" data-code={f.code}>
              <Group justify="space-between" align="flex-start" gap="sm">
                <Stack gap={4} style={{ flex: '1 1 20rem', minWidth: 0 }}>
                  <Badge variant="outline" color="gray.7" style={{ alignSelf: 'flex-start' }}>
                    {RESOURCE_FINDING_LABELS[f.code]}
                  </Badge>
                  <Text size="sm">{f.explanation}</Text>
                </Stack>
                {mayRecommend && (
                  <Group gap="xs">
                    {NEED_CODES.has(f.code) && (
                      <Button size="xs" variant="default" onClick={() => onPrioritize(f)} aria-label={`Rank as a need… from: ${RESOURCE_FINDING_LABELS[f.code]} — ${f.explanation.slice(0, 80)}`}>
                        Rank as a need…
                      </Button>
                    )}
                    <Button size="xs" variant="default" onClick={() => onRecommend(f)} aria-label={`Recommend… on: ${RESOURCE_FINDING_LABELS[f.code]} — ${f.explanation.slice(0, 80)}`}>
                      Recommend…
                    </Button>
                  </Group>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {findings.length > SHOWN && (
        <Button variant="subtle" size="xs" mt="xs" onClick={() => setAll((a) => !a)} aria-expanded={all}>
          {all ? `Show the first ${SHOWN}` : `Show all ${plural(findings.length, 'finding')}`}
        </Button>
      )}
    </section>
  );
}
