import { z } from 'zod';

export const runtimeSchema = z.enum(['electron', 'harness']);

export const appInfoSchema = z.object({
  name: z.literal('Cordon'),
  version: z.string(),
  runtime: runtimeSchema,
  platform: z.string(),
  versions: z.object({ node: z.string(), electron: z.string().nullable(), chrome: z.string().nullable() }),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const healthCheckSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  detail: z.string(),
});

export const healthSchema = z.object({
  ok: z.boolean(),
  uptimeSeconds: z.number().nonnegative(),
  checks: z.array(healthCheckSchema),
});
export type Health = z.infer<typeof healthSchema>;
