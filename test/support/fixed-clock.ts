import { Clock } from '@ocop/clock';

/** A clock standing still at an instant the test sets: for figures that depend on "today" in Vietnam. */
export class FixedClock extends Clock {
  private instant: Date;

  constructor(iso: string) {
    super();
    this.instant = new Date(iso);
  }

  override now(): Date {
    return new Date(this.instant);
  }

  set(iso: string): void {
    this.instant = new Date(iso);
  }
}
