import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The instance's Prometheus metrics (one registry per instance, so two instances in one
 * process do not mix). Label values are bounded: configured countries, error codes from the
 * catalogue, route patterns; never identifiers, tokens or addresses.
 */
export class Metrics {
  readonly registry = new Registry();

  /** Finished upstream logins by country and outcome (`success`, a status code such as `authentication_cancelled`, or `refused`). */
  readonly logins = new Counter({
    name: 'passerelle_logins_total', help: 'eIDAS logins answered at the ACS, by country and outcome',
    labelNames: ['country', 'outcome'] as const, registers: [this.registry],
  });

  /** SAML Responses refused at the ACS, by error code. */
  readonly acsRefusals = new Counter({
    name: 'passerelle_acs_refusals_total', help: 'SAML Responses refused at the ACS, by error code',
    labelNames: ['code'] as const, registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'passerelle_http_request_duration_seconds', help: 'HTTP request latency by route pattern, method and status class',
    labelNames: ['route', 'method', 'status'] as const, registers: [this.registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });

  readonly evidenceShares = new Counter({
    name: 'passerelle_evidence_shares_total', help: 'Evidence shared with a portal (consents given), by evidence type',
    labelNames: ['evidence_type'] as const, registers: [this.registry],
  });

  readonly verifications = new Counter({
    name: 'passerelle_evidence_verifications_total', help: 'Evidence verifications by officials, by channel and outcome',
    labelNames: ['channel', 'outcome'] as const, registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'passerelle_' });
  }

  /** A gauge whose values are read at scrape time (pool sizes, metadata age, certificate lifetimes). */
  gauge<L extends string>(name: string, help: string, labelNames: readonly L[], read: (set: (labels: Record<L, string>, value: number) => void) => void | Promise<void>): void {
    new Gauge<L>({
      name, help, labelNames, registers: [this.registry],
      async collect() {
        this.reset();
        await read((labels, value) => this.set(labels as never, value));
      },
    });
  }
}
