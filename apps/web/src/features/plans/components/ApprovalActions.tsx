// The moves along the approval path the reader may make now, as the server says (`permissions`):
// submit, withdraw, request a revision (a comment saying what to revise is required), approve, and
// start a new version of an approved plan. Each asks first, with room for a comment.
import { useRef, useState } from 'react';
import { Button, Modal, Stack, Text, Textarea, Group } from '@mantine/core';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { useDialog } from '../../../lib/useDialog';
import { useMovePlan, useNewPlanVersion, type PlanMovePath } from '../api/planMutations';
import type { PlanDetail, PlanRecord } from '../api/planQueries';
import { focusedElement, returnFocusTo } from './returnFocus';

interface Move {
  path: PlanMovePath;
  label: string;
  title: string;
  explain: string;
  commentLabel: string;
  commentRequired: boolean;
  done: string;
}

const MOVES: Record<PlanMovePath, Move> = {
  submit: {
    path: 'submit',
    label: 'Submit for approval',
    title: 'Submit the plan for approval',
    explain: 'The steering body reviews it. While it is reviewed its planning cannot change; progress can still be recorded.',
    commentLabel: 'Note for the reviewers (optional)',
    commentRequired: false,
    done: 'Submitted the plan for approval.',
  },
  withdraw: {
    path: 'withdraw',
    label: 'Withdraw to draft',
    title: 'Withdraw the plan to draft',
    explain: 'The review stops and the planning team can change the plan again.',
    commentLabel: 'Why (optional)',
    commentRequired: false,
    done: 'Withdrew the plan to draft.',
  },
  'request-revision': {
    path: 'request-revision',
    label: 'Request revision',
    title: 'Return the plan for revision',
    explain: 'The planning team sees your comment, revises the plan and submits it again.',
    commentLabel: 'What to revise',
    commentRequired: true,
    done: 'Returned the plan for revision.',
  },
  approve: {
    path: 'approve',
    label: 'Approve',
    title: 'Approve the plan',
    explain: 'The plan is then frozen: its WHO, HOW and WHEN change only in a new version. Progress is still recorded on it.',
    commentLabel: 'Note (optional), e.g. the meeting that approved it',
    commentRequired: false,
    done: 'Approved the plan.',
  },
};

export function ApprovalActions({ plan, onOpenPlan }: { plan: PlanDetail; onOpenPlan: (id: string) => void }) {
  const dialog = useDialog();
  const [move, setMove] = useState<Move | null>(null);
  const p = plan.permissions;
  const trigger = useRef<HTMLElement | null>(null);
  const open = (m: Move) => {
    trigger.current = focusedElement();
    setMove(m);
    dialog.open();
  };
  const close = () => {
    dialog.close();
    returnFocusTo(trigger.current);
  };
  return (
    <>
      {p.submit && <Button onClick={() => open(MOVES.submit)}>{plan.status === 'revision_requested' ? 'Resubmit for approval' : MOVES.submit.label}</Button>}
      {p.approve && <Button onClick={() => open(MOVES.approve)}>{MOVES.approve.label}</Button>}
      {p.requestRevision && (
        <Button variant="default" onClick={() => open(MOVES['request-revision'])}>
          {MOVES['request-revision'].label}
        </Button>
      )}
      {p.withdraw && (
        <Button variant="default" onClick={() => open(MOVES.withdraw)}>
          {MOVES.withdraw.label}
        </Button>
      )}
      {p.startNewVersion && <NewVersionButton plan={plan} onOpenPlan={onOpenPlan} />}
      {move && <MoveDialog key={dialog.key} plan={plan} move={move} opened={dialog.opened} onClose={close} />}
    </>
  );
}

function MoveDialog({ plan, move, opened, onClose }: { plan: PlanDetail; move: Move; opened: boolean; onClose: () => void }) {
  const mutation = useMovePlan(plan.id);
  const announce = useAnnounce();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const confirm = () => {
    if (move.commentRequired && comment.trim() === '') {
      setMissing(true);
      document.getElementById('move-comment')?.focus();
      return;
    }
    mutation.mutate(
      { path: move.path, version: plan.version, comment: comment.trim() || null },
      {
        onSuccess: () => {
          announce(move.done);
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title={move.title} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
      >
        <Stack gap="md">
          <Text size="sm">{move.explain}</Text>
          <ProblemAlert error={mutation.error} title={`Could not ${move.label.toLowerCase()}`} />
          <Textarea
            id="move-comment"
            label={move.commentLabel}
            required={move.commentRequired}
            autosize
            minRows={3}
            value={comment}
            onChange={(e) => {
              setComment(e.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? 'Say what to revise: the planning team reads this.' : undefined}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {move.label}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function NewVersionButton({ plan, onOpenPlan }: { plan: PlanDetail; onOpenPlan: (id: string) => void }) {
  const dialog = useDialog();
  const mutation = useNewPlanVersion(plan.id);
  const announce = useAnnounce();
  return (
    <>
      <Button variant="default" onClick={dialog.open}>
        Start new version
      </Button>
      <Modal opened={dialog.opened} onClose={dialog.close} title="Start a new version" centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="md">
          <Text size="sm">
            Version {plan.planVersion + 1} starts as a draft copy of this plan with every task and its progress. This approved version stays in force
            until the new one is approved.
          </Text>
          <ProblemAlert error={mutation.error} title="Could not start a new version" />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={dialog.close}>
              Cancel
            </Button>
            <Button
              loading={mutation.isPending}
              onClick={() =>
                mutation.mutate(plan.version, {
                  onSuccess: (draft: PlanRecord) => {
                    announce(`Started version ${draft.planVersion}.`);
                    dialog.close();
                    onOpenPlan(draft.id);
                  },
                })
              }
            >
              Start version {plan.planVersion + 1}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
