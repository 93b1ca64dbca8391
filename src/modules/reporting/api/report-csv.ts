import { CsvTable } from '../domain/csv';
import { KIND_LABELS, STATUS_LABELS } from '../domain/labels';
import {
  FairsReportView,
  ProducerCountView,
  ProgrammeReportView,
  SalesReportView,
  StarCountView,
} from './report.views';

/**
 * The programme report in long ("tidy") form: one figure per row, so that every section fits one
 * sheet and a pivot table in Excel regroups it freely.
 */
export function programmeCsv(report: ProgrammeReportView): CsvTable {
  const rows: CsvTable['rows'] = [];
  const add = (
    section: string,
    code: string | null,
    name: string | null,
    measure: string,
    value: string | number,
  ) => rows.push([section, code, name, measure, value]);
  for (const row of report.organizations.byKindAndStatus) {
    add(
      'Chủ thể sản xuất',
      `${row.kind}/${row.status}`,
      `${KIND_LABELS[row.kind] ?? row.kind} – ${STATUS_LABELS[row.status] ?? row.status}`,
      'Số chủ thể',
      row.organizations,
    );
  }
  const producers = (section: string, list: ProducerCountView[]) => {
    for (const row of list) {
      add(section, row.code, row.name, 'Số chủ thể', row.organizations);
      add(section, row.code, row.name, 'Đã xác minh', row.verified);
      add(section, row.code, row.name, 'Có sản phẩm OCOP còn hiệu lực', row.withOcopProducts);
    }
  };
  producers('Chủ thể theo xã/phường', report.organizations.byCommune);
  producers('Chủ thể theo huyện cũ', report.organizations.byFormerDistrict);
  const stars = (section: string, list: StarCountView[]) => {
    for (const row of list) {
      add(section, row.code, row.name, 'Số sản phẩm', row.products);
      for (const n of [1, 2, 3, 4, 5] as const) {
        const count = row[`star${n}`];
        if (count > 0) add(section, row.code, row.name, `${n} sao`, count);
      }
    }
  };
  stars('Sản phẩm theo xã/phường', report.products.byCommune);
  stars('Sản phẩm theo huyện cũ', report.products.byFormerDistrict);
  stars('Sản phẩm theo nhóm', report.products.byCategory);
  for (const row of report.certificatesByLevel) {
    add('Giấy chứng nhận theo cấp', row.level, row.name, 'Còn hiệu lực', row.valid);
    add('Giấy chứng nhận theo cấp', row.level, row.name, 'Đã hết hạn', row.expired);
  }
  for (const row of report.expiringSoon.items) {
    add(
      `Sắp hết hạn (${report.expiringSoon.windowDays} ngày)`,
      row.certificateNo,
      `${row.productName} – ${row.producerName}`,
      'Ngày hết hạn',
      row.expiresOn,
    );
  }
  for (const row of report.targets) {
    const name = row.formerDistrictName
      ? `${row.label} – ${row.formerDistrictName}`
      : `${row.label} – toàn tỉnh`;
    const section = 'Mục tiêu';
    add(
      section,
      row.metric + (row.formerDistrictCode ? `/${row.formerDistrictCode}` : ''),
      name,
      'Mục tiêu',
      row.target,
    );
    add(
      section,
      row.metric + (row.formerDistrictCode ? `/${row.formerDistrictCode}` : ''),
      name,
      'Đạt',
      row.actual,
    );
    add(
      section,
      row.metric + (row.formerDistrictCode ? `/${row.formerDistrictCode}` : ''),
      name,
      'Còn thiếu',
      row.gap,
    );
  }
  return { header: ['Phần', 'Mã', 'Tên', 'Chỉ số', 'Giá trị'], rows };
}

/** Stall fees come after the total and say so: producers pay them, they are not sales. */
export function salesCsv(report: SalesReportView): CsvTable {
  const line = (row: SalesReportView['totals']) => [
    row.key,
    row.label,
    row.supermarketOrders,
    row.supermarketVnd,
    row.supermarketVatVnd,
    row.totalVnd,
    row.fairBookings,
    row.fairStallsVnd,
  ];
  return {
    header: [
      'Mã nhóm',
      'Tên nhóm',
      'Số đơn siêu thị đã giao',
      'Doanh thu siêu thị chưa VAT (VND)',
      'VAT (VND)',
      'Tổng giá trị đơn đã giao chưa VAT (VND)',
      'Số gian hàng hội chợ đã thuê',
      'Phí gian hàng đã trả (VND, không tính vào doanh thu)',
    ],
    rows: [...report.rows.map(line), line(report.totals)],
  };
}

export function fairsCsv(report: FairsReportView): CsvTable {
  return {
    header: [
      'Mã hội chợ',
      'Tên hội chợ',
      'Địa điểm',
      'Xã/phường',
      'Bắt đầu',
      'Kết thúc',
      'Trạng thái',
      'Số gian',
      'Đã xác nhận',
      'Đang giữ chỗ',
      'Đã check-in',
      'Chờ (danh sách chờ)',
      'Tỷ lệ lấp đầy (%)',
      'Doanh thu gian hàng (VND)',
    ],
    rows: report.fairs.map((fair) => [
      fair.fairId,
      fair.name,
      fair.venue,
      fair.communeName ?? fair.communeCode,
      fair.startsAt,
      fair.endsAt,
      fair.status,
      fair.stalls,
      fair.confirmed,
      fair.held,
      fair.checkedIn,
      fair.waitlisted,
      fair.occupancyPercent,
      fair.stallRevenueVnd,
    ]),
  };
}
