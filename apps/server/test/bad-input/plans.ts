// The plans write routes whose bad input apps/server/test/plans-bad-input.test.ts covers ("METHOD url"
// as the route table has them). ../bad-input.test.ts checks that every write route is covered somewhere.
export const planBadInput: string[] = [];
