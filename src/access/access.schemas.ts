import { z } from 'zod';

export const loginBody = z.object({
  username: z.string().min(1, 'Enter your username.').max(64),
  password: z.string().min(1, 'Enter your password.').max(256),
});

export const loginResult = z.object({
  mfaRequired: z.boolean(),
  csrfToken: z.string(),
  expiresAt: z.string(),
});

export const meSchema = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    fullName: z.string(),
    credentials: z.string().nullable(),
  }),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  facilityIds: z.array(z.string()),
  csrfToken: z.string().nullable(),
  mfaPassed: z.boolean(),
  mfaEnabled: z.boolean(),
  /** MFA is compulsory for this user (policy on and a patient-data permission held). */
  mfaRequired: z.boolean(),
  mustChangePassword: z.boolean(),
  idleTimeoutSeconds: z.number().int(),
  sessionExpiresAt: z.string().nullable(),
});
export type Me = z.infer<typeof meSchema>;

export const roleMatrixSchema = z.object({
  roles: z.array(z.object({ id: z.string(), label: z.string(), permissions: z.array(z.string()) })),
  permissions: z.array(z.object({ id: z.string(), description: z.string() })),
});

export const okSchema = z.object({ ok: z.literal(true) });

export const mfaCodeBody = z.object({
  code: z.string().trim().min(6, 'Enter the 6-digit code or a recovery code.').max(32),
});

export const mfaEnrolmentSchema = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrDataUrl: z.string(),
});

export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

export const passwordBody = z.object({ password: z.string().min(1, 'Enter your password.').max(256) });

export const policySchema = z.object({ mfaRequired: z.boolean() });

export const idParams = z.object({ id: z.uuid() });

export const changePasswordBody = z.object({
  currentPassword: z.string().max(256),
  newPassword: z.string().max(256),
});

export const sessionListSchema = z.array(
  z.object({
    id: z.string(),
    current: z.boolean(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
  }),
);

export const tokenListSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  }),
);

export const createTokenBody = z.object({
  name: z.string().max(100),
  expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
});

export const createdTokenSchema = z.object({
  id: z.string(),
  token: z.string(),
  expiresAt: z.string().nullable(),
});
