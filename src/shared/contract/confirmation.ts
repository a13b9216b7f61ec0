import { z } from 'zod';

/** The reason an operator gives for going ahead with a change the guard found worse than what serves. */
export const Confirmation = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export type Confirmation = z.infer<typeof Confirmation>;
