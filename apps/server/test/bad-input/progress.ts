// The progress write routes whose bad input apps/server/test/progress-bad-input.test.ts covers ("METHOD url"
// as the route table has them). ../bad-input.test.ts checks that every write route is covered somewhere.
export const progressBadInput: string[] = [
  'POST /api/progress-instruments',
  'POST /api/progress-instruments/retirements',
  'POST /api/benchmark-assessments',
  'PATCH /api/benchmark-assessments/:id',
  'POST /api/benchmark-assessments/:id/submit',
  'POST /api/readiness-surveys',
  'POST /api/readiness-surveys/:id/close',
  'POST /api/surveys/:token/responses',
  'POST /api/barriers',
  'PATCH /api/barriers/:id',
  'POST /api/barriers/:id/status',
  'POST /api/celebrations',
  'POST /api/celebrations/dismissals',
  'PATCH /api/celebrations/:id',
];
