import { Injectable } from '@nestjs/common';

export type ReadinessDetail = () => Promise<Record<string, unknown>>;

/**
 * Other modules add informational details to /health/ready (queue depth, outbox lag). Details never
 * decide readiness — only the dependency checks do — and one that throws is reported, not fatal.
 */
@Injectable()
export class ReadinessDetails {
  private readonly details = new Map<string, ReadinessDetail>();

  register(name: string, detail: ReadinessDetail): void {
    this.details.set(name, detail);
  }

  async collect(): Promise<Record<string, unknown>> {
    const entries = await Promise.all(
      [...this.details].map(async ([name, detail]) => {
        try {
          return [name, await detail()] as const;
        } catch (error) {
          return [name, { error: (error as Error)?.message ?? String(error) }] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  }
}
