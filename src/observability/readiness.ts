/** One dependency's state as /readyz reports it. */
export interface CheckResult {
  /** `ok`; `degraded` (serving, but an operator should act: stale metadata, a certificate ending soon); `down` (cannot serve). */
  status: 'ok' | 'degraded' | 'down';
  /** Facts for the operator (no personal data, no secrets). */
  detail?: Record<string, unknown>;
}

export type Check = () => Promise<CheckResult> | CheckResult;

/**
 * The dependencies an instance needs, each reporting its own state. /readyz answers 503 only
 * when one is `down` (the database): stale metadata of one country or a certificate near its
 * end must not take every instance out of the load balancer at once, so they are `degraded`
 * with a 200 and show up in the detail and the metrics instead.
 */
export class Readiness {
  private readonly checks = new Map<string, Check>();

  register(name: string, check: Check): void {
    this.checks.set(name, check);
  }

  async report(): Promise<{ status: 'ready' | 'degraded' | 'unavailable'; checks: Record<string, CheckResult> }> {
    const checks: Record<string, CheckResult> = {};
    for (const [name, check] of this.checks) {
      try {
        checks[name] = await check();
      } catch (error) {
        checks[name] = { status: 'down', detail: { error: (error as Error).name } };
      }
    }
    const states = Object.values(checks).map((c) => c.status);
    const status = states.includes('down') ? 'unavailable' : states.includes('degraded') ? 'degraded' : 'ready';
    return { status, checks };
  }
}
