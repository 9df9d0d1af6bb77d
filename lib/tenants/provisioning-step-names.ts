// The provisioning steps' names (client and server safe).

export const PROVISIONING_STEP_NAMES = [
  "schema_creation",
  "migration_setup",
  "extensions_setup",
  "admin_creation",
  "template_settings",
  "template_roles",
  "template_webhooks",
  "template_starter_data",
  "branding_apply",
] as const;
export type ProvisioningStepName = (typeof PROVISIONING_STEP_NAMES)[number];
export const PROVISIONING_STEPS: ProvisioningStepName[] = ["schema_creation", "migration_setup", "extensions_setup", "admin_creation", "branding_apply"];
/** Provisioning from a template (lib/templates/provision-from-template.ts): its pieces are steps of their own, before branding. */
export const TEMPLATE_PROVISIONING_STEPS: ProvisioningStepName[] = [
  "schema_creation",
  "migration_setup",
  "extensions_setup",
  "admin_creation",
  "template_settings",
  "template_roles",
  "template_webhooks",
  "template_starter_data",
  "branding_apply",
];
