"use server";

import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { actionCaller } from "@/lib/auth/current-caller";
import { changePlatformRole } from "@/lib/users/change-platform-role";
import { changeUserStatus } from "@/lib/users/change-user-status";
import { getUser } from "@/lib/users/get-user";
import { listUsers } from "@/lib/users/list-users";
import type { UserView } from "@/lib/users/serialize-user";

// Server actions of the Users pages: the caller (Origin + session), then one
// service call; the services validate their input and check permissions.

export type UserList = Awaited<ReturnType<typeof listUsers>>;
export type UserDetail = Awaited<ReturnType<typeof getUser>>;
export type { UserView };

export async function listUsersAction(query: unknown): Promise<ActionResult<UserList>> {
  return runAction("user.listUsers", async () => listUsers(await actionCaller(), query));
}

export async function getUserAction(userId: unknown): Promise<ActionResult<UserDetail>> {
  return runAction("user.getUser", async () => getUser(await actionCaller(), userId));
}

export async function changePlatformRoleAction(userId: unknown, role: unknown): Promise<ActionResult<{ user: UserView }>> {
  return runAction("user.changePlatformRole", async () => changePlatformRole(await actionCaller(), userId, role));
}

export async function changeUserStatusAction(userId: unknown, status: unknown): Promise<ActionResult<{ user: UserView }>> {
  return runAction("user.changeUserStatus", async () => changeUserStatus(await actionCaller(), userId, status));
}
