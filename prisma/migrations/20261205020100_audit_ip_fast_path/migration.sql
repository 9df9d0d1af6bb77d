-- atrium_try_inet entered an EXCEPTION block (a subtransaction) for every row
-- the `ip` filter looked at. Addresses as Atrium stores them (IPv4 dotted
-- quads, IPv6) are cast directly; only anything else pays for the guarded cast.
CREATE OR REPLACE FUNCTION atrium_try_inet(value text) RETURNS inet LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF value IS NULL THEN
    RETURN NULL;
  END IF;
  IF value ~ '^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$' THEN
    RETURN value::inet;
  END IF;
  BEGIN
    RETURN value::inet;
  EXCEPTION WHEN others THEN
    RETURN NULL;
  END;
END $$;
