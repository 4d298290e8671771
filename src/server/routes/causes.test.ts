import { catalogueTestEnv, describeCodeCatalogue } from '../../testing/catalogue-factories.ts';

const env = catalogueTestEnv();

describeCodeCatalogue(
  {
    path: 'causes',
    auditEntity: 'cause',
    seededId: (s) => s.causeId,
    seededCode: 'RAIN',
    cardColumn: 'causeId',
  },
  env,
);
