// Demo plans and design documents: the state's design (the prototype) and the demo district's
// adaptation of it; an approved state strategic plan from the Appendix C outline; the district's
// start-up and phase-in plan spawned from it, approved and under way (some tasks done, one blocked,
// one overdue); and a school plan in draft spawned from the district's, from Exhibit 4's 15 steps.
import { addDays, PLAN_TEMPLATE_CATALOG, planTemplate, seedTasksFromTemplate, type DesignDocumentContent, type PlanKind, type PlanStatus, type PlanTemplateKey } from '@trellis/core';
import { insertDesignDocument, insertPlan, insertPlanStatusEvent, insertPlanTask, setTaskPeople, type Queryable } from '@trellis/db';

export interface PlanSeedPeople {
  stateLeadId: string;
  districtLeaderId: string;
  schoolMemberId: string;
}

const STATE_DESIGN: DesignDocumentContent = {
  vision: 'Every student in Lakeland has the supports to learn and to succeed at school, through one unified and comprehensive system of learning supports in every district and school.',
  aims: [
    'Unify student and learning supports into one system, fully embedded in school improvement',
    'Reduce fragmentation and redundancy by coordinating resources across schools and agencies',
    'Build the capacity of every district to sustain the system without outside help',
  ],
  rationale:
    'Supports for students are marginalized and fragmented: programs are added one by one, funded separately and rarely coordinated. A unified system treats learning supports as a primary component of school improvement, on a par with instruction and management.',
  framework: { id: 'learning-supports-framework', version: '2026.11.0' },
  essentialFeatures: [
    { key: 'primary-component', text: 'Learning supports are a primary and essential component of school improvement, not an add-on.', essential: true },
    { key: 'six-arenas', text: 'Supports are organized in six content arenas across the continuum of interventions.', essential: true },
    { key: 'leadership', text: 'A learning supports leader sits at the administrative table at every level.', essential: true },
    { key: 'phased-roll-out', text: 'Schools are phased in by feeder pattern.', essential: false },
  ],
};

async function seedPlan(
  tx: Queryable,
  p: { unitId: string; kind: PlanKind; title: string; template: PlanTemplateKey; status: PlanStatus; parentPlanId: string | null; createdBy: string; history: { to: PlanStatus; comment: string | null; by: string }[] },
) {
  const template = planTemplate(p.template);
  const plan = await insertPlan(tx, { unitId: p.unitId, kind: p.kind, title: p.title, status: p.status, templateKey: template.key, templateVersion: PLAN_TEMPLATE_CATALOG.version, parentPlanId: p.parentPlanId, createdBy: p.createdBy });
  await insertPlanStatusEvent(tx, { planId: plan.id, fromStatus: 'draft', toStatus: 'draft', comment: `Started from the template “${template.name}”.`, actorId: p.createdBy });
  let from: PlanStatus = 'draft';
  for (const h of p.history) {
    await insertPlanStatusEvent(tx, { planId: plan.id, fromStatus: from, toStatus: h.to, comment: h.comment, actorId: h.by });
    from = h.to;
  }
  const ids = new Map<string, string>();
  const leaves: string[] = [];
  const seeds = seedTasksFromTemplate(template);
  const parents = new Set(seeds.map((s) => s.parentTemplateNodeKey));
  for (const s of seeds) {
    const id = await insertPlanTask(tx, {
      planId: plan.id,
      unitId: p.unitId,
      parentId: s.parentTemplateNodeKey ? (ids.get(s.parentTemplateNodeKey) ?? null) : null,
      position: s.position,
      title: s.title.slice(0, 300),
      phase: s.phase,
      templateNodeKey: s.templateNodeKey,
    });
    ids.set(s.templateNodeKey, id);
    if (!parents.has(s.templateNodeKey)) leaves.push(id);
  }
  return { plan, leaves };
}

/** Fills WHO, HOW, WHEN and progress of the first `n` leaf tasks, the way a team under way would have. */
async function carryOut(tx: Queryable, leaves: string[], people: string[], today: string, plan: { done: number; underWay: number; blocked?: boolean; overdue?: boolean; planned: number }) {
  for (const [i, id] of leaves.slice(0, plan.planned).entries()) {
    const start = addDays(today, -120 + i * 14);
    const due = addDays(start, 45);
    let status: 'done' | 'under_way' | 'blocked' | 'not_started' = 'not_started';
    if (i < plan.done) status = 'done';
    else if (i < plan.done + plan.underWay) status = 'under_way';
    else if (plan.blocked && i === plan.done + plan.underWay) status = 'blocked';
    const dueOn = plan.overdue && i === plan.done ? addDays(today, -10) : due;
    await tx.query(
      `update tasks set how = $2, start_on = $3, due_on = $4, status = $5, blocked_reason = $6, completed_on = $7, evidence = $8 where id = $1`,
      [
        id,
        'Planning team works it through at its weekly meeting; the coordinator drafts, the steering body reviews.',
        start,
        dueOn < start ? start : dueOn,
        status,
        status === 'blocked' ? 'Waiting for the board to approve the reallocation of two counselor positions.' : null,
        status === 'done' ? addDays(due, -3) : null,
        status === 'done' ? 'Minutes of the planning team meeting; the draft is in the shared folder.' : null,
      ],
    );
    await setTaskPeople(tx, id, [people[i % people.length]!]);
  }
}

export async function seedPlans(tx: Queryable, units: { stateId: string; districtId: string; schoolId: string }, people: PlanSeedPeople) {
  const today = new Date().toISOString().slice(0, 10);
  const stateDesign = await insertDesignDocument(tx, { unitId: units.stateId, adoptedFromId: null, content: STATE_DESIGN, savedBy: people.stateLeadId });
  await insertDesignDocument(tx, {
    unitId: units.districtId,
    adoptedFromId: stateDesign.id,
    content: {
      ...STATE_DESIGN,
      aims: [...STATE_DESIGN.aims, 'Reach every school in the district within three years'],
      essentialFeatures: STATE_DESIGN.essentialFeatures.map((f) => (f.key === 'phased-roll-out' ? { ...f, text: 'Schools are phased in by feeder pattern, the high school first.' } : f)),
    },
    savedBy: people.districtLeaderId,
  });

  const state = await seedPlan(tx, {
    unitId: units.stateId,
    kind: 'strategic_system_change',
    title: 'Lakeland learning supports: strategic plan',
    template: 'appendix-c-state',
    status: 'approved',
    parentPlanId: null,
    createdBy: people.stateLeadId,
    history: [
      { to: 'submitted', comment: null, by: people.stateLeadId },
      { to: 'approved', comment: 'Approved by the state steering body.', by: people.stateLeadId },
    ],
  });
  await carryOut(tx, state.leaves, [people.stateLeadId], today, { planned: 20, done: 9, underWay: 5 });

  const district = await seedPlan(tx, {
    unitId: units.districtId,
    kind: 'start_up_phase_in',
    title: 'District start-up and phase-in plan',
    template: 'exhibit-department-to-district',
    status: 'approved',
    parentPlanId: state.plan.id,
    createdBy: people.districtLeaderId,
    history: [
      { to: 'submitted', comment: null, by: people.districtLeaderId },
      { to: 'revision_requested', comment: 'Name who leads the resource mapping, and give it a date.', by: people.stateLeadId },
      { to: 'submitted', comment: 'Owner and dates added.', by: people.districtLeaderId },
      { to: 'approved', comment: 'Approved at the steering body meeting.', by: people.stateLeadId },
    ],
  });
  await carryOut(tx, district.leaves, [people.districtLeaderId, people.schoolMemberId], today, { planned: 14, done: 5, underWay: 3, blocked: true, overdue: true });

  const school = await seedPlan(tx, {
    unitId: units.schoolId,
    kind: 'start_up_phase_in',
    title: 'School start-up plan (draft)',
    template: 'exhibit-district-to-school',
    status: 'draft',
    parentPlanId: district.plan.id,
    createdBy: people.districtLeaderId,
    history: [],
  });
  await carryOut(tx, school.leaves, [people.schoolMemberId], today, { planned: 3, done: 0, underWay: 1 });
  return { plans: 3, designDocuments: 2 };
}
