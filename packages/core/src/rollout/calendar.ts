// Month arithmetic for the roll-out planner. Months are whole integers, never Dates: month index 0
// is the scenario's start month, and a label is 'YYYY-MM'. No time zone can shift a month.
//
// Blackout months (summer, say) hold no phase work: phases pause through them. So the scheduler
// works on *working* months only (index w = 0, 1, 2 … counts the months that are not blacked out)
// and this file maps a working month back to its calendar month.

const MONTH_LABEL = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A month as year and month number (1–12). */
export interface RolloutYearMonth {
  year: number;
  month: number;
}

/** 'YYYY-MM' → { year, month }; throws on anything else (the schema refuses it first). */
export function parseRolloutMonth(label: string): RolloutYearMonth {
  const m = MONTH_LABEL.exec(label);
  if (!m) throw new Error(`not a month like 2027-09: ${label}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** The label of calendar month `index` after `start` (index 0 is the start month itself). */
export function rolloutMonthLabel(start: RolloutYearMonth, index: number): string {
  const total = start.year * 12 + (start.month - 1) + index;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}`;
}

/** The month number (1–12) of calendar month `index` after a start month numbered `startMonth`. */
export function rolloutMonthNumber(startMonth: number, index: number): number {
  return ((startMonth - 1 + index) % 12) + 1;
}

/**
 * Maps working months to calendar months for a start month and a set of blackout month numbers.
 * Every 12 calendar months hold the same `perYear` working months, so the map is a closed form.
 */
export class RolloutWorkingCalendar {
  /** Working months in any 12 consecutive calendar months. */
  readonly perYear: number;
  /** Offsets (0–11) from the start month of the working months in each 12-month cycle. */
  private readonly offsets: number[];

  constructor(startMonth: number, blackoutMonths: readonly number[]) {
    const blackout = new Set(blackoutMonths);
    this.offsets = [];
    for (let i = 0; i < 12; i++) if (!blackout.has(rolloutMonthNumber(startMonth, i))) this.offsets.push(i);
    this.perYear = this.offsets.length;
    if (this.perYear === 0) throw new Error('every month is a blackout month');
  }

  /** Calendar month index of working month `w` (w ≥ 0). */
  calendarIndex(w: number): number {
    const cycle = Math.floor(w / this.perYear);
    return cycle * 12 + this.offsets[w - cycle * this.perYear]!;
  }

  /** Calendar months from the start month up to and including working month `w - 1`: how long `w` working months take. */
  calendarLength(workingMonths: number): number {
    return workingMonths <= 0 ? 0 : this.calendarIndex(workingMonths - 1) + 1;
  }

  /** Is calendar month `c` a working month? */
  isWorking(c: number): boolean {
    const inCycle = c % 12;
    return this.offsets.includes(inCycle);
  }
}
