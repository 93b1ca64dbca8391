import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';
import { ProgrammeTarget } from '../domain/programme-targets';
import { ProgrammeTargetRepository } from '../persistence/programme-report.repository';

/** What other parts of the application (the demo seed, the CLI) may do with reporting. */
@Injectable()
export class ReportingFacade {
  constructor(private readonly targets: ProgrammeTargetRepository) {}

  /** Sets targets that are not set yet; targets the office has set are left as they are. */
  addMissingTargets(tx: Tx, targets: ProgrammeTarget[]): Promise<number> {
    return this.targets.addMissing(tx, targets);
  }
}
