/**
 * The datacard workflow (DESIGN.md, Workflow) as data: which action moves a card from which states
 * to which, who may take it, and whether it needs a comment. Shared by the service that applies a
 * transition and the web app that offers the buttons.
 */
import type { Role } from './roles.ts';
import type { DatacardStatus } from './status.ts';

export const TRANSITION_ACTIONS = ['submit', 'publish', 'reject', 'reopen', 'unpublish'] as const;
/** A workflow action on one card. */
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

/** One workflow rule. */
export interface TransitionRule {
  from: readonly DatacardStatus[];
  to: DatacardStatus;
  /** The lowest role that may take the action on any card in scope. */
  role: Role;
  /** The card's author may also take it with a lower role (down to contributor). */
  author: boolean;
  commentRequired: boolean;
}

export const TRANSITIONS: Record<TransitionAction, TransitionRule> = {
  submit: {
    from: ['draft', 'rejected'],
    to: 'submitted',
    role: 'validator',
    author: true,
    commentRequired: false,
  },
  publish: { from: ['submitted'], to: 'published', role: 'validator', author: false, commentRequired: false },
  reject: { from: ['submitted'], to: 'rejected', role: 'validator', author: false, commentRequired: true },
  reopen: { from: ['rejected'], to: 'draft', role: 'validator', author: true, commentRequired: false },
  unpublish: { from: ['published'], to: 'draft', role: 'admin', author: false, commentRequired: true },
};

/** The actions a caller with these facts may take on a card in this state. */
export function allowedActions(
  status: DatacardStatus,
  roles: readonly Role[],
  isAuthor: boolean,
): TransitionAction[] {
  return TRANSITION_ACTIONS.filter((action) => {
    const rule = TRANSITIONS[action];
    if (!rule.from.includes(status)) return false;
    return roles.includes(rule.role) || (rule.author && isAuthor && roles.includes('contributor'));
  });
}
