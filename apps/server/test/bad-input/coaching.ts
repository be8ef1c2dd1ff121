// The coaching write routes whose bad input apps/server/test/coaching-bad-input.test.ts covers ("METHOD url"
// as the route table has them). ../bad-input.test.ts checks that every write route is covered somewhere.
export const coachingBadInput: string[] = [
  'POST /api/coaching/engagements',
  'PATCH /api/coaching/engagements/:id',
  'DELETE /api/coaching/engagements/:id',
  'POST /api/coaching/engagements/:id/contacts',
  'PATCH /api/coaching/contacts/:id',
  'DELETE /api/coaching/contacts/:id',
  'POST /api/coaching/contacts/:id/next-steps/:index/task',
  'POST /api/coaching/facilitator-checks',
  'PATCH /api/coaching/facilitator-checks/:id',
  'POST /api/units/:id/coaching/capacity-transfers',
  'PATCH /api/coaching/capacity-transfers/:id',
  'DELETE /api/coaching/capacity-transfers/:id',
  'PUT /api/units/:id/coaching/settings',
  'PATCH /api/units/:id/coaching/focus-areas',
];
