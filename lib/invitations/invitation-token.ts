import { createHash, randomBytes } from "node:crypto";

// 256 bits from the CSPRNG; only the SHA-256 digest is stored, and lookups compare digests.
export const newInvitationToken = () => randomBytes(32).toString("base64url");
export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const newInvitationId = () => `inv_${randomBytes(8).toString("hex")}`;

export const DAY_MS = 86_400_000;
