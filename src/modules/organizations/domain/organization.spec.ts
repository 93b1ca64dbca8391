import { DomainError } from '@ocop/errors';
import { assertKindFitsRole, checkStatusChange } from './organization';

describe('organization rules', () => {
  it('accepts the kinds of each role and refuses the others', () => {
    expect(() => assertKindFitsRole('producer', 'cooperative')).not.toThrow();
    expect(() => assertKindFitsRole('buyer', 'retail_chain')).not.toThrow();
    expect(() => assertKindFitsRole('organizer', 'fair_organizer')).not.toThrow();
    expect(() => assertKindFitsRole('producer', 'retail_chain')).toThrow(DomainError);
    expect(() => assertKindFitsRole('buyer', 'fair_organizer')).toThrow(DomainError);
  });

  it.each([
    ['pending', 'verified', true],
    ['pending', 'suspended', true],
    ['verified', 'suspended', true],
    ['suspended', 'verified', true],
    ['verified', 'verified', false],
  ] as const)('%s → %s is allowed (changes: %s)', (from, to, changes) => {
    expect(checkStatusChange(from, to)).toBe(changes);
  });

  it('never returns an organization to pending', () => {
    expect(() => checkStatusChange('verified', 'pending')).toThrow('INVALID_TRANSITION');
  });
});
