import type { MemberListParams } from "@/lib/query/keys";

/** The Members panel's starting list: the page the server prefetches must use the very same query key. */
export const MEMBERS_FIRST_PAGE: MemberListParams = { page: 1, page_size: 20, sort: "created_at", order: "desc" };
