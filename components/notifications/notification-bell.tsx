import type { HeaderScope } from "@/components/header/header-scope";

/** Placeholder: the bell with the unread count (issue 14, notifications). */
export function NotificationBell(props: { scope: HeaderScope }) {
  void props;
  return null;
}
