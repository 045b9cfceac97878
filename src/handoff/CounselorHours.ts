import fs from 'node:fs';
import { z } from 'zod';
import { projectPath } from '../projectRoot.js';
import { isWithinArea } from './areaScope.js';

const time = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'HH:MM');
const slotSchema = z.object({ days: z.array(z.number().int().min(0).max(6)), from: time, to: time });
const hoursSchema = z.object({
  default: z.array(slotSchema),
  areas: z.record(z.string(), z.array(slotSchema)).default({}),
});

/** Vietnam has one time zone and no daylight saving. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/**
 * When counselors answer, per area, from `content/handoff/hours.json` (edited by non-programmers).
 * The most specific area code that has its own hours wins; otherwise the default hours apply.
 */
export class CounselorHours {
  constructor(private readonly hours: z.infer<typeof hoursSchema>) {}

  /** Loads and validates the hours file. */
  static load(file: string = projectPath('content', 'handoff', 'hours.json')): CounselorHours {
    return new CounselorHours(hoursSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))));
  }

  /** True when counselors of `areaCode` (or the default) are on duty at `at`. */
  isOpen(areaCode: string | null, at: Date = new Date()): boolean {
    const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
    const day = local.getUTCDay();
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    return this.slotsFor(areaCode).some((slot) => slot.days.includes(day) && minute >= minutes(slot.from) && minute < minutes(slot.to));
  }

  private slotsFor(areaCode: string | null): z.infer<typeof slotSchema>[] {
    if (areaCode === null) return this.hours.default;
    const match = Object.keys(this.hours.areas)
      .filter((code) => isWithinArea(areaCode, code))
      .sort((a, b) => b.length - a.length)[0];
    return match === undefined ? this.hours.default : (this.hours.areas[match] ?? this.hours.default);
  }
}
