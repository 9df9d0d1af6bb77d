/** Placeholder: the maintenance notice shown on a tenant's portal during its window (issue 14, notifications). */
export async function MaintenanceBanner(props: { tenantId: string }) {
  void props;
  return null;
}
