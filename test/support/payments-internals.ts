/** Internals the payment suites drive directly (running a job body twice, sweeping now). */
// eslint-disable-next-line no-restricted-imports
export { PayoutsService as PayoutsServiceForTests } from '../../src/modules/payments/application/payouts.service';
// eslint-disable-next-line no-restricted-imports
export { InvoicesService as InvoicesServiceForTests } from '../../src/modules/payments/application/invoices.service';
