import type { RoleView } from "@/lib/actions/member-actions";

/** The <option>s of a role picker: built-in roles, then the tenant's custom roles. */
export function RoleOptions({ roles }: { roles: RoleView[] }) {
  const builtIn = roles.filter((r) => r.built_in);
  const custom = roles.filter((r) => !r.built_in);
  return (
    <>
      <optgroup label="Built-in roles">
        {builtIn.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </optgroup>
      {custom.length ? (
        <optgroup label="Custom roles">
          {custom.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </optgroup>
      ) : null}
    </>
  );
}
