// Lower bounds on time to scale, in working months. The plain bound divides the work by the cadre's
// capacity; it ignores that capacity is bound to go unused while the first sites are still in their
// light readiness phase and while the last ones finish at reduced load. The ramp bound adds the least
// capacity any schedule must leave idle in the first and the last months, each found by a small
// linear program (sites may start in fractions and facilitators pool their capacity: a relaxation,
// so the bound stays a bound).

/**
 * max c·x subject to A x ≤ b, x ≥ 0, with b ≥ 0: the dense simplex method. Dantzig's rule (the most
 * negative reduced cost) is fast; after a run of degenerate pivots it falls back to Bland's rule,
 * which cannot cycle.
 */
export function rolloutMaximizeLp(A: Float64Array[], b: readonly number[], c: readonly number[]): number {
  const m = A.length;
  const n = c.length;
  const width = n + m + 1;
  const rhs = width - 1;
  const rows = A.map((row, i) => {
    const t = new Float64Array(width);
    t.set(row.subarray(0, n));
    t[n + i] = 1;
    t[rhs] = b[i]!;
    return t;
  });
  const z = new Float64Array(width);
  for (let j = 0; j < n; j++) z[j] = -c[j]!;
  const basis = Int32Array.from({ length: m }, (_, i) => n + i);
  const eps = 1e-9;
  let degenerate = 0;
  for (let iteration = 0; iteration < 50_000; iteration++) {
    const bland = degenerate > 50;
    let enter = -1;
    let most = -eps;
    for (let j = 0; j < n + m; j++) {
      if (z[j]! < most) {
        enter = j;
        if (bland) break;
        most = z[j]!;
      }
    }
    if (enter < 0) return z[rhs]!;
    let leave = -1;
    let best = Infinity;
    for (let i = 0; i < m; i++) {
      const a = rows[i]![enter]!;
      if (a <= eps) continue;
      const ratio = rows[i]![rhs]! / a;
      if (ratio < best - eps || (ratio <= best + eps && leave >= 0 && basis[i]! < basis[leave]!)) {
        best = ratio;
        leave = i;
      }
    }
    if (leave < 0) return Infinity; // unbounded (cannot happen for the roll-out programs: every start carries load)
    degenerate = best <= eps ? degenerate + 1 : 0;
    const pivotRow = rows[leave]!;
    const pivot = pivotRow[enter]!;
    for (let j = 0; j < width; j++) pivotRow[j]! /= pivot;
    const eliminate = (row: Float64Array) => {
      const factor = row[enter]!;
      if (factor === 0) return;
      for (let j = 0; j < width; j++) row[j]! -= factor * pivotRow[j]!;
    };
    for (let i = 0; i < m; i++) if (i !== leave) eliminate(rows[i]!);
    eliminate(z);
    basis[leave] = enter;
  }
  throw new Error('the simplex method did not converge');
}

export interface RolloutRampBound {
  /** Least capacity (units × working months) left idle in the first `window` months. */
  idleAtStart: number;
  /** Least capacity left idle in the last `window` months. */
  idleAtEnd: number;
  /** Width of each window, in working months. */
  window: number;
  /** ceil((work + idle at start + idle at end) ÷ capacity). */
  workingMonths: number;
}

/** Paths longer than this skip the ramp bound: the programs would grow past a few hundred variables. */
export const ROLLOUT_RAMP_MAX_PATH = 96;

/**
 * The ramp bound. `units` is the load profile of one site's path; `capacity` the cadre's units a
 * month; `underWay[t]` the load of sites under way in working month t (they start at month 0);
 * `underWayEnd` the month the last of them finishes; `work` all the work, under way included;
 * `plainBound` the plain bound (the windows are kept within it, so that they cannot overlap).
 */
export function rolloutRampBound(input: {
  units: Int32Array;
  capacity: number;
  underWay: Float64Array;
  underWayEnd: number;
  work: number;
  plainBound: number;
}): RolloutRampBound | null {
  const { units, capacity: C, underWay, underWayEnd, work, plainBound } = input;
  const P = units.length;
  if (P > ROLLOUT_RAMP_MAX_PATH) return null;
  const window = Math.min(2 * P, Math.floor(plainBound / 2));
  if (window < 1) return null;

  // Start: sites starting in months 0 … window-1 (later ones do no work in the window), each month
  // of their paths within capacity less the load of the sites under way.
  const startRows: Float64Array[] = [];
  const startCap: number[] = [];
  for (let t = 0; t < window + P - 1; t++) {
    const row = new Float64Array(window);
    for (let s = Math.max(0, t - P + 1); s <= Math.min(t, window - 1); s++) row[s] = units[t - s]!;
    startRows.push(row);
    startCap.push(Math.max(0, C - (underWay[t] ?? 0)));
  }
  const startGain = Array.from({ length: window }, (_, s) => {
    let g = 0;
    for (let r = 0; s + r < window && r < P; r++) g += units[r]!;
    return g;
  });
  let underWayInWindow = 0;
  for (let t = 0; t < window; t++) underWayInWindow += underWay[t] ?? 0;
  const idleAtStart = Math.max(0, C * window - underWayInWindow - rolloutMaximizeLp(startRows, startCap, startGain));

  // End: the window is months T-window … T-1; sites must start by T-P. Only sites starting after
  // T-window-P reach into the window; months from their first on are within capacity. It holds only
  // when the sites under way have finished before the window opens.
  let idleAtEnd = 0;
  if (plainBound - window >= underWayEnd) {
    // Relative months: the window is 0 … window-1, starts are 1-P … window-P.
    const first = 1 - P;
    const starts = window; // from 1-P to window-P inclusive
    const endRows: Float64Array[] = [];
    for (let t = first; t < window; t++) {
      const row = new Float64Array(starts);
      for (let j = 0; j < starts; j++) {
        const r = t - (first + j);
        if (r >= 0 && r < P) row[j] = units[r]!;
      }
      endRows.push(row);
    }
    const endGain = Array.from({ length: starts }, (_, j) => {
      let g = 0;
      for (let r = 0; r < P; r++) if (first + j + r >= 0 && first + j + r < window) g += units[r]!;
      return g;
    });
    idleAtEnd = Math.max(0, C * window - rolloutMaximizeLp(endRows, new Array(endRows.length).fill(C), endGain));
  }
  // A hair of slack so that rounding in the simplex can never make the bound claim too much.
  const slack = 1e-7 * C * window;
  const workingMonths = Math.ceil((work + Math.max(0, idleAtStart - slack) + Math.max(0, idleAtEnd - slack)) / C - 1e-9);
  return { idleAtStart, idleAtEnd, window, workingMonths };
}
