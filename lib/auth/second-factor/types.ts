export type { SecondFactorKind } from "@/lib/auth/sessions/types";
