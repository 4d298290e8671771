/** Placeholder router, filled in by its feature. */
import { newRouter } from '../router.ts';

export const hazardRoutes = newRouter();
