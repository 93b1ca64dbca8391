import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiProduces } from '@nestjs/swagger';
import { Clock, vietnamDate } from '@ocop/clock';
import { map, Observable } from 'rxjs';
import { CsvTable, toCsv } from '../domain/csv';

const CSV_EXPORT = 'ocop:reporting:csv-export';

interface CsvExport {
  /** File name stem; the Vietnamese date is appended. */
  name: string;
  table: (view: never) => CsvTable;
}

/**
 * The route's JSON view can also be downloaded as CSV (`Accept: text/csv` or `?format=csv`); the
 * controller stays a one-liner and the negotiation lives in ReportFormatInterceptor.
 */
export function CsvExportable<V>(name: string, table: (view: V) => CsvTable) {
  return applyDecorators(
    SetMetadata(CSV_EXPORT, { name, table } as CsvExport),
    ApiProduces('application/json', 'text/csv'),
  );
}

interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
}

interface ReplyLike {
  header(name: string, value: string): unknown;
}

/** The q value an Accept header gives a media type (exact match only; -1 when absent). */
function qualityOf(accept: string, mediaType: string): number {
  let best = -1;
  for (const part of accept.toLowerCase().split(',')) {
    const [media, ...params] = part.split(';').map((piece) => piece.trim());
    if (media !== mediaType) continue;
    const q = params.find((param) => param.startsWith('q='));
    best = Math.max(best, q ? Number(q.slice(2)) || 0 : 1);
  }
  return best;
}

/** Whether the caller asked for CSV: `?format=` wins, else Accept naming text/csv at least as high as JSON. */
export function wantsCsv(request: RequestLike): boolean {
  const format = request.query?.format;
  if (format === 'csv' || format === 'json') return format === 'csv';
  const accept = String(request.headers.accept ?? '');
  const csv = qualityOf(accept, 'text/csv');
  return csv > 0 && csv >= qualityOf(accept, 'application/json');
}

@Injectable()
export class ReportFormatInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<CsvExport | undefined>(CSV_EXPORT, context.getHandler());
    const http = context.switchToHttp();
    if (!spec || !wantsCsv(http.getRequest<RequestLike>())) return next.handle();
    const reply = http.getResponse<ReplyLike>();
    return next.handle().pipe(
      map((view: unknown) => {
        const filename = `${spec.name}-${vietnamDate(this.clock.now())}.csv`;
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', `attachment; filename="${filename}"`);
        reply.header('vary', 'Accept');
        return toCsv(spec.table(view as never));
      }),
    );
  }
}
