// The frame of every progress page of a unit: the breadcrumb trail, the heading, the progress
// sections as a navigation list (the current one marked), and the page's content.
import type { ReactNode } from 'react';
import { Group, Stack } from '@mantine/core';
import type { UnitDetail } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { PageHeader } from '../../../components/PageHeader';
import { UnitCrumbs } from '../../plans/components/UnitCrumbs';

export type ProgressSection = 'overview' | 'benchmarks' | 'instruments' | 'barriers' | 'readiness' | 'celebrations' | 'report';

const SECTIONS: { key: ProgressSection; label: string; to: string }[] = [
  { key: 'overview', label: 'Overview', to: '/units/$unitId/progress' },
  { key: 'benchmarks', label: 'Benchmarks', to: '/units/$unitId/progress/benchmarks' },
  { key: 'instruments', label: 'Instruments', to: '/units/$unitId/progress/instruments' },
  { key: 'barriers', label: 'Barriers', to: '/units/$unitId/progress/barriers' },
  { key: 'readiness', label: 'Readiness', to: '/units/$unitId/progress/readiness' },
  { key: 'celebrations', label: 'Celebrations', to: '/units/$unitId/progress/celebrations' },
  { key: 'report', label: 'Report', to: '/units/$unitId/progress/report' },
];

export const SECTION_LABELS: Record<ProgressSection, string> = Object.fromEntries(SECTIONS.map((s) => [s.key, s.label])) as Record<ProgressSection, string>;

export function ProgressNav({ unitId, current }: { unitId: string; current: ProgressSection | null }) {
  return (
    <nav aria-label="Progress sections">
      <Group component="ul" gap="md" wrap="wrap" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {SECTIONS.map((s) => (
          <li key={s.key}>
            <AnchorLink
              // The paths are declared in router.tsx; the cast keeps this list short.
              to={s.to as '/units/$unitId/progress'}
              params={{ unitId }}
              fw={current === s.key ? 700 : 500}
              underline={current === s.key ? 'always' : 'hover'}
              aria-current={current === s.key ? 'page' : undefined}
            >
              {s.label}
            </AnchorLink>
          </li>
        ))}
      </Group>
    </nav>
  );
}

interface Props {
  unit: UnitDetail;
  section: ProgressSection | null;
  crumb?: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  badges?: ReactNode;
  children: ReactNode;
}

export function ProgressFrame({ unit, section, crumb, title, description, actions, badges, children }: Props) {
  const extra = [{ key: 'progress', content: <AnchorLink to="/units/$unitId/progress" params={{ unitId: unit.id }} size="sm">Progress</AnchorLink> }];
  return (
    <>
      <UnitCrumbs unit={unit} extra={section === 'overview' ? [] : extra} current={crumb ?? (section ? SECTION_LABELS[section] : 'Progress')} />
      <Stack gap="lg" mt="sm">
        <div>
          <PageHeader title={title} description={description} actions={actions} badges={badges} />
          <ProgressNav unitId={unit.id} current={section} />
        </div>
        {children}
      </Stack>
    </>
  );
}
