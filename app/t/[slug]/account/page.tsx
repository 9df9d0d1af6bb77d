import { redirect } from "next/navigation";

export default function PortalAccountPage() {
  redirect("/account/security");
}
