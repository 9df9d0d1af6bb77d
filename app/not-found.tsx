import { connection } from "next/server";

export default async function NotFound() {
  // Rendered per request, so Next puts this response's CSP nonce on its scripts (a prerendered page has none and would be blocked).
  await connection();
  return (
    <main className="grid min-h-screen place-items-center bg-white px-6">
      <div className="text-center" data-testid="not-found">
        <p className="text-sm font-semibold text-slate-500">404</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Nothing here</h1>
        <p className="mt-2 text-sm text-slate-500">There is no page or workspace at this address.</p>
      </div>
    </main>
  );
}
