import { Injectable } from '@nestjs/common';
import { Actor, assertMemberOf } from '@ocop/auth';
import { addDays, Clock, vietnamDate } from '@ocop/clock';
import { CommonErrors } from '@ocop/errors';
import { Tx, UnitOfWork } from '@ocop/persistence';
import {
  FairReportRowView,
  FairsReportView,
  ProducerCountView,
  ProgrammeReportView,
  SalesReportView,
  SalesRowView,
  StarCountView,
} from '../api/report.views';
import {
  FairsReportQueryDto,
  ProgrammeReportQueryDto,
  SalesReportQueryDto,
} from '../api/dto/report-query.dto';
import { GeoFacade } from '../../geo';
import { CATEGORY_LABELS, LEVEL_LABELS } from '../domain/labels';
import { gapTo, TARGET_LABELS } from '../domain/programme-targets';
import { expiryWindow, resolvePeriod } from '../domain/report-period';
import { FairsReportRepository } from '../persistence/fairs-report.repository';
import {
  ProducerCountRow,
  ProgrammeReportRepository,
  StarCountRow,
} from '../persistence/programme-report.repository';
import {
  ChannelRow,
  isStallGroupBy,
  SalesGroupBy,
  SalesReportRepository,
} from '../persistence/sales-report.repository';

/** Certificates whose last valid day is at most this many days away are listed for renewal. */
export const EXPIRY_WATCH_DAYS = 90;

/**
 * The office's figures. Each report reads in one REPEATABLE READ transaction, so its sections agree
 * with each other even while orders keep arriving; every figure is a SQL aggregate.
 */
@Injectable()
export class ReportingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly programme: ProgrammeReportRepository,
    private readonly sales: SalesReportRepository,
    private readonly fairs: FairsReportRepository,
    private readonly geo: GeoFacade,
  ) {}

  programmeReport(query: ProgrammeReportQueryDto): Promise<ProgrammeReportView> {
    // A province that does not exist is a mistake to report, not a province with nothing in it.
    if (query.provinceCode !== undefined && !this.geo.provinceExists(query.provinceCode)) {
      throw CommonErrors.VALIDATION_FAILED({}, [{ field: 'provinceCode', message: 'unknown province code' }]);
    }
    const today = vietnamDate(this.clock.now());
    const province = query.provinceCode ?? null;
    return this.snapshot(async (tx) => {
      const organizations = await this.programme.organizationsByKindAndStatus(tx, province);
      const producersByCommune = await this.programme.producersByCommune(tx, today, province);
      const producersByDistrict = await this.programme.producersByFormerDistrict(tx, today, province);
      const byCommune = await this.programme.byCommune(tx, today, province);
      const byDistrict = await this.programme.byFormerDistrict(tx, today, province);
      const byCategory = await this.programme.byCategory(tx, today, province);
      const levels = await this.programme.certificatesByLevel(tx, today, province);
      const window = expiryWindow(today, EXPIRY_WATCH_DAYS);
      const expiring = await this.programme.expiring(tx, window.first, window.last, province);
      const targets = await this.programme.targetProgress(tx, today, province);
      return {
        asOf: today,
        provinceCode: province,
        organizations: {
          total: organizations.reduce((sum, row) => sum + row.organizations, 0),
          verified: organizations
            .filter((row) => row.status === 'verified')
            .reduce((sum, row) => sum + row.organizations, 0),
          byKindAndStatus: organizations,
          byCommune: producersByCommune.map(toProducerCount),
          byFormerDistrict: producersByDistrict.map(toProducerCount),
        },
        products: {
          certified: byCategory.reduce((sum, row) => sum + row.products, 0),
          byCommune: byCommune.map(toStarCount),
          byFormerDistrict: byDistrict.map(toStarCount),
          byCategory: byCategory.map((row) =>
            toStarCount({ ...row, name: CATEGORY_LABELS[row.code!] ?? null }),
          ),
        },
        certificatesByLevel: levels.map((row) => ({ ...row, name: LEVEL_LABELS[row.level] ?? row.level })),
        expiringSoon: {
          windowDays: EXPIRY_WATCH_DAYS,
          from: window.first,
          to: window.last,
          items: expiring.map((row) => ({
            productId: row.product_id,
            productName: row.product_name,
            producerId: row.producer_id,
            producerName: row.producer_name,
            communeCode: row.commune_code,
            communeName: row.commune_name,
            stars: row.stars,
            level: row.level,
            certificateNo: row.certificate_no,
            expiresOn: row.expires_on,
            daysLeft: row.days_left,
          })),
        },
        targets: targets.map((row) => ({
          metric: row.metric,
          label: TARGET_LABELS[row.metric],
          formerDistrictCode: row.former_district_code || null,
          formerDistrictName: row.former_district_name,
          target: row.target,
          actual: row.actual,
          gap: gapTo(row.target, row.actual),
          reached: row.actual >= row.target,
        })),
      };
    });
  }

  /** Administrators see every producer (or one, with producerId); a producer only its own rows. */
  salesReport(actor: Actor, query: SalesReportQueryDto): Promise<SalesReportView> {
    const today = vietnamDate(this.clock.now());
    const { from, to } = resolvePeriod(today, query.from, query.to);
    const groupBy: SalesGroupBy = query.groupBy ?? 'producer';
    // A producer may name itself, never another producer.
    if (query.producerId) assertMemberOf(actor, query.producerId);
    const producerId = actor.role === 'admin' ? (query.producerId ?? null) : actor.organizationId;
    return this.snapshot(async (tx) => {
      const supermarket = await this.sales.supermarket(tx, from, to, producerId, groupBy);
      // Stall fees are what producers pay: shown per group of producers, never counted as sales.
      const stalls = isStallGroupBy(groupBy)
        ? await this.sales.fairStalls(tx, from, to, producerId, groupBy)
        : [];
      const total = await this.sales.supermarketTotal(tx, from, to, producerId);
      const stallTotal = await this.sales.fairStallsTotal(tx, from, to, producerId);
      const rows = new Map<string, SalesRowView>();
      const rowFor = (row: ChannelRow, fallbackLabel: string | null): SalesRowView => {
        const id = row.key ?? '';
        let entry = rows.get(id);
        if (!entry) {
          entry = emptyRow(row.key, row.label ?? fallbackLabel);
          rows.set(id, entry);
        }
        return entry;
      };
      for (const row of supermarket) {
        const entry = rowFor(
          row,
          groupBy === 'category' && row.key ? (CATEGORY_LABELS[row.key] ?? row.key) : null,
        );
        entry.supermarketOrders = row.count;
        entry.supermarketVnd = Number(row.net_vnd);
        entry.supermarketVatVnd = Number(row.vat_vnd);
      }
      for (const row of stalls) {
        const entry = rowFor(row, null);
        entry.fairBookings = row.count;
        entry.fairStallsVnd = Number(row.net_vnd);
      }
      const list = [...rows.values()].map((row) => ({ ...row, totalVnd: row.supermarketVnd }));
      list.sort(
        (a, b) =>
          b.totalVnd - a.totalVnd ||
          b.fairStallsVnd - a.fairStallsVnd ||
          (a.label ?? '').localeCompare(b.label ?? '', 'vi'),
      );
      const totals: SalesRowView = {
        key: null,
        label: 'Tổng cộng',
        supermarketOrders: total.count,
        supermarketVnd: Number(total.net_vnd),
        supermarketVatVnd: Number(total.vat_vnd),
        fairBookings: stallTotal.count,
        fairStallsVnd: Number(stallTotal.net_vnd),
        totalVnd: Number(total.net_vnd),
      };
      return { from, to, groupBy, producerId, currency: 'VND' as const, rows: list, totals };
    });
  }

  /** Organizers see their own fairs; administrators all (or one organizer's). */
  fairsReport(actor: Actor, query: FairsReportQueryDto): Promise<FairsReportView> {
    const today = vietnamDate(this.clock.now());
    const { from, to } = resolvePeriod(
      today,
      query.from ?? addDays(today, -90),
      query.to ?? addDays(query.from ?? today, 365),
    );
    if (query.organizerId) assertMemberOf(actor, query.organizerId);
    const organizerId = actor.role === 'admin' ? (query.organizerId ?? null) : actor.organizationId;
    return this.snapshot(async (tx) => {
      const rows = await this.fairs.fairs(tx, from, to, organizerId);
      const fairs: FairReportRowView[] = rows.map((row) => ({
        fairId: row.id,
        name: row.name,
        venue: row.venue,
        status: row.status,
        organizerId: row.organizer_id,
        organizerName: row.organizer_name,
        communeCode: row.commune_code,
        communeName: row.commune_name,
        startsAt: new Date(row.starts_at).toISOString(),
        endsAt: new Date(row.ends_at).toISOString(),
        stalls: row.stalls,
        confirmed: row.confirmed,
        held: row.held,
        checkedIn: row.checked_in,
        waitlisted: row.waitlisted,
        occupancyPercent: row.occupancy_bp / 100,
        stallRevenueVnd: Number(row.revenue_vnd),
        potentialRevenueVnd: Number(row.potential_vnd),
      }));
      const sum = (pick: (row: FairReportRowView) => number) =>
        fairs.reduce((total, row) => total + pick(row), 0);
      const stalls = sum((row) => row.stalls);
      const confirmed = sum((row) => row.confirmed);
      return {
        from,
        to,
        fairs,
        totals: {
          stalls,
          confirmed,
          held: sum((row) => row.held),
          checkedIn: sum((row) => row.checkedIn),
          waitlisted: sum((row) => row.waitlisted),
          occupancyPercent: stalls === 0 ? 0 : Math.floor((confirmed * 10000) / stalls) / 100,
          stallRevenueVnd: sum((row) => row.stallRevenueVnd),
          potentialRevenueVnd: sum((row) => row.potentialRevenueVnd),
        },
      };
    });
  }

  private snapshot<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.uow.run(work, { isolation: 'REPEATABLE READ' });
  }
}

function toProducerCount(row: ProducerCountRow): ProducerCountView {
  return {
    code: row.code,
    name: row.name,
    organizations: row.organizations,
    verified: row.verified,
    withOcopProducts: row.with_ocop_products,
  };
}

function toStarCount(row: StarCountRow): StarCountView {
  return {
    code: row.code,
    name: row.name,
    products: row.products,
    star1: row.s1,
    star2: row.s2,
    star3: row.s3,
    star4: row.s4,
    star5: row.s5,
  };
}

function emptyRow(key: string | null, label: string | null): SalesRowView {
  return {
    key,
    label,
    supermarketOrders: 0,
    supermarketVnd: 0,
    supermarketVatVnd: 0,
    fairBookings: 0,
    fairStallsVnd: 0,
    totalVnd: 0,
  };
}
