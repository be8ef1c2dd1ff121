// Shared shapes of the access-control matrix (../access-matrix.test.ts). A module may keep its
// routes' entries in a file of its own under ../matrix/ and the matrix spreads them into ROUTES.
import { ROLES, type Role, type Unit } from '@trellis/core';
import type { Agent, RequestOptions } from './agent.js';
import type { Api } from './api.js';
import type { TestPerson } from './factories.js';

export type Place = 'inside' | 'outside';
export type CallerName = 'no session' | Role | 'system admin';
export const CALLERS: CallerName[] = ['no session', ...ROLES, 'system admin'];
export const PLACES: Place[] = ['inside', 'outside'];

/** The units and people of one district: the caller's own (inside) or the other one (outside). */
export interface PlaceFixtures {
  district: Unit;
  feederPattern: Unit;
  otherFeederPattern: Unit;
  school: Unit;
  person: TestPerson;
}

export interface MatrixContext {
  api: Api;
  at: PlaceFixtures;
  caller: { name: CallerName; agent: Agent; person: TestPerson | null };
  /** Someone to sign in as, for the sign-in route. */
  signInTarget: TestPerson;
}

export interface BuiltRequest extends Omit<RequestOptions, 'csrf'> {
  /** Path of the unit where the route's action is decided; the district's by default. */
  decidedAt?: string;
  /** Send it as someone else (e.g. a throwaway session of the same person, to sign out). */
  agent?: Agent;
  /** Further checks of a 2xx answer: `visible` says whether the caller may read the target. */
  check?: (body: unknown, visible: boolean) => void;
  /** Waits for work the request started in the background, so that it cannot write during a later case. */
  settle?: (body: unknown) => Promise<void>;
}

export const unique = (label: string) => `${label} ${Math.random().toString(36).slice(2, 10)}`;
export const ids = (body: unknown) => (body as { id: string }[]).map((u) => u.id);


/** Entries of the matrix: how to build a valid request against a place, keyed "METHOD url". */
export type MatrixEntries = Record<string, (x: MatrixContext) => Promise<BuiltRequest>>;
