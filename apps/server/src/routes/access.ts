// What each route declares about access, read by the session hook and by the access-control
// matrix test. `public`: anyone; `signed-in`: any session, results scoped to the caller's grants;
// an action: the action the route's service checks against the unit it touches.
import type { Action } from '@trellis/core';

export type RouteAccess = 'public' | 'signed-in' | Action;
