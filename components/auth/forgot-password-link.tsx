import Link from "next/link";

/** Under the sign-in form, on the console and every portal: /forgot-password of the same host. */
export function ForgotPasswordLink() {
  return (
    <p className="mt-4 text-center">
      <Link href="/forgot-password" className="text-[13px] font-medium text-indigo-700 underline-offset-2 hover:underline">
        Forgot password?
      </Link>
    </p>
  );
}
