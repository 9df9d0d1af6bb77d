// Readiness is the database check of /api/health: ready when PostgreSQL answers and migrations are applied.
export { GET } from "@/app/api/health/route";

export const dynamic = "force-dynamic";
