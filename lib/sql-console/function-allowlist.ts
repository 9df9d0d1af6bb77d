/**
 * The functions a console statement may call, by name (any argument types),
 * unqualified or qualified with pg_catalog. Everything else is refused,
 * including every function the tenant's schema defines and every `pg_*`
 * function but pg_typeof.
 *
 * What is on it: pure or merely volatile built-ins that compute from their
 * arguments — aggregates, window functions, maths, text, date/time, JSON,
 * arrays, ranges, full-text search, UUIDs — and functional-notation casts.
 * What is deliberately not: anything that reads or changes session or server
 * state (set_config, current_setting, setseed, pg_*), sleeps or locks
 * (pg_sleep*, pg_advisory*), reads files or large objects (pg_read_*file,
 * lo_*), reaches out (dblink*), signals backends (pg_terminate/cancel_backend),
 * exposes transaction ids or snapshots (txid_*, pg_current_xact_*), runs SQL
 * text (query_to_xml*, cursor_to_xml*, xpath on queries) or reveals who and
 * where the server is (inet_server_addr, version, current_user-style
 * functions, has_*_privilege). A name missing here is refused, not guessed.
 */
const AGGREGATES = [
  "count", "sum", "avg", "min", "max", "bool_and", "bool_or", "every", "string_agg", "array_agg", "json_agg", "jsonb_agg",
  "json_object_agg", "jsonb_object_agg", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "corr",
  "covar_pop", "covar_samp", "regr_avgx", "regr_avgy", "regr_count", "regr_intercept", "regr_r2", "regr_slope", "regr_sxx",
  "regr_sxy", "regr_syy", "percentile_cont", "percentile_disc", "mode", "bit_and", "bit_or", "bit_xor", "any_value", "range_agg",
  "range_intersect_agg",
];
const WINDOW = ["row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value"];
const MATH = [
  "abs", "cbrt", "ceil", "ceiling", "degrees", "div", "exp", "factorial", "floor", "gcd", "lcm", "ln", "log", "log10", "mod", "pi",
  "power", "pow", "radians", "round", "scale", "sign", "sqrt", "trunc", "width_bucket", "random", "random_normal", "min_scale",
  "trim_scale", "sin", "cos", "tan", "cot", "asin", "acos", "atan", "atan2", "sind", "cosd", "tand", "cotd", "asind", "acosd",
  "atand", "atan2d", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "num_nulls", "num_nonnulls",
];
const TEXT = [
  "ascii", "bit_length", "btrim", "char_length", "character_length", "chr", "concat", "concat_ws", "format", "initcap", "left",
  "length", "lower", "lpad", "ltrim", "md5", "octet_length", "overlay", "position", "quote_ident", "quote_literal",
  "quote_nullable", "regexp_count", "regexp_instr", "regexp_like", "regexp_match", "regexp_matches", "regexp_replace",
  "regexp_split_to_array", "regexp_split_to_table", "regexp_substr", "repeat", "replace", "reverse", "right", "rpad", "rtrim",
  "split_part", "starts_with", "strpos", "substr", "substring", "translate", "btrim", "upper", "to_hex", "to_bin", "to_oct",
  "encode", "decode", "sha224", "sha256", "sha384", "sha512", "crc32", "crc32c", "string_to_array", "string_to_table",
  "array_to_string", "unistr", "normalize", "casefold", "to_char", "to_number", "to_date", "to_timestamp", "get_byte",
  "set_byte", "get_bit", "set_bit", "bit_count", "convert_from", "convert_to", "like_escape", "similar_to_escape", "similar_escape",
];
const DATE_TIME = [
  "age", "clock_timestamp", "date_bin", "date_part", "date_trunc", "date_add", "date_subtract", "extract", "isfinite",
  "justify_days", "justify_hours", "justify_interval", "make_date", "make_interval", "make_time", "make_timestamp",
  "make_timestamptz", "now", "statement_timestamp", "timeofday", "transaction_timestamp", "timezone", "overlaps",
];
const JSON_FUNCTIONS = [
  "to_json", "to_jsonb", "array_to_json", "row_to_json", "json_build_array", "jsonb_build_array", "json_build_object",
  "jsonb_build_object", "json_object", "jsonb_object", "json_array_length", "jsonb_array_length", "json_each", "jsonb_each",
  "json_each_text", "jsonb_each_text", "json_extract_path", "jsonb_extract_path", "json_extract_path_text",
  "jsonb_extract_path_text", "json_object_keys", "jsonb_object_keys", "json_array_elements", "jsonb_array_elements",
  "json_array_elements_text", "jsonb_array_elements_text", "json_typeof", "jsonb_typeof", "json_strip_nulls",
  "jsonb_strip_nulls", "jsonb_set", "jsonb_set_lax", "jsonb_insert", "jsonb_pretty", "jsonb_path_exists", "jsonb_path_match",
  "jsonb_path_query", "jsonb_path_query_array", "jsonb_path_query_first", "json_to_record", "jsonb_to_record",
  "json_to_recordset", "jsonb_to_recordset", "json_populate_record", "jsonb_populate_record", "json_populate_recordset",
  "jsonb_populate_recordset",
];
const ARRAYS = [
  "array_append", "array_cat", "array_dims", "array_fill", "array_length", "array_lower", "array_ndims", "array_position",
  "array_positions", "array_prepend", "array_remove", "array_replace", "array_upper", "array_reverse", "array_sample",
  "array_shuffle", "array_sort", "cardinality", "trim_array", "unnest", "generate_series", "generate_subscripts",
];
const RANGES = [
  "isempty", "lower_inc", "upper_inc", "lower_inf", "upper_inf", "range_merge", "int4range", "int8range", "numrange", "tsrange",
  "tstzrange", "daterange", "int4multirange", "int8multirange", "nummultirange", "tsmultirange", "tstzmultirange", "datemultirange",
  "multirange", "upper",
];
const FULL_TEXT = [
  "to_tsvector", "to_tsquery", "plainto_tsquery", "phraseto_tsquery", "websearch_to_tsquery", "ts_rank", "ts_rank_cd",
  "ts_headline", "setweight", "strip", "tsvector_to_array", "array_to_tsvector", "numnode", "querytree", "ts_delete", "ts_filter",
];
const UUIDS = ["gen_random_uuid", "uuidv4", "uuidv7", "uuid_extract_timestamp", "uuid_extract_version"];
/** `int8(x)`, `text(x)`…: the functional spelling of casts between ordinary types. */
const CASTS = [
  "text", "int2", "int4", "int8", "numeric", "float4", "float8", "bool", "date", "time", "timetz", "timestamp", "timestamptz",
  "interval", "uuid", "varchar", "bpchar", "json", "jsonb", "bytea", "money",
];
/** Pure and informative about a value only. */
const INTROSPECTION = ["pg_typeof", "pg_column_size"];

export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  ...AGGREGATES, ...WINDOW, ...MATH, ...TEXT, ...DATE_TIME, ...JSON_FUNCTIONS, ...ARRAYS, ...RANGES, ...FULL_TEXT, ...UUIDS, ...CASTS, ...INTROSPECTION,
]);

/**
 * Types a literal may be cast to only at the price of a catalogue lookup or a
 * function call by name: `'pg_authid'::regclass` reads the system catalogue,
 * `'f'::regproc` resolves functions. Refused, as are types named `pg_*`.
 */
export const REFUSED_TYPES: ReadonlySet<string> = new Set([
  "regclass", "regproc", "regprocedure", "regoper", "regoperator", "regtype", "regrole", "regnamespace",
  "regdictionary", "regcollation", "txid_snapshot",
]);
