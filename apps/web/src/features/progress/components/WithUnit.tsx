// Loads the unit a progress page is about and shows the loading and error states every page shares.
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { UnitDetail } from '@trellis/core';
import { Loading } from '../../../components/Loading';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isProblem } from '../../../lib/problem';
import { mayAt } from '../../../lib/access';
import { useSession } from '../../../lib/session';
import { planUnitQuery } from '../../plans/api/planQueries';

export interface UnitAccess {
  unit: UnitDetail;
  /** Members record: rate benchmarks, log and work barriers. */
  mayRecord: boolean;
  /** Leaders manage: send surveys, confirm celebrations. */
  mayManage: boolean;
}

export function WithUnit({ unitId, children }: { unitId: string; children: (access: UnitAccess) => ReactNode }) {
  const session = useSession();
  const unit = useQuery(planUnitQuery(unitId));
  if (unit.isPending) return <Loading label="Loading the unit…" />;
  if (unit.isError) return isProblem(unit.error, 404) ? <NotFoundMessage what="unit" /> : <ProblemAlert error={unit.error} title="Could not load the unit" />;
  const u = unit.data;
  const path = [...u.ancestors.map((a) => a.id), u.id];
  return <>{children({ unit: u, mayRecord: !u.archived && mayAt(session, path, 'member'), mayManage: !u.archived && mayAt(session, path, 'leader') })}</>;
}
