// The plans write routes whose bad input apps/server/test/plans-bad-input.test.ts covers ("METHOD url"
// as the route table has them). ../bad-input.test.ts checks that every write route is covered somewhere.
export const planBadInput: string[] = [
  'POST /api/plans',
  'PATCH /api/plans/:id',
  'DELETE /api/plans/:id',
  'POST /api/plans/:id/submit',
  'POST /api/plans/:id/withdraw',
  'POST /api/plans/:id/request-revision',
  'POST /api/plans/:id/approve',
  'POST /api/plans/:id/new-version',
  'POST /api/plans/:id/tasks',
  'PATCH /api/plan-tasks/:id',
  'DELETE /api/plan-tasks/:id',
  'POST /api/me/calendar-feed',
  'POST /api/design-documents',
  'PUT /api/design-documents/:id',
  'POST /api/plan-recommendations',
  'POST /api/plan-recommendations/:id/decision',
  'PUT /api/plan-recommendations/:id/tasks',
];
