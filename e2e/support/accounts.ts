// The demo accounts the server loads on first start (apps/server/src/seed/demo.ts).
export const DEMO_PASSWORD = 'trellis-demo';

export const ACCOUNTS = {
  stateAdmin: { email: 'state.admin@demo.trellis.test', name: 'Dana Whitfield' },
  districtLeader: { email: 'district.leader@demo.trellis.test', name: 'Marcus Bell' },
  schoolMember: { email: 'school.member@demo.trellis.test', name: 'Sofia Ramirez' },
} as const;

export type Account = keyof typeof ACCOUNTS;
