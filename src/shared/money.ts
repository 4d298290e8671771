/** How analytics show money: in the tenant's currency or US dollars, at nominal or constant prices. */
import { z } from 'zod';

/** The currency and price basis of money figures (the `money` option of analytics queries). */
export const MoneyBasisSchema = z
  .strictObject({
    currency: z
      .enum(['local', 'usd'])
      .default('local')
      .meta({ description: "The tenant's currency or US dollars" }),
    basis: z
      .enum(['nominal', 'constant'])
      .default('nominal')
      .meta({ description: "Prices of each card's year, or constant prices of baseYear" }),
    /** The year whose prices constant figures are expressed in. */
    baseYear: z
      .number()
      .int()
      .min(1800)
      .max(2200)
      .optional()
      .meta({ description: 'Required with constant prices' }),
  })
  .refine((b) => b.basis === 'constant' || b.baseYear === undefined, {
    path: ['baseYear'],
    message: 'a base year goes with constant prices only',
  })
  .refine((b) => b.basis === 'nominal' || b.baseYear !== undefined, {
    path: ['baseYear'],
    message: 'constant prices need a base year',
  })
  .meta({
    id: 'MoneyBasis',
    description:
      'Losses in local currency or USD, nominal or at constant prices: a value reported in the currency wins, ' +
      'the other currency converts at the rate of the card year, and a card that cannot be converted is left ' +
      "out of the figure and counted in the result's money block",
  });

/** A validated money basis. */
export type MoneyBasis = z.infer<typeof MoneyBasisSchema>;

/**
 * What happened to one card's figure: reported in the chosen currency; converted from the other
 * currency at the rate of the card's year; deflated to constant prices; or left unknown because
 * the rate or the price index is missing (never a silent zero).
 */
export const MONEY_FLAGS = ['reported', 'converted', 'deflated', 'missing_rate', 'missing_cpi'] as const;

/** One money flag. */
export type MoneyFlag = (typeof MONEY_FLAGS)[number];

/** The datacard fields holding money: with a money basis both measure the loss in its currency. */
export const MONEY_FIELDS = ['lossesLocal', 'lossesUsd'] as const;

/** What a result's money figures are and how completely the cards behind them could be converted. */
export const MoneyResultSchema = z
  .object({
    currency: z.enum(['local', 'usd']),
    currencyCode: z.string().meta({ description: 'ISO 4217 code of the figures', example: 'USD' }),
    basis: z.enum(['nominal', 'constant']),
    baseYear: z.number().int().nullable(),
    measures: z.array(z.string()).meta({ description: 'The figures (measures, columns) in this money' }),
    cards: z.number().int().meta({ description: 'Cards matching the filter' }),
    withLoss: z.number().int().meta({ description: 'Cards with a loss in either currency' }),
    counts: z
      .object(
        Object.fromEntries(MONEY_FLAGS.map((f) => [f, z.number().int()])) as Record<MoneyFlag, z.ZodNumber>,
      )
      .meta({
        description:
          'Cards reported in the currency, converted from the other, deflated, or left out for a missing rate or CPI',
      }),
    missingRateYears: z.array(z.number().int()).meta({ description: 'Card years lacking an exchange rate' }),
    missingCpiYears: z.array(z.number().int()).meta({ description: 'Card years lacking a price index' }),
  })
  .meta({ id: 'MoneyResult' });

/** The money block of a result. */
export type MoneyResult = z.infer<typeof MoneyResultSchema>;
