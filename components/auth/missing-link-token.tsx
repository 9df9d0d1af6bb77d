import Link from "next/link";
import { Alert } from "@/components/ui/alert";

/** A reset or verification page opened without its token (a truncated link). */
export function MissingLinkToken({ what }: { what: "reset" | "verification" }) {
  return (
    <Alert tone="danger" title="This link is incomplete">
      Open the whole link from the mail again.{" "}
      {what === "reset" ? (
        <Link href="/forgot-password" className="font-medium underline underline-offset-2">
          Ask for a new link
        </Link>
      ) : (
        "Signed in, you can ask for a new one from the banner."
      )}
    </Alert>
  );
}
