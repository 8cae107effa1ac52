import type { Health } from '../../shared/ipc/app-schemas';

/** A named probe; later features (the store, the script runner) register their own. */
export interface HealthProbe {
  name: string;
  check(): Promise<{ ok: boolean; detail: string }> | { ok: boolean; detail: string };
}

export function createHealthService(probes: readonly HealthProbe[], startedAt: number, now: () => number) {
  return {
    async health(): Promise<Health> {
      const checks = await Promise.all(
        probes.map(async (probe) => {
          try {
            return { name: probe.name, ...(await probe.check()) };
          } catch {
            return { name: probe.name, ok: false, detail: 'The check itself failed.' };
          }
        }),
      );
      return {
        ok: checks.every((c) => c.ok),
        uptimeSeconds: Math.max(0, Math.round((now() - startedAt) / 1000)),
        checks,
      };
    },
  };
}
