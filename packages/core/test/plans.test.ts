import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.js';
import type { MechanismKind, MechanismStatus, MembershipRole } from '../src/mechanisms/catalog.js';
import type { Role } from '../src/access/roles.js';
import {
  allowedPlanTransitions,
  assertPlanPermission,
  checkNewTaskDependency,
  checkPlanTaskDates,
  checkPlanTransition,
  checkRecommendationDecision,
  checkRecommendationTasks,
  checkTaskDependencies,
  compareDesign,
  dependencyCycleIfAdded,
  describeDependencyCycle,
  diffVersions,
  findDependencyCycle,
  isIncompletePlanning,
  isPlanEditable,
  isPlanFrozen,
  mayDecideRecommendation,
  mayMovePlan,
  PLAN_STATUSES,
  PLAN_TRANSITIONS,
  planChangeOutcome,
  planningGaps,
  planProgress,
  rollUp,
  type TaskDependencyEdge,
  type DesignDocumentContent,
  type PlanActor,
  type PlanStatus,
  type PlanProgressTask,
} from '../src/plans/rules.js';
import {
  DesignDocumentContentSchema,
  DesignDocumentCreate,
  PlanCreate,
  PlanRecommendationCreate,
  PlanRecommendationDecide,
  PlanTaskCreate,
  PlanTaskUpdate,
  PlanTransition,
} from '../src/plans/schemas.js';
import { checkTemplateSuits, planTemplate } from '../src/plans/templates.js';

// ---- Small factories ------------------------------------------------------------------------------

const caught = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
};

const actor = (role: Role | null, memberships: [MechanismKind, MembershipRole?, MechanismStatus?][] = [], isSystemAdmin = false): PlanActor => ({
  isSystemAdmin,
  role,
  memberships: memberships.map(([mechanismKind, membershipRole = 'member', mechanismStatus = 'active']) => ({ mechanismKind, membershipRole, mechanismStatus })),
});

const edges = (...pairs: [string, string][]): TaskDependencyEdge[] => pairs.map(([taskId, dependsOnId]) => ({ taskId, dependsOnId }));

let nextId = 0;
const task = (over: Partial<PlanProgressTask> = {}): PlanProgressTask => ({ id: `t${++nextId}`, parentId: null, phase: null, status: 'not_started', ...over });

const UUID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

// ---- The approval path ----------------------------------------------------------------------------

describe('the approval path', () => {
  const allowed: [PlanStatus, PlanStatus][] = [
    ['draft', 'submitted'],
    ['submitted', 'revision_requested'],
    ['submitted', 'approved'],
    ['submitted', 'draft'],
    ['revision_requested', 'submitted'],
    ['approved', 'superseded'],
  ];
  const key = ([a, b]: [PlanStatus, PlanStatus]) => `${a}->${b}`;
  const allowedKeys = new Set(allowed.map(key));
  const context = { comment: 'Add dates for the work group tasks.', newerVersionApproved: true, taskCount: 3 };

  it('goes draft → submitted → revision requested → submitted → approved, and superseded when a newer version is approved', () => {
    expect(checkPlanTransition('draft', 'submitted', context)).toBe('submit');
    expect(checkPlanTransition('submitted', 'revision_requested', context)).toBe('request_revision');
    expect(checkPlanTransition('revision_requested', 'submitted', context)).toBe('submit');
    expect(checkPlanTransition('submitted', 'approved', context)).toBe('approve');
    expect(checkPlanTransition('submitted', 'draft', context)).toBe('withdraw');
    expect(checkPlanTransition('approved', 'superseded', context)).toBe('supersede');
    expect(Object.values(PLAN_TRANSITIONS).flatMap((t) => Object.keys(t))).toHaveLength(allowed.length);
  });

  it('refuses every other move, all 19 of them, with a conflict a person can act on', () => {
    let refused = 0;
    for (const from of PLAN_STATUSES) {
      for (const to of PLAN_STATUSES) {
        if (allowedKeys.has(key([from, to]))) continue;
        const error = caught(() => checkPlanTransition(from, to, context));
        expect(error.kind, `${from} → ${to}`).toBe('conflict');
        expect(error.message, `${from} → ${to}`).toMatch(/plan|version|draft/i);
        expect(error.message, `${from} → ${to}`).toMatch(/\.$/);
        expect(error.issues[0]?.field).toBe('to');
        refused++;
      }
    }
    expect(refused).toBe(PLAN_STATUSES.length ** 2 - allowed.length);
    expect(refused).toBe(19);
  });

  it('says what to do instead', () => {
    expect(() => checkPlanTransition('approved', 'draft')).toThrow(/approved and frozen\. To change it, start a new version/);
    expect(() => checkPlanTransition('approved', 'submitted')).toThrow(/approved and frozen/);
    expect(() => checkPlanTransition('draft', 'approved')).toThrow('A draft cannot be approved before it is submitted. Submit it for approval first.');
    expect(() => checkPlanTransition('revision_requested', 'approved')).toThrow(/revises it and submits it again first/);
    expect(() => checkPlanTransition('revision_requested', 'draft')).toThrow(
      'A plan that is revision requested cannot go back to draft. From revision requested it can be submitted.',
    );
    expect(() => checkPlanTransition('superseded', 'approved')).toThrow(/superseded by a newer approved version/);
    expect(() => checkPlanTransition('submitted', 'submitted')).toThrow('This plan is already submitted.');
    expect(() => checkPlanTransition('draft', 'superseded')).toThrow(/only an approved version is/);
  });

  it('asks for comments when returning a plan for revision', () => {
    for (const comment of [undefined, null, '', '   ']) {
      const error = caught(() => checkPlanTransition('submitted', 'revision_requested', { comment }));
      expect(error.kind).toBe('invalid');
      expect(error.issues).toEqual([{ field: 'comment', message: 'is required when requesting a revision' }]);
    }
  });

  it('refuses to submit a plan with no tasks, and to supersede by hand', () => {
    expect(() => checkPlanTransition('draft', 'submitted', { taskCount: 0 })).toThrow(/no tasks cannot be submitted/);
    expect(() => checkPlanTransition('draft', 'submitted')).not.toThrow(); // count unknown: not checked here
    expect(() => checkPlanTransition('approved', 'superseded')).toThrow(/cannot be superseded by hand/);
  });

  it('refuses a status it does not know as invalid', () => {
    expect(caught(() => checkPlanTransition('archived' as PlanStatus, 'draft')).kind).toBe('invalid');
    expect(caught(() => checkPlanTransition('draft', 'done' as PlanStatus)).issues[0]?.field).toBe('to');
  });

  it('lists the moves from each status, and which statuses can change', () => {
    expect(allowedPlanTransitions('submitted')).toEqual(['draft', 'revision_requested', 'approved']);
    expect(allowedPlanTransitions('superseded')).toEqual([]);
    expect(PLAN_STATUSES.filter(isPlanEditable)).toEqual(['draft', 'revision_requested']);
    expect(PLAN_STATUSES.filter(isPlanFrozen)).toEqual(['approved', 'superseded']);
  });
});

describe('a change to a plan', () => {
  it('is made in place in a draft or a plan returned for revision', () => {
    expect(planChangeOutcome({ status: 'draft', planVersion: 1 })).toEqual({ action: 'edit_in_place' });
    expect(planChangeOutcome({ status: 'revision_requested', planVersion: 2 })).toEqual({ action: 'edit_in_place' });
  });

  it('starts a draft of the next version when the plan is approved', () => {
    expect(planChangeOutcome({ status: 'approved', planVersion: 3 })).toEqual({ action: 'start_new_version', planVersion: 4, copyOf: 3, status: 'draft' });
  });

  it('goes to the newer version when one is already open', () => {
    expect(planChangeOutcome({ status: 'approved', planVersion: 3 }, { status: 'draft', planVersion: 4 })).toEqual({ action: 'edit_newer_version', planVersion: 4 });
    // The newest being the approved one itself changes nothing.
    expect(planChangeOutcome({ status: 'approved', planVersion: 3 }, { status: 'approved', planVersion: 3 })).toMatchObject({ action: 'start_new_version', planVersion: 4 });
  });

  it('is refused while the plan is under review, and on a superseded version', () => {
    const submitted = planChangeOutcome({ status: 'submitted', planVersion: 1 });
    expect(submitted.action).toBe('refuse');
    if (submitted.action === 'refuse') expect(submitted.error.message).toMatch(/Withdraw it to draft/);
    const superseded = planChangeOutcome({ status: 'superseded', planVersion: 1 }, { status: 'approved', planVersion: 2 });
    expect(superseded.action === 'refuse' && superseded.error.message).toBe(
      'Version 1 of this plan was superseded by version 2 and is kept as it was. Make the change in the newest version.',
    );
  });
});

describe('who may move a plan along', () => {
  it('lets the planning team or an editor submit and withdraw', () => {
    expect(mayMovePlan(actor('viewer', [['planning_team']]), 'draft', 'submitted')).toMatchObject({ allowed: true, basis: 'membership' });
    expect(mayMovePlan(actor('member', [['planning_team', 'lead']]), 'submitted', 'draft')).toMatchObject({ allowed: true });
    expect(mayMovePlan(actor('editor'), 'revision_requested', 'submitted')).toMatchObject({ allowed: true, basis: 'role' });
    expect(mayMovePlan(actor('member'), 'draft', 'submitted')).toEqual({
      allowed: false,
      decision: 'forbidden',
      reason: 'Only a member of the unit’s planning team or someone with the editor role or above here may submit a plan for approval.',
    });
  });

  it('lets the steering body or a leader approve and request revisions, and not the planning team', () => {
    expect(mayMovePlan(actor('viewer', [['steering_body', 'champion']]), 'submitted', 'approved')).toMatchObject({ allowed: true, basis: 'membership' });
    expect(mayMovePlan(actor('leader'), 'submitted', 'revision_requested')).toMatchObject({ allowed: true, basis: 'role' });
    const editor = mayMovePlan(actor('editor', [['planning_team']]), 'submitted', 'approved');
    expect(editor).toMatchObject({ allowed: false, decision: 'forbidden' });
    expect(!editor.allowed && editor.reason).toMatch(/steering body or someone with the leader role/);
  });

  it('does not count external members or retired mechanisms', () => {
    expect(mayMovePlan(actor('viewer', [['steering_body', 'external']]), 'submitted', 'approved').allowed).toBe(false);
    expect(mayMovePlan(actor('viewer', [['steering_body', 'member', 'retired']]), 'submitted', 'approved').allowed).toBe(false);
    expect(mayMovePlan(actor('viewer', [['steering_body', 'member', 'forming']]), 'submitted', 'approved').allowed).toBe(true);
  });

  it('hides the plan from someone with no access to the unit, and lets a system administrator do any legal move', () => {
    expect(mayMovePlan(actor(null, [['steering_body']]), 'submitted', 'approved')).toMatchObject({ allowed: false, decision: 'hidden' });
    expect(mayMovePlan(actor(null, [], true), 'submitted', 'approved')).toMatchObject({ allowed: true, basis: 'system_admin' });
  });

  it('lets no one supersede by hand or make an illegal move', () => {
    expect(mayMovePlan(actor(null, [], true), 'approved', 'superseded')).toMatchObject({ allowed: false, decision: 'forbidden' });
    expect(mayMovePlan(actor('admin'), 'approved', 'draft')).toMatchObject({ allowed: false, reason: 'No one may move a plan from approved to draft.' });
  });

  it('lets the superintendent, the governing body or the unit’s leader decide a recommendation', () => {
    expect(mayDecideRecommendation(actor('leader'))).toMatchObject({ allowed: true, basis: 'role' });
    expect(mayDecideRecommendation(actor('viewer', [['superintendent_governing_body']]))).toMatchObject({ allowed: true, basis: 'membership' });
    expect(mayDecideRecommendation(actor('editor', [['steering_body', 'lead'], ['work_group']]))).toMatchObject({ allowed: false, decision: 'forbidden' });
  });

  it('turns a refusal into the matching domain error', () => {
    expect(caught(() => assertPlanPermission(mayMovePlan(actor(null), 'draft', 'submitted'))).kind).toBe('not_found');
    expect(caught(() => assertPlanPermission(mayMovePlan(actor('viewer'), 'draft', 'submitted'))).kind).toBe('forbidden');
    expect(() => assertPlanPermission(mayMovePlan(actor('editor'), 'draft', 'submitted'))).not.toThrow();
  });
});

// ---- Dependencies ---------------------------------------------------------------------------------

describe('task dependencies', () => {
  it('finds no cycle in a chain or a diamond', () => {
    expect(findDependencyCycle([])).toBeNull();
    expect(findDependencyCycle(edges(['c', 'b'], ['b', 'a']))).toBeNull();
    expect(findDependencyCycle(edges(['d', 'b'], ['d', 'c'], ['b', 'a'], ['c', 'a']))).toBeNull();
  });

  it('finds a task that depends on itself', () => {
    expect(findDependencyCycle(edges(['a', 'a']))).toEqual(['a', 'a']);
    expect(describeDependencyCycle(['a', 'a'])).toBe('a cannot depend on itself');
    expect(() => checkNewTaskDependency([], { taskId: 'a', dependsOnId: 'a' }, (id) => `“${id.toUpperCase()}”`)).toThrow('“A” cannot depend on itself.');
  });

  it('returns the path that closes a cycle and says it in words', () => {
    const cycle = findDependencyCycle(edges(['a', 'b'], ['b', 'c'], ['c', 'a'], ['x', 'a']));
    expect(cycle).toEqual(['a', 'b', 'c', 'a']);
    expect(describeDependencyCycle(cycle!, (id) => id.toUpperCase())).toBe('A depends on B, which depends on C, which depends on A');
  });

  it('refuses a new dependency that would make a cycle, naming the tasks in it', () => {
    const titles: Record<string, string> = { a: 'Submit recommendations', b: 'Review recommendations', c: 'Establish a work group' };
    const error = caught(() => checkNewTaskDependency(edges(['b', 'c'], ['c', 'a']), { taskId: 'a', dependsOnId: 'b' }, (id) => titles[id]!));
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe(
      'This dependency would make a cycle: Submit recommendations depends on Review recommendations, which depends on Establish a work group, which depends on Submit recommendations. A task cannot wait for work that waits for it. Remove one of these dependencies.',
    );
    expect(error.issues).toEqual([{ field: 'dependsOn', message: 'would make a cycle' }]);
    expect(() => checkNewTaskDependency(edges(['b', 'c']), { taskId: 'a', dependsOnId: 'b' })).not.toThrow();
  });

  it('gives the shortest cycle a new dependency would close', () => {
    // a → b → c → d, and b → d: adding d → a closes a-b-d-a (shorter than a-b-c-d-a).
    expect(dependencyCycleIfAdded(edges(['a', 'b'], ['b', 'c'], ['c', 'd'], ['b', 'd']), { taskId: 'd', dependsOnId: 'a' })).toEqual(['d', 'a', 'b', 'd']);
  });

  it('finds a cycle of ten thousand tasks without overflowing, and shortens the message', () => {
    const n = 10_000;
    const long = Array.from({ length: n }, (_, i) => ({ taskId: `t${i}`, dependsOnId: `t${(i + 1) % n}` }));
    const cycle = findDependencyCycle(long)!;
    expect(cycle).toHaveLength(n + 1);
    expect(cycle[0]).toBe(cycle[n]);
    const words = describeDependencyCycle(cycle);
    expect(words).toBe('t0 depends on t1, which depends on t2, which depends on t3, which depends on … (9993 more tasks) …, which depends on t9997, which depends on t9998, which depends on t9999, which depends on t0');
    expect(dependencyCycleIfAdded(long.slice(0, n - 1), { taskId: `t${n - 1}`, dependsOnId: 't0' })).toHaveLength(n + 1);
  });

  it('checks a task’s whole new list of dependencies, replacing the old one', () => {
    const current = edges(['b', 'a'], ['c', 'b']);
    // a used to depend on nothing; now on c: c → b → a → c.
    expect(() => checkTaskDependencies(current, 'a', ['c'])).toThrow(/a depends on c, which depends on b, which depends on a/);
    // b drops its dependency on a and takes c's: fine as long as c does not need b.
    expect(() => checkTaskDependencies(current, 'b', ['x'])).not.toThrow();
    expect(() => checkTaskDependencies(current, 'b', ['b'])).toThrow('b cannot depend on itself.');
  });

  // The rule in general: in a plan without cycles, a new dependency is refused exactly when the
  // task it would wait for already waits (directly or not) for the task itself.
  it('refuses a new dependency on a DAG if and only if it closes a cycle', () => {
    const n = 8;
    const dag = fc
      .array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 20 })
      .map((pairs) => pairs.filter(([a, b]) => a > b).map(([a, b]) => ({ taskId: `t${a}`, dependsOnId: `t${b}` })));
    fc.assert(
      fc.property(dag, fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), (list, from, to) => {
        expect(findDependencyCycle(list)).toBeNull();
        // Reachability by brute force: reach[i][j] when ti waits for tj through any chain.
        const reach = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => i === j));
        for (const e of list) reach[Number(e.taskId.slice(1))]![Number(e.dependsOnId.slice(1))] = true;
        for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (reach[i]![k] && reach[k]![j]) reach[i]![j] = true;
        const edge = { taskId: `t${from}`, dependsOnId: `t${to}` };
        const closes = reach[to]![from]!;
        const cycle = dependencyCycleIfAdded(list, edge);
        expect(cycle !== null).toBe(closes);
        expect(findDependencyCycle([...list, edge]) !== null).toBe(closes);
        if (closes) {
          expect(() => checkNewTaskDependency(list, edge)).toThrow(DomainError);
          // The path is real: it starts and ends at the task, and each step is a dependency.
          expect(cycle![0]).toBe(edge.taskId);
          expect(cycle!.at(-1)).toBe(edge.taskId);
          const all = new Set([...list, edge].map((e) => `${e.taskId}>${e.dependsOnId}`));
          for (let i = 0; i + 1 < cycle!.length; i++) expect(all.has(`${cycle![i]}>${cycle![i + 1]}`)).toBe(true);
        } else {
          expect(() => checkNewTaskDependency(list, edge)).not.toThrow();
        }
      }),
      { numRuns: 300 },
    );
  });
});

// ---- WHO, HOW, WHEN ---------------------------------------------------------------------------------

describe('incomplete planning', () => {
  const planned = { status: 'not_started' as const, personIds: ['p1'], mechanismIds: [], dueOn: '2027-01-15' };

  it('flags a task without WHO or without WHEN', () => {
    expect(isIncompletePlanning(planned)).toBe(false);
    expect(planningGaps({ ...planned, personIds: [] })).toEqual(['who']);
    expect(planningGaps({ ...planned, dueOn: null })).toEqual(['when']);
    expect(planningGaps({ ...planned, personIds: [], dueOn: null })).toEqual(['who', 'when']);
    expect(isIncompletePlanning({ ...planned, status: 'blocked', dueOn: null })).toBe(true);
  });

  it('takes a mechanism as WHO', () => {
    expect(isIncompletePlanning({ ...planned, personIds: [], mechanismIds: ['planning-team'] })).toBe(false);
  });

  it('does not flag a done task, or a task planned through its subtasks', () => {
    expect(isIncompletePlanning({ ...planned, status: 'done', personIds: [], dueOn: null })).toBe(false);
    expect(isIncompletePlanning({ ...planned, personIds: [], dueOn: null, hasSubtasks: true })).toBe(false);
  });

  it('refuses a due date before the start date', () => {
    expect(() => checkPlanTaskDates('2027-02-01', '2027-01-31')).toThrow('The due date (2027-01-31) is before the start date (2027-02-01).');
    expect(() => checkPlanTaskDates('2027-02-01', '2027-02-01')).not.toThrow();
    expect(() => checkPlanTaskDates(null, '2027-02-01')).not.toThrow();
  });
});

// ---- Progress -----------------------------------------------------------------------------------

describe('progress by phase and the roll-up', () => {
  it('counts the share of tasks done, overall and by phase', () => {
    const p = planProgress([
      task({ phase: 'orientation', status: 'done' }),
      task({ phase: 'orientation', status: 'done' }),
      task({ phase: 'orientation', status: 'under_way' }),
      task({ phase: 'orientation', status: 'not_started' }),
      task({ phase: 'start_up_phase_in', status: 'done' }),
      task({ phase: 'start_up_phase_in', status: 'blocked' }),
      task({ phase: null, status: 'done' }),
    ]);
    expect(p.byPhase.orientation).toEqual({ done: 2, total: 4, blocked: 0, share: 0.5 });
    expect(p.byPhase.start_up_phase_in).toEqual({ done: 1, total: 2, blocked: 1, share: 0.5 });
    expect(p.byPhase.unphased).toEqual({ done: 1, total: 1, blocked: 0, share: 1 });
    expect(p.byPhase.institutionalization).toEqual({ done: 0, total: 0, blocked: 0, share: null });
    expect(p.overall).toEqual({ done: 4, total: 7, blocked: 1, share: 4 / 7 });
  });

  it('counts only tasks without subtasks, each in its own phase or its nearest ancestor’s', () => {
    const section = task({ phase: 'start_up_phase_in', status: 'under_way' });
    const item = task({ parentId: section.id });
    const sub1 = task({ parentId: item.id, status: 'done' });
    const sub2 = task({ parentId: item.id });
    const other = task({ parentId: section.id, phase: 'institutionalization', status: 'done' });
    const p = planProgress([section, item, sub1, sub2, other]);
    expect(p.byPhase.start_up_phase_in).toMatchObject({ done: 1, total: 2 });
    expect(p.byPhase.institutionalization).toMatchObject({ done: 1, total: 1 });
    expect(p.overall).toMatchObject({ done: 2, total: 3 });
  });

  // Adding counts makes the roll-up exact: splitting a unit's tasks among plans any way and rolling
  // the plans up gives what counting all the tasks at once gives.
  it('rolls up any split of the tasks to the progress of all of them', () => {
    const flatTask = fc.record({
      phase: fc.constantFrom(null, 'orientation', 'start_up_phase_in', 'institutionalization', 'ongoing_evolution'),
      status: fc.constantFrom('not_started', 'under_way', 'done', 'blocked'),
      plan: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(flatTask, { maxLength: 40 }), (list) => {
        const tasks = list.map((t, i) => ({ ...task({ id: `p${i}`, phase: t.phase as PlanProgressTask['phase'], status: t.status as PlanProgressTask['status'] }), plan: t.plan }));
        const whole = planProgress(tasks);
        const parts = [0, 1, 2, 3].map((n) => planProgress(tasks.filter((t) => t.plan === n)));
        expect(rollUp(parts)).toEqual(whole);
        expect(whole.overall.total).toBe(tasks.length);
      }),
      { numRuns: 200 },
    );
  });

  it('says nothing is done of no work, rather than 0%', () => {
    expect(planProgress([]).overall).toEqual({ done: 0, total: 0, blocked: 0, share: null });
  });

  it('rolls up by adding counts, so each plan weighs as many tasks as it has', () => {
    const big = planProgress([...Array.from({ length: 20 }, () => task({ phase: 'orientation', status: 'done' })), ...Array.from({ length: 20 }, () => task({ phase: 'orientation' }))]);
    const small = planProgress(Array.from({ length: 10 }, () => task({ phase: 'start_up_phase_in', status: 'done' })));
    const up = rollUp([big, small]);
    // 30 of 50, not the mean of 50% and 100%.
    expect(up.overall).toEqual({ done: 30, total: 50, blocked: 0, share: 0.6 });
    expect(up.byPhase.orientation.share).toBe(0.5);
    expect(up.byPhase.start_up_phase_in.share).toBe(1);
    // Up two levels: the state sees the districts' sums, the same as adding the schools directly.
    expect(rollUp([rollUp([big]), rollUp([small])])).toEqual(up);
    expect(rollUp([]).overall.share).toBeNull();
  });
});

// ---- Recommendations ------------------------------------------------------------------------------

describe('recommendations', () => {
  it('may be decided while undecided or deferred; accepted and declined are final', () => {
    expect(() => checkRecommendationDecision(null, 'accepted')).not.toThrow();
    expect(() => checkRecommendationDecision('deferred', 'declined')).not.toThrow();
    expect(() => checkRecommendationDecision('deferred', 'deferred')).not.toThrow();
    expect(caught(() => checkRecommendationDecision('accepted', 'declined')).message).toMatch(/already accepted, and that decision is final/);
    expect(caught(() => checkRecommendationDecision('declined', 'accepted')).kind).toBe('conflict');
  });

  it('are carried out by tasks only once accepted', () => {
    expect(() => checkRecommendationTasks('accepted', ['t1'])).not.toThrow();
    expect(() => checkRecommendationTasks('deferred', [])).not.toThrow();
    expect(() => checkRecommendationTasks('deferred', ['t1'])).toThrow(/this one is deferred/);
    expect(() => checkRecommendationTasks(null, ['t1'])).toThrow(/not yet decided/);
  });
});

// ---- Design documents -------------------------------------------------------------------------------

const prototype: DesignDocumentContent = {
  vision: 'Every student has an equal opportunity to succeed at school.',
  aims: ['Unify student and learning supports', 'Develop a comprehensive system', 'Embed the system in school improvement'],
  rationale: 'Fragmented supports leave too many students behind.',
  framework: { id: 'learning-supports-framework', version: '2026.11.0' },
  essentialFeatures: [
    { key: 'primary-component', text: 'Learning supports are a primary and essential component of school improvement', essential: true },
    { key: 'continuum', text: 'A continuum of interventions from promoting development to intensive help', essential: true },
    { key: 'six-arenas', text: 'Six content arenas', essential: true },
    { key: 'community-links', text: 'Links with community resources', essential: false },
  ],
};

describe('design documents', () => {
  it('have no differences from themselves, whitespace aside', () => {
    expect(diffVersions(prototype, prototype)).toEqual([]);
    expect(diffVersions(prototype, { ...prototype, vision: `  ${prototype.vision.replace(/ /g, '\n ')} ` })).toEqual([]);
  });

  it('compare two versions field by field, with list items added, removed, reworded and moved', () => {
    const next: DesignDocumentContent = {
      ...prototype,
      vision: 'Every student has an equal opportunity to succeed at school and beyond.',
      aims: ['Develop a comprehensive system', 'Unify student and learning supports', 'Embed the system in school improvement plans', 'Engage families'],
      framework: { id: 'learning-supports-framework', version: '2027.1.0' },
      essentialFeatures: [
        prototype.essentialFeatures[0]!,
        { ...prototype.essentialFeatures[1]!, text: 'A continuum of interventions' },
        prototype.essentialFeatures[3]!,
        { key: 'family-engagement', text: 'Family engagement', essential: false },
      ],
    };
    const changes = diffVersions(prototype, next);
    expect(changes.map((c) => `${c.change} ${c.path}`)).toEqual([
      'changed vision',
      'moved aims[1]',
      'changed aims[2]',
      'added aims[3]',
      'changed framework',
      'changed essentialFeatures.continuum',
      'removed essentialFeatures.six-arenas',
      'added essentialFeatures.family-engagement',
    ]);
    expect(changes.find((c) => c.path === 'aims[2]')).toMatchObject({ from: 'Embed the system in school improvement', to: 'Embed the system in school improvement plans', indexBefore: 2 });
    expect(changes.find((c) => c.change === 'moved')).toMatchObject({ indexBefore: 0, indexAfter: 1, to: 'Unify student and learning supports' });
    expect(changes.find((c) => c.key === 'continuum')?.parts).toEqual(['text']);
  });

  it('list every adaptation against the prototype and flag changes to essential features', () => {
    const adapted: DesignDocumentContent = {
      ...prototype,
      aims: [...prototype.aims, 'Reduce chronic absence'],
      essentialFeatures: [
        { ...prototype.essentialFeatures[0]!, essential: false },
        { ...prototype.essentialFeatures[1]!, text: 'A continuum of interventions from prevention to intensive help' },
        // six-arenas dropped; community-links reworded (not essential: listed, not flagged)
        { ...prototype.essentialFeatures[3]!, text: 'Formal links with community resources' },
        { key: 'attendance-team', text: 'An attendance team at each school', essential: true },
      ],
    };
    const result = compareDesign(prototype, adapted);
    expect(result.adaptations.map((a) => [a.path, a.essential])).toEqual([
      ['aims[3]', false],
      ['essentialFeatures.primary-component', true],
      ['essentialFeatures.continuum', true],
      ['essentialFeatures.six-arenas', true],
      ['essentialFeatures.community-links', false],
      ['essentialFeatures.attendance-team', false],
    ]);
    expect(result.keepsEssentialFeatures).toBe(false);
    expect(result.essentialChanges.map((a) => a.message)).toEqual([
      'For the prototype’s essential feature “Learning supports are a primary and essential component of school improvement”, no longer marks it essential. Check that the adaptation keeps what fidelity requires.',
      'For the prototype’s essential feature “A continuum of interventions from promoting development to intensive help”, rewords it as “A continuum of interventions from prevention to intensive help”. Check that the adaptation keeps what fidelity requires.',
      'Drops the prototype’s essential feature “Six content arenas”. Fidelity to the design requires it.',
    ]);
    expect(result.adaptations[0]!.message).toBe('Adds aim 4: “Reduce chronic absence”.');
    expect(result.adaptations.at(-1)!.message).toBe('Adds the feature “An attendance team at each school” and marks it essential.');
  });

  it('keep the essential features when only the rest is adapted', () => {
    const adapted = { ...prototype, vision: 'Our own vision.', rationale: 'Our own reasons.', framework: null };
    const result = compareDesign(prototype, adapted);
    expect(result.keepsEssentialFeatures).toBe(true);
    expect(result.adaptations.map((a) => a.message)).toEqual([
      'The vision is reworded.',
      'The rationale is reworded.',
      'No intervention framework is adopted (the prototype adopts one).',
    ]);
  });
});

// ---- Schemas ----------------------------------------------------------------------------------------

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('plan schemas', () => {
  it('read a design document and refuse repeated feature keys, unknown fields and empty visions', () => {
    const ok = DesignDocumentCreate.parse({ unitId: UUID(1), ...prototype });
    expect(ok.adoptedFromId).toBeNull();
    expect(issuesOf(DesignDocumentContentSchema.safeParse({ ...prototype, essentialFeatures: [prototype.essentialFeatures[0], prototype.essentialFeatures[0]] }))).toEqual([
      'essentialFeatures.1.key: is used by another feature ("primary-component"); keys must be unique',
    ]);
    expect(issuesOf(DesignDocumentContentSchema.safeParse({ ...prototype, vision: ' ', colour: 'red' }))).toEqual([
      'vision: must not be empty: say what the unit is working toward',
      ': Unrecognized key: "colour"',
    ]);
    expect(DesignDocumentContentSchema.parse({ ...prototype, essentialFeatures: [{ key: 'a-b', text: 'x' }] }).essentialFeatures[0]!.essential).toBe(true);
  });

  it('read a plan from a template or blank', () => {
    expect(PlanCreate.parse({ unitId: UUID(1), kind: 'start_up_phase_in', title: 'Start-up plan 2027' })).toMatchObject({ template: null, parentPlanId: null });
    expect(PlanCreate.parse({ unitId: UUID(1), kind: 'sustainability', title: 'Sustaining', template: { key: 'exhibit-4-fifteen-steps', phases: ['institutionalization'] } }).template?.phases).toEqual([
      'institutionalization',
    ]);
    expect(issuesOf(PlanCreate.safeParse({ unitId: UUID(1), kind: 'vision', title: 'x', template: { key: 'appendix-z' } }))).toEqual([
      'kind: must be one of strategic_system_change, start_up_phase_in, sustainability',
      'template.key: must be one of appendix-c-state, appendix-c-district, exhibit-department-to-district, exhibit-district-to-school, exhibit-4-fifteen-steps, or leave it out to start blank',
    ]);
  });

  it('check that a template suits the plan’s kind and unit', () => {
    expect(() => checkTemplateSuits(planTemplate('appendix-c-district'), 'start_up_phase_in', 'district')).not.toThrow();
    expect(() => checkTemplateSuits(planTemplate('appendix-c-district'), 'sustainability', 'district')).toThrow(
      'The template "Strategic plan outline for a district (Appendix C)" is not written for a sustainability plan for a district. No template is written for that; start blank.',
    );
    expect(() => checkTemplateSuits(planTemplate('appendix-c-state'), 'start_up_phase_in', 'school')).toThrow(/Use "Tasks the district needs to be ready to help schools accomplish \(Exhibit\)" or "The 15 major steps/);
  });

  it('ask for comments when a revision is requested', () => {
    expect(issuesOf(PlanTransition.safeParse({ version: 3, to: 'revision_requested' }))).toEqual(['comment: is required when requesting a revision: say what to revise']);
    expect(issuesOf(PlanTransition.safeParse({ version: 3, to: 'revision_requested', comment: '   ' }))).toEqual(['comment: is required when requesting a revision: say what to revise']);
    expect(PlanTransition.parse({ version: 3, to: 'approved' })).toEqual({ version: 3, to: 'approved' });
    expect(issuesOf(PlanTransition.safeParse({ version: 3, to: 'superseded' }))[0]).toMatch(/^to: must be one of draft, submitted, revision_requested, approved/);
  });

  it('read a task with WHO, HOW, WHEN, and refuse a due date before its start', () => {
    const t = PlanTaskCreate.parse({ title: 'Review and discuss the functions of the Planning Team', personIds: [UUID(2)], startOn: '2027-01-04', dueOn: '2027-01-29' });
    expect(t).toMatchObject({ status: 'not_started', mechanismIds: [], dependsOn: [], links: [], how: null, phase: null, parentId: null });
    expect(issuesOf(PlanTaskCreate.safeParse({ title: 'x', startOn: '2027-02-01', dueOn: '2027-01-31' }))).toEqual(['dueOn: must be on or after the start date (2027-02-01)']);
    expect(issuesOf(PlanTaskCreate.safeParse({ title: 'x', personIds: [UUID(2), UUID(2)] }))).toEqual(['personIds: must not list the same person twice']);
  });

  it('want a reason exactly when a task is blocked', () => {
    expect(issuesOf(PlanTaskUpdate.safeParse({ version: 1, status: 'blocked' }))).toEqual(['blockedReason: is required when a task is blocked: say what blocks it']);
    expect(PlanTaskUpdate.safeParse({ version: 1, status: 'blocked', blockedReason: 'Waiting for the board' }).success).toBe(true);
    expect(issuesOf(PlanTaskUpdate.safeParse({ version: 1, status: 'done', blockedReason: 'x' }))).toEqual(['blockedReason: is only given when a task is blocked']);
    expect(issuesOf(PlanTaskCreate.safeParse({ title: 'x', blockedReason: 'x' }))).toEqual(['blockedReason: is only given when a task is blocked']);
    // An update that only clears the reason is fine.
    expect(PlanTaskUpdate.safeParse({ version: 1, blockedReason: null }).success).toBe(true);
  });

  it('take http and https links only', () => {
    expect(PlanTaskUpdate.parse({ version: 1, links: [{ url: 'https://smhp.psych.ucla.edu/', label: 'Center' }] }).links).toHaveLength(1);
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd', 'ftp://example.org/x', 'not a url']) {
      expect(issuesOf(PlanTaskUpdate.safeParse({ version: 1, links: [{ url }] })), url).toEqual(['links.0.url: must be a web address starting with http:// or https://']);
    }
  });

  it('read a recommendation and its decision; tasks only for an accepted one', () => {
    const r = PlanRecommendationCreate.parse({
      unitId: UUID(1),
      subject: 'resource_redeployment',
      title: 'Redeploy two counselors to the feeder pattern',
      rationale: 'The map shows gaps in early intervention.',
      submittedTo: { authority: 'Superintendent' },
    });
    expect(r).toMatchObject({ planId: null, fromMechanismId: null, submittedTo: { personId: null } });
    expect(issuesOf(PlanRecommendationCreate.safeParse({ ...r, subject: 'budget' }))[0]).toBe(
      'subject: must be one of policy, operational_infrastructure, programs_initiatives, resource_redeployment',
    );
    expect(issuesOf(PlanRecommendationDecide.safeParse({ version: 2, decision: 'deferred', decidedOn: '2027-03-01', taskIds: [UUID(9)] }))).toEqual([
      'taskIds: can be linked only to an accepted recommendation',
    ]);
    expect(PlanRecommendationDecide.parse({ version: 2, decision: 'accepted', decidedOn: '2027-03-01', taskIds: [UUID(9)] }).note).toBeNull();
    expect(issuesOf(PlanRecommendationDecide.safeParse({ version: 2, decision: 'accepted' }))).toEqual(['decidedOn: must be a date like 2026-09-01']);
  });
});
