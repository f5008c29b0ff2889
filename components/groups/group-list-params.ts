// Shared by the groups page (server: the first page rendered with the HTML) and its table (client:
// every later page from the list API), so both ask for the same thing.
import type { GroupListQuery } from "@/lib/validation/observability";

export const GROUPS_PAGE_SIZE = 50;

export type GroupListState = { search: string; status: NonNullable<GroupListQuery["status"]> | ""; sort: GroupListQuery["sort"]; dir: "asc" | "desc"; page: number };

/** What the table shows before anyone sorts, filters or pages. */
export const INITIAL_GROUP_LIST: GroupListState = { search: "", status: "", sort: "status", dir: "desc", page: 1 };

/** The list API's query parameters for that state. */
export function groupListParams(state: GroupListState): Record<string, string> {
  const params: Record<string, string> = { search: state.search, sort: state.sort, dir: state.dir, page: String(state.page), pageSize: String(GROUPS_PAGE_SIZE) };
  if (state.status) params.status = state.status;
  return params;
}
