/** The server's IANA zones, UTC first, so the browser offers exactly the zones the API accepts. */
export const timezoneOptions = () => ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
