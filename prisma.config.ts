import { defineConfig } from "prisma/config";

// The URL is only read by Prisma's CLI; `prisma generate` does not connect.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/atrium" },
});
