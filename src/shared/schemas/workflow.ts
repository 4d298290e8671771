/** API shapes of workflow transitions and the review queue. */
import { z } from 'zod';
import { DATACARD_STATUS_VALUES } from '../status.ts';
import { TRANSITION_ACTIONS } from '../workflow.ts';
import { VersionSchema } from './common.ts';

/** Body of POST /datacards/{id}/transitions. */
export const TransitionSchema = z
  .strictObject({
    action: z.enum(TRANSITION_ACTIONS),
    comment: z
      .string()
      .max(4000)
      .optional()
      .meta({ description: 'Why; required to reject and to unpublish' }),
    version: VersionSchema,
  })
  .meta({ id: 'Transition' });
export type Transition = z.infer<typeof TransitionSchema>;

/** The latest transition of a card. */
const LastTransitionSchema = z.object({
  action: z.enum(TRANSITION_ACTIONS),
  comment: z.string().nullable(),
  by: z.string(),
  at: z.string(),
});

/** One card in the review queue, with the actions the caller may take on it. */
export const ReviewItemSchema = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    serial: z.string().nullable(),
    status: z.enum(DATACARD_STATUS_VALUES),
    startDate: z.string(),
    eventTypeId: z.number().int(),
    geoUnitId: z.number().int(),
    createdBy: z.string(),
    updatedAt: z.string(),
    actions: z.array(z.enum(TRANSITION_ACTIONS)),
    lastTransition: LastTransitionSchema.nullable(),
  })
  .meta({ id: 'ReviewItem' });
export type ReviewItem = z.infer<typeof ReviewItemSchema>;

const ReviewListSchema = z.object({ total: z.number().int(), items: z.array(ReviewItemSchema) });

/** GET /review-queue: what waits for the caller. */
export const ReviewQueueSchema = z
  .object({
    toReview: ReviewListSchema.meta({ description: 'Submitted cards in your scope (validators)' }),
    returnedToMe: ReviewListSchema.meta({ description: 'Your cards that were rejected, with the comment' }),
    myDrafts: z.number().int(),
    myWaiting: z.number().int().meta({ description: 'Your cards submitted and waiting for review' }),
  })
  .meta({ id: 'ReviewQueue' });
export type ReviewQueue = z.infer<typeof ReviewQueueSchema>;
