// The cluster suite's passwords and NEXTAUTH_SECRET in one place: tests/cluster/global-setup.ts
// seeds and starts the instances with them, and scripts/check-logs-for-secrets.ts greps the
// instances' logs (test-results/cluster/*.log) for each one after the suite.

export const CLUSTER_NEXTAUTH_SECRET = "cluster-secret-0123456789abcdef0123456789";
export const CLUSTER_ADMIN_PASSWORD = "cluster-admin-password";
export const CLUSTER_STAFF_PASSWORD = "cluster-staff-password";

export const CLUSTER_SECRETS: Readonly<Record<string, string>> = { CLUSTER_NEXTAUTH_SECRET, CLUSTER_ADMIN_PASSWORD, CLUSTER_STAFF_PASSWORD };
