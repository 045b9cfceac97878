import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AreaScope } from '../handoff/areaScope.js';
import type { SqlExecutor } from '../store/Database.js';
import { hashPassword } from './passwordHash.js';

/** What an account may do: counselor (own areas), supervisor (a province), admin (everything). */
export const COUNSELOR_ROLES = ['counselor', 'supervisor', 'admin'] as const;
export type CounselorRole = (typeof COUNSELOR_ROLES)[number];

const areaCode = z.string().regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, 'area codes look like 79 or 79.26734');

/** A new account as an admin (or the CLI) describes it. */
export const newCounselorSchema = z
  .object({
    username: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,40}$/, '3-40 letters, digits, dot, dash or underscore'),
    displayName: z.string().trim().min(1).max(80),
    password: z.string().min(10, 'at least 10 characters').max(200),
    role: z.enum(COUNSELOR_ROLES).default('counselor'),
    areaCodes: z.array(areaCode).max(200).default([]),
    province: areaCode.optional(),
  })
  .refine((account) => account.role !== 'supervisor' || account.province, { path: ['province'], message: 'a supervisor needs a province' })
  .refine((account) => account.role !== 'counselor' || account.areaCodes.length > 0, { path: ['areaCodes'], message: 'a counselor needs at least one area' });
export type NewCounselor = z.input<typeof newCounselorSchema>;

/** What an admin may change on an account: its areas, a supervisor's province, and whether it may log in. */
export const counselorChangeSchema = z.object({
  areaCodes: z.array(areaCode).max(200).optional(),
  province: areaCode.nullable().optional(),
  active: z.boolean().optional(),
});
export type CounselorChange = z.infer<typeof counselorChangeSchema>;

/** An account without its password hash. */
export interface Counselor {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: CounselorRole;
  readonly areaCodes: readonly string[];
  readonly province: string | null;
  readonly active: boolean;
}

interface CounselorRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: CounselorRole;
  area_codes: string[];
  province: string | null;
  active: boolean;
  [key: string]: unknown;
}

function toCounselor(row: CounselorRow): Counselor {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, areaCodes: row.area_codes, province: row.province, active: row.active };
}

/** The areas an account sees. */
export function scopeOf(counselor: Counselor): AreaScope {
  if (counselor.role === 'admin') return { all: true };
  if (counselor.role === 'supervisor') return { codes: counselor.province ? [counselor.province] : [] };
  return { codes: counselor.areaCodes };
}

/** Raised when a username is taken. */
export class DuplicateAccountError extends Error {
  override readonly name = 'DuplicateAccountError';
}

/** The inbox's accounts: created by the admin CLI or by an admin in the inbox. */
export class CounselorAccounts {
  constructor(private readonly sql: SqlExecutor) {}

  /**
   * Creates an account (the input is validated with {@link newCounselorSchema}).
   * @throws DuplicateAccountError when the username is taken; a ZodError for bad input.
   */
  async create(input: NewCounselor): Promise<Counselor> {
    const account = newCounselorSchema.parse(input);
    const passwordHash = await hashPassword(account.password);
    const rows = await this.sql.query<CounselorRow>(
      `INSERT INTO counselor (id, username, display_name, password_hash, role, area_codes, province)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7) ON CONFLICT (username) DO NOTHING RETURNING *`,
      [randomUUID(), account.username, account.displayName, passwordHash, account.role, account.areaCodes, account.province ?? null],
    );
    if (!rows[0]) throw new DuplicateAccountError(`username ${account.username} is taken`);
    return toCounselor(rows[0]);
  }

  /** An active account by username, with its hash, for the login check. */
  async forLogin(username: string): Promise<{ counselor: Counselor; passwordHash: string } | undefined> {
    const rows = await this.sql.query<CounselorRow>('SELECT * FROM counselor WHERE username = $1 AND active', [username.trim().toLowerCase()]);
    return rows[0] && { counselor: toCounselor(rows[0]), passwordHash: rows[0].password_hash };
  }

  /** An active account by id. */
  async find(id: string): Promise<Counselor | undefined> {
    const rows = await this.sql.query<CounselorRow>('SELECT * FROM counselor WHERE id = $1 AND active', [id]);
    return rows[0] && toCounselor(rows[0]);
  }

  /**
   * Changes an account's areas, province or active flag; a deactivated account's sessions end,
   * since every request looks the account up as active.
   * @returns the account, or undefined when there is none with that id.
   */
  async update(id: string, change: CounselorChange): Promise<Counselor | undefined> {
    const rows = await this.sql.query<CounselorRow>(
      `UPDATE counselor SET
         area_codes = COALESCE($2::text[], area_codes),
         province = CASE WHEN $3 THEN $4 ELSE province END,
         active = COALESCE($5, active)
       WHERE id = $1 RETURNING *`,
      [id, change.areaCodes ?? null, change.province !== undefined, change.province ?? null, change.active ?? null],
    );
    return rows[0] && toCounselor(rows[0]);
  }

  /** Every account, by name. */
  async list(): Promise<Counselor[]> {
    const rows = await this.sql.query<CounselorRow>('SELECT * FROM counselor ORDER BY display_name, username');
    return rows.map(toCounselor);
  }
}
