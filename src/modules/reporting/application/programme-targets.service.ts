import { Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { UnitOfWork } from '@ocop/persistence';
import { PutProgrammeTargetsDto } from '../api/dto/report-query.dto';
import { ProgrammeTargetsView } from '../api/report.views';
import { ProgrammeTarget, TARGET_LABELS } from '../domain/programme-targets';
import { ReportingErrors } from '../domain/reporting.errors';
import { ProgrammeTargetRepository } from '../persistence/programme-report.repository';

/** The targets the OCOP office measures the programme against, kept in the database. */
@Injectable()
export class ProgrammeTargetsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly targets: ProgrammeTargetRepository,
  ) {}

  list(): Promise<ProgrammeTargetsView> {
    return this.uow.run(async (tx) => this.view(await this.targets.list(tx)));
  }

  /** Replaces the whole set, validated: known former districts, one target per metric and scope. */
  replace(actor: Actor, input: PutProgrammeTargetsDto): Promise<ProgrammeTargetsView> {
    const targets: ProgrammeTarget[] = input.targets.map((t) => ({
      metric: t.metric,
      formerDistrictCode: t.formerDistrictCode ?? '',
      target: t.target,
    }));
    const seen = new Set<string>();
    targets.forEach((t, index) => {
      const id = `${t.metric}/${t.formerDistrictCode}`;
      if (seen.has(id)) {
        throw ReportingErrors.TARGET_REPEATED({ metric: t.metric, scope: t.formerDistrictCode }, [
          { field: `targets[${index}]`, message: 'repeats an earlier metric and former district' },
        ]);
      }
      seen.add(id);
    });
    return this.uow.run(async (tx) => {
      const codes = [...new Set(targets.map((t) => t.formerDistrictCode).filter(Boolean))];
      const unknown = await this.targets.unknownDistricts(tx, codes);
      if (unknown.length) {
        const index = targets.findIndex((t) => t.formerDistrictCode === unknown[0]);
        throw ReportingErrors.FORMER_DISTRICT_UNKNOWN({ formerDistrictCode: unknown[0] }, [
          { field: `targets[${index}].formerDistrictCode`, message: 'unknown former district' },
        ]);
      }
      await this.targets.replaceAll(tx, targets, actor.userId);
      return this.view(await this.targets.list(tx));
    });
  }

  private view(rows: Awaited<ReturnType<ProgrammeTargetRepository['list']>>): ProgrammeTargetsView {
    return {
      targets: rows.map((row) => ({
        metric: row.metric,
        label: TARGET_LABELS[row.metric],
        formerDistrictCode: row.formerDistrictCode || null,
        formerDistrictName: row.formerDistrictName,
        target: row.target,
        updatedAt: new Date(row.updatedAt).toISOString(),
      })),
    };
  }
}
