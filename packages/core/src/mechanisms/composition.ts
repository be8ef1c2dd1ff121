// Composition guidance from the documents, as warnings: never a hard block. Each warning names the
// catalog citation behind it, so a principal can see why Trellis says so.
import type { SourceRef } from '../catalogs/sources.js';
import { BROAD_LEADERSHIP_SOURCE, type GuidanceBasis, type MechanismKindEntry, type MembershipRole } from './catalog.js';

export const COMPOSITION_WARNING_CODES = [
  'too_many_members',
  'designated_trained_count',
  'no_lead',
  'no_steering_body_member',
  'no_instruction_leader',
  'no_data_leader',
] as const;
export type CompositionWarningCode = (typeof COMPOSITION_WARNING_CODES)[number];

export interface CompositionWarning {
  code: CompositionWarningCode;
  /** In words a principal understands. */
  message: string;
  /** Where the documents say it. */
  source: SourceRef;
  /** Whether the rule's value is the document's or a Trellis default. */
  basis: GuidanceBasis;
}

/** A member as composition needs them. */
export interface CompositionMember {
  personId: string;
  title: string | null;
  role: MembershipRole;
  designated: boolean;
  trained: boolean;
  startOn: string | null;
  endOn: string | null;
}

export interface CompositionContext {
  /** The day the composition is judged on (YYYY-MM-DD): members who have not started or have ended do not count. */
  on: string;
  /**
   * The people on the unit's steering body (any not-retired steering body at the same unit), or
   * null when the unit has none. Only read for kinds that should include a steering body member.
   */
  steeringBodyPersonIds?: readonly string[] | null;
  /** Overrides the catalog's maximum size (e.g. an agency's own threshold for the steering body). */
  maxMembers?: number;
}

// Titles are matched case-insensitively on the start of a word, so "Director of Curriculum and
// Instruction", "Chief Academic Officer" and "Instructional Coach" count as leaders for instruction,
// and "Assessment & Accountability Director", "Data Coordinator" and "Evaluation Lead" as leaders
// for data/evaluation. A person with no title counts for neither.
export const INSTRUCTION_TITLE_PATTERN = /\b(instruction|curricul|academic)/i;
export const DATA_TITLE_PATTERN = /\b(data\b|evaluat|assessment|accountability)/i;

/** Is the membership in effect on `on`? Dates are YYYY-MM-DD, so they compare as strings. */
export const isActiveMembership = (m: { startOn: string | null; endOn: string | null }, on: string) =>
  (m.startOn === null || m.startOn <= on) && (m.endOn === null || m.endOn >= on);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function compositionWarnings(kind: MechanismKindEntry, members: readonly CompositionMember[], context: CompositionContext): CompositionWarning[] {
  const active = members.filter((m) => isActiveMembership(m, context.on));
  const g = kind.guidance;
  const warnings: CompositionWarning[] = [];
  const add = (code: CompositionWarningCode, message: string, source: SourceRef | undefined, basis: GuidanceBasis) =>
    warnings.push({ code, message, source: source ?? kind.purposeSources[0]!, basis });

  if (g.membersDesignatedAndTrained?.value && (g.minMembers || g.maxMembers)) {
    // The implementation team: the size that matters is of those designated AND trained.
    const ready = active.filter((m) => m.designated && m.trained).length;
    const min = g.minMembers?.value ?? 0;
    const max = context.maxMembers ?? g.maxMembers?.value ?? Infinity;
    if (ready < min || ready > max) {
      const range = max === Infinity ? `at least ${min}` : min === max ? `${min}` : `${min}–${max}`;
      add(
        'designated_trained_count',
        `A ${kind.name.toLowerCase()} should have ${range} members who are designated for it and trained; this one has ${ready}.`,
        (g.minMembers ?? g.maxMembers)!.source,
        (g.minMembers ?? g.maxMembers)!.basis,
      );
    }
  } else if (g.maxMembers) {
    const max = context.maxMembers ?? g.maxMembers.value;
    if (active.length > max) {
      add(
        'too_many_members',
        `This ${kind.name.toLowerCase()} has ${plural(active.length, 'member')}; the guidance is at most ${max}, so that it stays small enough to work.`,
        g.maxMembers.source,
        context.maxMembers === undefined ? g.maxMembers.basis : 'product-default',
      );
    }
  }

  if (g.requiresLead?.value && !active.some((m) => m.role === 'lead')) {
    add('no_lead', `No one is named as the lead. Everyone needs to know who is leading this ${kind.name.toLowerCase()} and accountable for it.`, g.requiresLead.source, g.requiresLead.basis);
  }

  if (g.includesSteeringBodyMember?.value) {
    const steering = context.steeringBodyPersonIds ?? null;
    if (steering === null) {
      add(
        'no_steering_body_member',
        `This unit has no steering body yet, so no member of this ${kind.name.toLowerCase()} comes from one. The guidance is to include representatives of the steering body.`,
        g.includesSteeringBodyMember.source,
        g.includesSteeringBodyMember.basis,
      );
    } else if (!active.some((m) => steering.includes(m.personId))) {
      add(
        'no_steering_body_member',
        `No member of this ${kind.name.toLowerCase()} also sits on the unit’s steering body. The guidance is to include representatives of the steering body.`,
        g.includesSteeringBodyMember.source,
        g.includesSteeringBodyMember.basis,
      );
    }
  }

  if (g.broadLeadership?.value) {
    const source = g.broadLeadership.source ?? BROAD_LEADERSHIP_SOURCE;
    if (!active.some((m) => m.title !== null && INSTRUCTION_TITLE_PATTERN.test(m.title))) {
      add(
        'no_instruction_leader',
        `No member’s title shows a leader for instruction (e.g. curriculum and instruction, academics). The guidance asks for a broad range of key leaders.`,
        source,
        g.broadLeadership.basis,
      );
    }
    if (!active.some((m) => m.title !== null && DATA_TITLE_PATTERN.test(m.title))) {
      add(
        'no_data_leader',
        `No member’s title shows a leader for data or evaluation (e.g. assessment, accountability). The guidance asks for a broad range of key leaders.`,
        source,
        g.broadLeadership.basis,
      );
    }
  }
  return warnings;
}
