import { CommonErrors } from '@ocop/errors';
import { Actor } from './actor';

/**
 * For actions on an organization's own resources: a caller from another organization gets 403.
 * Reads of another tenant's object should answer 404 instead (see `assertCanRead`).
 */
export function assertMemberOf(actor: Actor, organizationId: string): void {
  if (actor.role !== 'admin' && actor.organizationId !== organizationId) throw CommonErrors.FORBIDDEN();
}

/** Whether the caller may see an object owned by `organizationId`; administrators see everything. */
export function canRead(actor: Actor, organizationId: string): boolean {
  return actor.role === 'admin' || actor.organizationId === organizationId;
}

/** Reading another tenant's object answers 404, so its existence is not revealed. */
export function assertCanRead(actor: Actor, organizationId: string): void {
  if (!canRead(actor, organizationId)) throw CommonErrors.NOT_FOUND();
}
