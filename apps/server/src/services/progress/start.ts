// Starting a benchmark assessment with an instrument that is in use: a retired agency instrument is
// refused for new assessments, while those already started with it carry on (docs/decisions/0021).
import { authorize, invalid, notFound, type BenchmarkAssessmentCreate } from '@trellis/core';
import { findUnit } from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { createAssessment } from './benchmarks.js';
import { instrumentRetired } from './instruments.js';

export async function startAssessment(ctx: ServiceContext, body: BenchmarkAssessmentCreate) {
  if (await instrumentRetired(ctx.db, body.instrument)) {
    // Someone who may not record at the unit learns nothing about its instruments.
    const unit = await findUnit(ctx.db, body.unitId);
    if (!unit) throw notFound('The unit');
    authorize(ctx.caller, 'progress.record', unit.path);
    throw invalid(`${body.instrument.id} ${body.instrument.version} was retired; start the assessment with an instrument in use.`, [{ field: 'instrument', message: 'is retired' }]);
  }
  return createAssessment(ctx, body);
}
