import { redirect } from "next/navigation";

export default function ConsoleAccountPage() {
  redirect("/account/security");
}
