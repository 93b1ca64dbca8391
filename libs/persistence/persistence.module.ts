import { Global, Module } from '@nestjs/common';
import { IdempotencyStore } from './idempotency';
import { OutboxWriter } from './outbox';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({
  providers: [UnitOfWork, OutboxWriter, IdempotencyStore],
  exports: [UnitOfWork, OutboxWriter, IdempotencyStore],
})
export class PersistenceModule {}
