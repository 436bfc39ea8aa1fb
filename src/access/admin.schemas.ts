import { z } from 'zod';

export const userListQuery = z.object({
  q: z.string().max(100).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  credentials: z.string().nullable(),
  active: z.boolean(),
  mfaEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  roles: z.array(z.string()),
  facilityIds: z.array(z.string()),
});

export const userListSchema = z.object({ items: z.array(userSchema), total: z.number().int() });

export const createUserBody = z.object({
  username: z.string().max(64),
  fullName: z.string().max(200),
  credentials: z.string().max(50).nullable().optional(),
  roles: z.array(z.string()).max(20),
  facilityIds: z.array(z.uuid()).max(50).optional(),
  password: z.string().max(256),
});

export const createdUserSchema = z.object({ id: z.string(), username: z.string() });

export const updateUserBody = z.object({
  fullName: z.string().max(200).optional(),
  credentials: z.string().max(50).nullable().optional(),
  roles: z.array(z.string()).max(20).optional(),
  facilityIds: z.array(z.uuid()).max(50).optional(),
});

export const activeBody = z.object({ active: z.boolean() });
export const resetPasswordBody = z.object({ password: z.string().max(256) });
export const revokedSchema = z.object({ revoked: z.number().int() });

export const facilitySchema = z.object({ id: z.string(), code: z.string(), name: z.string() });
export const facilityListSchema = z.array(facilitySchema);
export const createFacilityBody = z.object({ code: z.string().max(20), name: z.string().max(200) });
