type InvitationRow = { id: string; email: string; role: string; invitedById: string | null; expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null; createdAt: Date };

export function invitationStatus(i: Pick<InvitationRow, "expiresAt" | "acceptedAt" | "revokedAt">, now = new Date()) {
  if (i.acceptedAt) return "accepted" as const;
  if (i.revokedAt) return "revoked" as const;
  return i.expiresAt <= now ? ("expired" as const) : ("pending" as const);
}

// Never includes the token or its hash. `resendAvailableAt`: when the invitee may be mailed again (null: now).
export const serializeInvitation = (i: InvitationRow, resendAvailableAt: Date | null = null) => ({
  id: i.id,
  email: i.email,
  role: i.role,
  status: invitationStatus(i),
  invited_by_id: i.invitedById,
  expires_at: i.expiresAt.toISOString(),
  created_at: i.createdAt.toISOString(),
  resend_available_at: resendAvailableAt?.toISOString() ?? null,
});
