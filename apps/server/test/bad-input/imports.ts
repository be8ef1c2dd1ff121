// The imports write routes whose bad input apps/server/test/imports-bad-input.test.ts covers ("METHOD url"
// as the route table has them). ../bad-input.test.ts checks that every write route is covered somewhere.
export const ccdImportBadInput: string[] = [
  'POST /api/imports/ccd/preview',
  'POST /api/imports/ccd/feeders/preview',
  'POST /api/imports/ccd/feeders/suggest',
  'PUT /api/imports/ccd/runs/:id/feeders',
  'POST /api/imports/ccd/runs/:id/apply',
  'POST /api/imports/ccd/runs/:id/discard',
];

// Covered by imports-oneroster.test.ts and imports-edfi.test.ts.
export const rosterImportBadInput: string[] = [
  'POST /api/imports/oneroster/preview',
  'PUT /api/imports/oneroster/runs/:id/roles',
  'POST /api/imports/oneroster/runs/:id/apply',
  'POST /api/imports/edfi/preview',
  'POST /api/imports/edfi/runs/:id/apply',
];

export const importBadInput: string[] = [...ccdImportBadInput, ...rosterImportBadInput];
