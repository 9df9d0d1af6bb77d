import { redirect } from "next/navigation";
import { requireConsoleCaller } from "./_lib/require-console-caller";

export default async function ConsoleHome() {
  await requireConsoleCaller();
  redirect("/tenants");
}
