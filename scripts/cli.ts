// `npm run cli -- <command>`: operator tasks against DATABASE_URL (or the dev database).
import { parseArgs } from "node:util";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "./lib/database";

const USAGE = `Usage: npm run cli -- <command> [options]
  api-key:create --platform --name NAME [--permissions a,b] [--expires-in-days N]   prints the new key alone on the last line
  api-key:create --tenant SLUG --name NAME [--permissions a,b] [--expires-in-days N]  a key valid only on that tenant's host (default: the admin role's permissions); without --expires-in-days it never expires
  user:create --email E --name N --password P (--platform-admin | --role admin|operator|auditor)
  tenants:purge-due                                           purge tenants whose deletion grace period is over`;

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    platform: { type: "boolean" },
    tenant: { type: "string" },
    name: { type: "string" },
    permissions: { type: "string" },
    "expires-in-days": { type: "string" },
    email: { type: "string" },
    password: { type: "string" },
    "platform-admin": { type: "boolean" },
    role: { type: "string" },
  },
  strict: true,
});

function fail(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

if (!command || command === "help" || command === "--help") {
  console.log(USAGE);
  process.exit(0);
}

const database = await openDatabase();
process.env.DATABASE_URL = database.url;
let exitCode = 0;
try {
  await migrate(database.url);
  const { systemCaller } = await import("@/lib/auth/caller");
  const { AppError } = await import("@/lib/http/errors");
  const operator = systemCaller(`cli (${process.env.USER ?? "operator"})`);
  try {
    switch (command) {
      case "api-key:create": {
        if (Boolean(values.platform) === Boolean(values.tenant)) fail("give either --platform or --tenant SLUG");
        if (!values.name) fail("--name is required");
        const days = values["expires-in-days"] === undefined ? undefined : Number(values["expires-in-days"]);
        if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 3650)) fail("--expires-in-days takes a whole number of days from 1 to 3650");
        if (values.tenant) {
          const { createTenantApiKeyForSlug } = await import("@/lib/tenant-api-keys/create-tenant-api-key");
          const { key, apiKey } = await createTenantApiKeyForSlug(operator, values.tenant, { name: values.name, permissions: values.permissions?.split(",").map((p) => p.trim()), expires_in_days: days });
          console.log(`Created API key ${apiKey.id} for tenant ${values.tenant} (${apiKey.permissions.join(", ")}). It is shown once:`);
          console.log(key);
          break;
        }
        const { createPlatformApiKey } = await import("@/lib/auth/api-keys");
        const { PLATFORM_PERMISSIONS } = await import("@/lib/auth/permissions");
        const permissions = values.permissions?.split(",").map((p) => p.trim());
        const unknown = permissions?.filter((p) => !(PLATFORM_PERMISSIONS as readonly string[]).includes(p)) ?? [];
        if (unknown.length) fail(`unknown permission(s): ${unknown.join(", ")} (known: ${PLATFORM_PERMISSIONS.join(", ")})`);
        const { apiKeyExpiresAt } = await import("@/lib/schemas/api-key-expiry");
        const { key, apiKey } = await createPlatformApiKey(operator, { name: values.name, permissions: permissions as never, expiresAt: apiKeyExpiresAt({ expires_in_days: days }) });
        console.log(`Created platform API key ${apiKey.id} (${apiKey.permissions.join(", ")}). It is shown once:`);
        console.log(key);
        break;
      }
      case "user:create": {
        const role = values["platform-admin"] ? "admin" : values.role;
        if (!role) fail("give --platform-admin or --role");
        // Invitation emails and the audit trail name staff by this; an email's local part ("jsmith") is not a name.
        if (!values.name?.trim()) fail('give --name "Full Name": invitation emails and the audit log show it');
        const { createStaffUser } = await import("@/lib/users/create-staff-user");
        const user = await createStaffUser(operator, { email: values.email, password: values.password, name: values.name, platform_role: role });
        console.log(`${user.created ? "Created" : "Updated"} ${user.email} (${user.id}) as platform ${user.platform_role}`);
        break;
      }
      case "tenants:purge-due": {
        const { purgeDueTenants } = await import("@/lib/tenants/tenant-deletion");
        const purged = await purgeDueTenants(operator);
        console.log(purged.length ? `Purged ${purged.join(", ")}` : "Nothing is due for purging");
        break;
      }
      default:
        fail(`unknown command ${command}`);
    }
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // The message already names the first bad field; list them all only when there are several.
    const list = Array.isArray(err.details) && err.details.length > 1 ? (err.details as { path: string; message: string }[]) : [];
    const details = list.map((d) => `\n  ${d.path}: ${d.message}`).join("");
    console.error(`error: ${err.message}${details}`);
    exitCode = 1;
  }
} finally {
  const { closePools } = await import("@/lib/db/pools");
  await closePools();
  await database.stop();
}
process.exit(exitCode);
