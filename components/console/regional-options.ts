// Choices offered by the console's settings forms. The API accepts any valid
// IANA zone, BCP 47 locale and ISO 4217 code; these are the common ones, and a
// tenant's current value is always offered even when it is not in the list.

export const LOCALES: { value: string; label: string }[] = [
  { value: "en-US", label: "English (United States)" },
  { value: "en-GB", label: "English (United Kingdom)" },
  { value: "en-CA", label: "English (Canada)" },
  { value: "en-AU", label: "English (Australia)" },
  { value: "de-DE", label: "German (Germany)" },
  { value: "fr-FR", label: "French (France)" },
  { value: "es-ES", label: "Spanish (Spain)" },
  { value: "es-MX", label: "Spanish (Mexico)" },
  { value: "it-IT", label: "Italian (Italy)" },
  { value: "nl-NL", label: "Dutch (Netherlands)" },
  { value: "pt-BR", label: "Portuguese (Brazil)" },
  { value: "sv-SE", label: "Swedish (Sweden)" },
  { value: "pl-PL", label: "Polish (Poland)" },
  { value: "ja-JP", label: "Japanese (Japan)" },
  { value: "ko-KR", label: "Korean (South Korea)" },
  { value: "zh-CN", label: "Chinese (China)" },
  { value: "hi-IN", label: "Hindi (India)" },
];

export const CURRENCIES: { value: string; label: string }[] = [
  { value: "USD", label: "USD — US dollar" },
  { value: "EUR", label: "EUR — Euro" },
  { value: "GBP", label: "GBP — Pound sterling" },
  { value: "CAD", label: "CAD — Canadian dollar" },
  { value: "AUD", label: "AUD — Australian dollar" },
  { value: "CHF", label: "CHF — Swiss franc" },
  { value: "SEK", label: "SEK — Swedish krona" },
  { value: "PLN", label: "PLN — Polish złoty" },
  { value: "JPY", label: "JPY — Japanese yen" },
  { value: "KRW", label: "KRW — South Korean won" },
  { value: "CNY", label: "CNY — Chinese yuan" },
  { value: "INR", label: "INR — Indian rupee" },
  { value: "BRL", label: "BRL — Brazilian real" },
  { value: "MXN", label: "MXN — Mexican peso" },
];

export const DATE_FORMATS: { value: string; label: string }[] = [
  { value: "%Y-%m-%d", label: "2026-11-23 (ISO)" },
  { value: "%m/%d/%Y", label: "11/23/2026 (US)" },
  { value: "%d/%m/%Y", label: "23/11/2026 (UK, EU)" },
  { value: "%d.%m.%Y", label: "23.11.2026" },
  { value: "%b %d, %Y", label: "Nov 23, 2026" },
];

export const TIME_FORMATS: { value: string; label: string }[] = [
  { value: "%H:%M", label: "14:05 (24-hour)" },
  { value: "%I:%M %p", label: "02:05 PM (12-hour)" },
];

/** The options, with `current` added when it is not one of them. */
export function withCurrent(options: { value: string; label: string }[], current: string | undefined): { value: string; label: string }[] {
  return current && !options.some((o) => o.value === current) ? [{ value: current, label: current }, ...options] : options;
}
