import { Foundation1764390000000 } from './1764390000000-Foundation';
import { GeoReference1764390000100 } from './1764390000100-GeoReference';
import { Notifications1764395000000 } from './1764395000000-Notifications';
import { CertificateReminders1764395000100 } from './1764395000100-CertificateReminders';
import { Catalog1764400000000 } from './1764400000000-Catalog';
import { CatalogSearchWords1764400000100 } from './1764400000100-CatalogSearchWords';
import { ListingSearch1764400000200 } from './1764400000200-ListingSearch';
import { ListingSearchFilterTokens1764400000300 } from './1764400000300-ListingSearchFilterTokens';
import { CatalogSearchVersion1764400000400 } from './1764400000400-CatalogSearchVersion';
import { Ordering1764410000000 } from './1764410000000-Ordering';
import { Fairs1764420000000 } from './1764420000000-Fairs';
import { Payments1764430000000 } from './1764430000000-Payments';
import { Reporting1764440000000 } from './1764440000000-Reporting';
import { ReportingIndexes1764440000100 } from './1764440000100-ReportingIndexes';
import { RequireGuard1764450000000 } from './1764450000000-RequireGuard';
import { IdempotentFailures1764460000000 } from './1764460000000-IdempotentFailures';
import { SearchTypoKeys1764460000100 } from './1764460000100-SearchTypoKeys';
import { RevokedSignInsIndex1764460000200 } from './1764460000200-RevokedSignInsIndex';
import { InvoiceTransfers1764460000300 } from './1764460000300-InvoiceTransfers';
import { LedgerEntryIds1764460000400 } from './1764460000400-LedgerEntryIds';

/** Every migration, in order. A new migration file is added here as well. */
export const MIGRATIONS = [
  Foundation1764390000000,
  GeoReference1764390000100,
  Notifications1764395000000,
  CertificateReminders1764395000100,
  Catalog1764400000000,
  CatalogSearchWords1764400000100,
  ListingSearch1764400000200,
  ListingSearchFilterTokens1764400000300,
  CatalogSearchVersion1764400000400,
  Ordering1764410000000,
  Fairs1764420000000,
  Payments1764430000000,
  Reporting1764440000000,
  ReportingIndexes1764440000100,
  RequireGuard1764450000000,
  IdempotentFailures1764460000000,
  SearchTypoKeys1764460000100,
  RevokedSignInsIndex1764460000200,
  InvoiceTransfers1764460000300,
  LedgerEntryIds1764460000400,
];
