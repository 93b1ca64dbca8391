import { Actor, assertMemberOf } from '@ocop/auth';
import { CommonErrors } from '@ocop/errors';
import { Fair, PUBLIC_FAIR_STATUSES } from '../domain/fair';
import { FairErrors } from '../domain/fairs.errors';

export function isOwnerOrAdmin(actor: Actor | undefined, fair: Pick<Fair, 'organizerId'>): boolean {
  return actor !== undefined && (actor.role === 'admin' || actor.organizationId === fair.organizerId);
}

/** A draft is visible to its organizer (and administrators) only; anyone else gets 404. */
export function requireVisible(fair: Fair | undefined, actor: Actor | undefined): Fair {
  if (!fair) throw FairErrors.FAIR_NOT_FOUND();
  if (!PUBLIC_FAIR_STATUSES.includes(fair.status) && !isOwnerOrAdmin(actor, fair)) {
    throw FairErrors.FAIR_NOT_FOUND();
  }
  return fair;
}

/**
 * Managing a fair is its own organizer's (the contract names no one else): 404 when the caller may
 * not even see it, 403 when it is someone else's. Administrators oversee the programme, so they
 * read everything but act for no organizer.
 */
export function requireOrganizerOf(fair: Fair | undefined, actor: Actor): Fair {
  const visible = requireVisible(fair, actor);
  if (actor.role !== 'organizer' || actor.organizationId !== visible.organizerId) {
    throw CommonErrors.FORBIDDEN();
  }
  return visible;
}

/** The fair's figures: its organizer, or an administrator overseeing the programme. */
export function requireOverseerOf(fair: Fair | undefined, actor: Actor): Fair {
  const visible = requireVisible(fair, actor);
  assertMemberOf(actor, visible.organizerId);
  return visible;
}
